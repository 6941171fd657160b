"""Bad input: each unusable file is skipped with one clear line, the rest of the batch goes in,
and the exit code and summary say how many were skipped."""
import json

import pytest

from .conftest import CORPUS, run_kg

ARTICLE = (CORPUS / "003_7c98ec50c72dc73f.txt").read_text(encoding="utf-8")
HTML = """<!doctype html><html><head><meta charset="utf-8"><title>هدنة في ريف دير الزور</title>
<meta property="og:site_name" content="المدن"></head><body><nav>الرئيسية | سياسة</nav>
<article><h1>هدنة في ريف دير الزور</h1>
<p>وقال مصدر مطلع لـ«المدن» إن الطرفين وقعا هدنة لمدة شهر.</p>
<p>وأضاف المصدر أن الاتفاق يشمل تبادل الأسرى.</p></article>
<script>alert("x")</script><footer>جميع الحقوق محفوظة</footer></body></html>"""


@pytest.fixture()
def batch(tmp_path):
    d = tmp_path / "batch"
    d.mkdir()
    (d / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "bom.txt").write_bytes("\ufeff".encode("utf-8") + ARTICLE.encode("utf-8"))
    (d / "crlf.txt").write_bytes(ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    (d / "utf16.txt").write_bytes(ARTICLE.encode("utf-16"))
    (d / "page.html").write_text(HTML, encoding="utf-8")
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (d / "latin1.txt").write_bytes("Beyrouth, l'été".encode("latin-1"))
    (d / "empty.txt").write_bytes(b"   \n")
    (d / "huge.txt").write_text(ARTICLE * 40, encoding="utf-8")
    return d


def test_bad_files_are_skipped_with_a_reason_and_the_rest_ingested(batch, tmp_path):
    store = tmp_path / "store"
    res = run_kg("ingest", str(batch), "--store", str(store), "--max-bytes", "200000", "--json", check=False)
    assert res.returncode == 1
    err = res.stderr
    assert "Traceback" not in err
    assert "binary.txt: binary file" in err
    assert "latin1.txt: not valid UTF-8" in err
    assert "empty.txt: empty file" in err
    assert "huge.txt:" in err and "over the limit" in err and "--max-bytes" in err
    summary = json.loads(res.stdout)
    assert summary["skipped"] == 4 and summary["documents"] == 5
    claims = [json.loads(l) for l in run_kg("export", "claims", "--format", "jsonl", "--store", str(store)).stdout.splitlines()]
    docs = {c["doc"] for c in claims}
    assert {"good", "bom", "crlf", "utf16", "page"} <= docs
    # the same text read four ways gives the same claims (offsets into each decoded text)
    by_doc = {d: sorted((c["quote"]["text"], c["claimant"]["label"]) for c in claims if c["doc"] == d)
              for d in ("good", "bom", "crlf", "utf16")}
    assert by_doc["good"] == by_doc["bom"] == by_doc["crlf"] == by_doc["utf16"]


def test_html_offsets_point_into_the_extracted_text(batch, tmp_path):
    store = tmp_path / "store"
    run_kg("ingest", str(batch / "page.html"), "--store", str(store))
    claims = [json.loads(l) for l in run_kg("export", "claims", "--format", "jsonl", "--store", str(store)).stdout.splitlines()]
    assert [c["claimant"]["label"] for c in claims] == ["مصدر مطلع", "مصدر مطلع"]
    q = run_kg("sparql", "PREFIX kg: <https://w3id.org/isnad/kg#> SELECT ?t WHERE { ?d kg:text ?t }",
               "--store", str(store), "--json").stdout
    text = json.loads(q)["results"]["bindings"][0]["t"]["value"]
    assert "<script>" not in text and "alert" not in text
    for c in claims:
        assert text[c["quote"]["start"]:c["quote"]["end"]] == c["quote"]["text"]


def test_explicit_unsupported_file_is_named(tmp_path):
    p = tmp_path / "report.pdf"
    p.write_bytes(b"%PDF-1.4")
    res = run_kg("ingest", str(p), "--store", str(tmp_path / "s"), check=False)
    assert res.returncode == 1 and "report.pdf: unsupported file type '.pdf'" in res.stderr


def test_hostile_names_are_values_not_query_text(store_path):
    for hostile in ['x" } UNION { ?s ?p ?o }', "x'> DROP ALL", '"""', "\\", "<script>alert(1)</script>"]:
        res = run_kg("claims", hostile, "--store", str(store_path), "--json", check=False)
        assert res.returncode == 0 and json.loads(res.stdout) == [], hostile
        res = run_kg("who-alleges", "coordination", "--between", hostile, "--store", str(store_path), check=False)
        assert res.returncode == 1 and "no entity named" in res.stderr
    # and the store is intact
    assert json.loads(run_kg("claims", "داعش", "--store", str(store_path), "--json").stdout)


def test_a_bad_jsonl_line_skips_only_that_record(tmp_path):
    body = ARTICLE.split("\n\n", 1)[-1]
    lines = [
        json.dumps({"id": "first", "title": "هدنة", "text": body}, ensure_ascii=False),
        '{"id": "broken", "text": "قال مصدر',  # cut short: not JSON
        json.dumps({"id": "notext", "title": "بلا نص"}, ensure_ascii=False),
        json.dumps({"id": "second", "title": "هدنة ثانية", "text": body}, ensure_ascii=False),
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = tmp_path / "store"
    res = run_kg("ingest", str(feed), "--store", str(store), "--json", check=False)
    assert res.returncode == 1 and "Traceback" not in res.stderr
    skipped = [l for l in res.stderr.splitlines() if l.startswith("skipped:")]
    assert len(skipped) == 2, res.stderr
    assert f"{feed}:2: not JSON" in skipped[0]
    assert f"{feed}:3: a record needs a string field 'text'" in skipped[1]
    summary = json.loads(res.stdout)
    assert summary["skipped"] == 2 and summary["documents"] == 2
    q = run_kg("sparql", "PREFIX kg: <https://w3id.org/isnad/kg#> SELECT ?d WHERE { ?d kg:text ?t }",
               "--store", str(store), "--json").stdout
    docs = {b["d"]["value"].rsplit("/", 1)[-1] for b in json.loads(q)["results"]["bindings"]}
    assert docs == {"first", "second"}
