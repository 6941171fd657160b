"""The NewsFANE recall net inside the pipeline: it only adds names the gazetteer left."""
from kg.nlp.pipeline import build_nlp


def test_recall_net_adds_without_overriding_the_gazetteer():
    plain, with_ner = build_nlp(), build_nlp(ner=True)
    text = "وقال الناشط سليم الحمصي إن تنظيم داعش انسحب من مدينة تدمر، بحسب وكالة رويترز."
    base = {(e.start, e.end, e.label_, e.id_) for e in plain(text).ents}
    got = {(e.start, e.end, e.label_, e.id_) for e in with_ner(text).ents}
    assert base <= got  # every gazetteer span survives, with its id
    extra = got - base
    assert all(label in {"Person", "Organization", "Location"} and not eid for _, _, label, eid in extra)


def test_pipeline_names_the_recall_net_only_when_asked():
    assert "isnad_recall_ner" not in build_nlp().pipe_names
    assert "isnad_recall_ner" in build_nlp(ner=True).pipe_names
