"""Tokenizer rules for Arabic news: detach «» and quotes from the letters they hug.

``لـ«الشرق الأوسط»`` → ``لـ « الشرق الأوسط »`` and ``و«داعش»`` → ``و « داعش »``: a preposition
written with tatweel, or a conjunction glued to an opening quote, becomes its own token so
names inside quotes can be matched.
"""
from __future__ import annotations

import re
from typing import Callable

from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

try:  # the regular-expression parser of the standard library (``sre_parse`` before 3.11)
    from re import _parser as _sre
except ImportError:  # pragma: no cover
    import sre_parse as _sre  # type: ignore[no-redef]

# a clitic letter (optionally after و/ف) stretched with tatweel: لـ بـ كـ ولـ فبـ
_TATWEEL_CLITIC = "[\u0648\u0641]?[\u0628\u0644\u0643]\u0640+"
# و/ف/ب/ل/ك immediately before an opening quote or bracket
_CLITIC_BEFORE_QUOTE = "[\u0648\u0641\u0628\u0644\u0643]{1,2}(?=[\u00ab\"\u201c\u201d(\\[])"
# sentence punctuation after a closing quote or bracket: «…».  «…»،
_TRAILING_PUNCT = "(?<=[\u00bb\"\u201d)\\]])[.\u060c,:;\u061b!?\u061f]"
# punctuation after a digit or a vowel mark, which spaCy's Arabic rules leave attached:
# «ارتفعت إلى 45.»  «بات وشيكاً.»  (tanween is a combining mark, not a letter)
_PUNCT_AFTER_DIGIT_OR_MARK = "(?<=[0-9\u0660-\u0669\u064b-\u0652])[.\u060c,:;\u061b!?\u061f]"
# digits glued to a word of three letters or more: an outlet's name «كوردستان24», «فرانس24» (not
# «الـ55», whose tatweel is no letter here)
_DIGITS_AFTER_WORD = "(?<=[\u0621-\u063a\u0641-\u064a]{3})[0-9\u0660-\u0669]+"
_QUOTES = ["\u00ab", "\u00bb", '"', "\u201c", "\u201d", "'"]


def consumable_chars(pattern: re.Pattern) -> frozenset[str] | None:
    """Every character a match of ``pattern`` can consume (lookarounds and anchors consume none),
    or None when that set is open (``.``, ``\\w``, a negated class, a back-reference, …)."""
    out: set[str] = set()
    fold = bool(pattern.flags & re.IGNORECASE)

    def add(ch: str) -> None:
        out.add(ch)
        if fold:
            out.update((ch.lower(), ch.upper(), ch.casefold()))

    def walk(items) -> bool:
        for op, av in items:
            name = str(op)
            if name == "LITERAL":
                add(chr(av))
            elif name == "IN":
                for o, a in av:
                    if str(o) == "LITERAL":
                        add(chr(a))
                    elif str(o) == "RANGE":
                        for c in range(a[0], a[1] + 1):
                            add(chr(c))
                    else:  # NEGATE, CATEGORY
                        return False
            elif name == "SUBPATTERN":
                if not walk(av[-1]):
                    return False
            elif name == "BRANCH":
                if not all(walk(b) for b in av[1]):
                    return False
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT", "ATOMIC_GROUP"):
                if not walk(av[-1] if name != "ATOMIC_GROUP" else av):
                    return False
            elif name in ("ASSERT", "ASSERT_NOT", "AT"):
                continue  # zero-width
            else:  # ANY, NOT_LITERAL, CATEGORY, GROUPREF, …
                return False
        return True

    return frozenset(out) if walk(_sre.parse(pattern.pattern, pattern.flags)) else None


class _Guarded:
    """``regex.search`` (or ``finditer``) behind a test that the string can match at all.

    Most Arabic words hold no character any affix rule can consume, yet spaCy runs the three
    affix regexes over every word it has not seen before, and Python's ``re`` tries a
    ``$``-anchored alternation at every position. The guard answers "no match" for those words
    without running the regex: the same answer, since a match that consumes nothing is no
    affix to spaCy. ``__self__`` is the compiled regex, where spaCy looks for the pattern when
    it saves a tokenizer.
    """

    def __init__(self, regex: re.Pattern, chars: frozenset[str], where: str):
        self.__self__ = regex
        self._chars, self._where = chars, where
        self._run: Callable = regex.finditer if where == "any" else regex.search

    def __call__(self, string: str):
        chars = self._chars
        if self._where == "first":
            if string and string[0] not in chars:
                return None
        elif self._where == "last":
            if string and string[-1] not in chars:
                return None
        elif chars.isdisjoint(string):
            return iter(())
        return self._run(string)


def guarded(regex: re.Pattern, where: str) -> Callable:
    """``regex.search`` / ``regex.finditer`` with the guard of :class:`_Guarded` when the
    characters the regex can consume form a closed set; the plain method otherwise.

    ``where``: "first" (prefixes, anchored at the start), "last" (suffixes, anchored at the end)
    or "any" (infixes, ``finditer``).
    """
    chars = consumable_chars(regex)
    if chars is None:
        return regex.finditer if where == "any" else regex.search
    return _Guarded(regex, chars, where)


def customize_tokenizer(nlp: Language) -> Language:
    prefixes = [_TATWEEL_CLITIC, _CLITIC_BEFORE_QUOTE, *_QUOTES, *nlp.Defaults.prefixes]
    suffixes = [*_QUOTES, _TRAILING_PUNCT, _PUNCT_AFTER_DIGIT_OR_MARK, _DIGITS_AFTER_WORD, *nlp.Defaults.suffixes]
    nlp.tokenizer.prefix_search = guarded(compile_prefix_regex(prefixes), "first")
    nlp.tokenizer.suffix_search = guarded(compile_suffix_regex(suffixes), "last")
    nlp.tokenizer.infix_finditer = guarded(compile_infix_regex(nlp.Defaults.infixes), "any")
    return nlp
