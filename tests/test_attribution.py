"""Each cue family on real corpus sentences: claimant, content, outlet, relay, stance."""
from .conftest import corpus_text


def claims_in(nlp, text):
    doc = nlp(text)
    return [(c, doc[c.content_start:c.content_end].text) for c in doc._.claims]


def paragraph(prefix: str, needle: str) -> str:
    return next(l for l in corpus_text(prefix).splitlines() if needle in l)


def test_speech_verb_vso_with_role_name_and_outlet(nlp):
    text = paragraph("000", "وقال مدير المرصد رامي عبد الرحمن لوكالة")
    (c, content), *_ = claims_in(nlp, "انسحب تنظيم داعش.\n" + text)
    assert c.claimant.entity == "rami_abdulrahman"
    assert [a.entity for a in c.reported_to] == ["afp"]
    assert content.startswith("«مقاتلين من الحزب الإسلامي التركستاني")


def test_svo_subject_before_the_verb(nlp):
    text = paragraph("003", "مصدر مُطلع، قال لـ")
    (c, content), *_ = claims_in(nlp, text)
    assert c.claimant.type == "AnonymousSource" and c.claimant.label == "مصدر مُطلع"
    assert [a.entity for a in c.reported_to] == ["al_modon"]
    assert "تم توقيع هدنة" in content


def test_participles_continue_the_speaker_and_carry_the_outlet(nlp):
    text = paragraph("000", "ويقول رئيس المكتب السياسي")
    got = claims_in(nlp, text)
    assert [c.cue for c, _ in got] == ["ويقول", "أكد", "مشيرًا"]
    assert {c.claimant.entity for c, _ in got} == {"yasser_al_najjar"}
    assert all([a.entity for a in c.reported_to] == ["asharq_al_awsat"] for c, _ in got)
    assert got[0][0].stance == "hedges" and got[1][0].stance == "hedges"  # «بدت مبرمجة», «لا نمتلك إثباتات»


def test_according_to_makes_the_source_the_claimant(nlp):
    text = paragraph("000", "وفق ما أفاد المرصد")
    got = claims_in(nlp, text)
    assert any(c.claimant.entity == "sohr" and "قطع طريق استراتيجي" in content for c, content in got)


def test_relay_makes_the_medium_cited_by(nlp):
    text = paragraph("000", "ونقلت «رويترز» عن دبلوماسي غربي")
    (c, content), = [x for x in claims_in(nlp, text) if x[0].cue == "قوله"]
    assert c.claimant.label == "دبلوماسي غربي" and c.claimant.type == "AnonymousSource"
    assert [a.entity for a in c.cited_by] == ["reuters"]
    assert content.startswith("«الاتفاق يتشكل")


def test_denial_and_published_statement(nlp):
    text = paragraph("003", "نفى صحة هذه الأنباء")
    got = claims_in(nlp, text)
    c, content = got[0]
    assert c.stance == "denies" and c.claimant.entity == "mustafa_bali"
    assert content.startswith("نفى صحة هذه الأنباء")
    assert [a.entity for a in c.cited_by] == ["sdf_website"] and not c.reported_to


def test_refusal_to_comment_declines(nlp):
    text = paragraph("003", "فضّلت عدم التعليق")
    c, content = claims_in(nlp, text)[0]
    assert c.stance == "declines" and c.claimant.entity == "us"
    assert content.startswith("فضّلت عدم التعليق")


def test_hedging_participle(nlp):
    text = paragraph("001", "مرجحا أن يكون")
    got = claims_in(nlp, text)
    assert any(c.cue == "مرجحا" and c.stance == "hedges" for c, _ in got)


def test_definite_source_refers_back(nlp):
    text = "\n".join([paragraph("003", "مصدر مُطلع، قال لـ"), paragraph("003", "وأكد المصدر لـ")])
    got = claims_in(nlp, text)
    first, later = got[0][0], got[-1][0]
    assert later.claimant.label == first.claimant.label == "مصدر مُطلع"
    assert later.claimant.start == first.claimant.start  # the same source node


def test_cues_inside_a_direct_quote_are_not_claims(nlp):
    text = paragraph("000", "وقال سعيد عكاشة") if "وقال سعيد عكاشة" in corpus_text("000") else paragraph("000", "التقارير تشير")
    got = claims_in(nlp, text)
    assert not any(c.cue == "تشير" for c, _ in got)
