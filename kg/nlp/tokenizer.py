"""Tokenizer rules for Arabic news: detach «» and quotes from the letters they hug.

``لـ«الشرق الأوسط»`` → ``لـ « الشرق الأوسط »`` and ``و«داعش»`` → ``و « داعش »``: a preposition
written with tatweel, or a conjunction glued to an opening quote, becomes its own token so
names inside quotes can be matched.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.util import compile_prefix_regex, compile_suffix_regex

# a clitic letter (optionally after و/ف) stretched with tatweel: لـ بـ كـ ولـ فبـ
_TATWEEL_CLITIC = "[\u0648\u0641]?[\u0628\u0644\u0643]\u0640+"
# و/ف/ب/ل/ك immediately before an opening quote or bracket
_CLITIC_BEFORE_QUOTE = "[\u0648\u0641\u0628\u0644\u0643]{1,2}(?=[\u00ab\"\u201c\u201d(\\[])"
# sentence punctuation after a closing quote or bracket: «…».  «…»،
_TRAILING_PUNCT = "(?<=[\u00bb\"\u201d)\\]])[.\u060c,:;\u061b!?\u061f]"
# punctuation after a digit or a vowel mark, which spaCy's Arabic rules leave attached:
# «ارتفعت إلى 45.»  «بات وشيكاً.»  (tanween is a combining mark, not a letter)
_PUNCT_AFTER_DIGIT_OR_MARK = "(?<=[0-9\u0660-\u0669\u064b-\u0652])[.\u060c,:;\u061b!?\u061f]"
_QUOTES = ["\u00ab", "\u00bb", '"', "\u201c", "\u201d", "'"]


def customize_tokenizer(nlp: Language) -> Language:
    prefixes = [_TATWEEL_CLITIC, _CLITIC_BEFORE_QUOTE, *_QUOTES, *nlp.Defaults.prefixes]
    suffixes = [*_QUOTES, _TRAILING_PUNCT, _PUNCT_AFTER_DIGIT_OR_MARK, *nlp.Defaults.suffixes]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    return nlp
