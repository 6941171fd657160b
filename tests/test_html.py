"""The HTML explorer in a real headless browser (Debian's chromium via Playwright), network off.

- the corpus graph draws with no network (canvas ink, nodes reported by vis-network) and only
  file: URLs are requested; no console error, no CSP violation;
- an ingested article whose speaker and quote carry ``<img onerror>``, ``<script>``, ``href`` and
  ``javascript:`` payloads runs none of them, and its tooltip shows them as plain text;
- a 5,000-node synthetic export opens and draws (time printed, not asserted).

Screenshots go to tests/artifacts/ (gitignored). Without /usr/bin/chromium the tests skip, unless
the CI variable is set: then they fail, because .ci/run installs it.
"""
from __future__ import annotations

import os
import random
import re
import time
from pathlib import Path

import networkx as nx
import pytest

from kg.html import PHYSICS_LIMIT, render, write_graph_html

from .conftest import ROOT, run_kg

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]

PAYLOAD_ARTICLE = """اتهامات جديدة بالتنسيق بين النظام السوري وداعش في ريف حلب

وقال مصدر عسكري <img src=x onerror=window.__pwned=1> لـ«الشرق الأوسط» إن «النظام السوري ينسق مع داعش <script>window.__pwned=2</script> في ريف حلب javascript:window.__pwned=3».
ونقلت وكالة رويترز عن مصدر معارض <script>alert(1)</script> قوله إن «داعش انسحب من المواقع بالتنسيق مع قوات النظام <img src=x onerror=alert(2)> <a href="javascript:window.__pwned=4">رابط</a> javascript:alert(3)».
"""

INK = """() => {
  const c = document.querySelector('#graph canvas');
  if (!c) return {canvas: false, ink: 0};
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let ink = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i] > 0) ink++;
  return {canvas: true, ink: ink, width: c.width, height: c.height};
}"""


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        msg = "no /usr/bin/chromium (apt-get install chromium) for the browser tests"
        if os.environ.get("CI"):
            pytest.fail(f"CI: {msg}; .ci/run should have installed it")
        pytest.skip(msg)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("CI: the playwright package is missing (pip install -e '.[test]')")
        pytest.skip("the playwright package is not installed")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Page:
    """A page in an offline context that records requests, console errors and dialogs."""

    def __init__(self, browser):
        self.ctx = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []

        def route(r):
            self.requests.append(r.request.url)
            if r.request.url.startswith("file:"):
                r.continue_()
            else:
                r.abort()

        self.ctx.route("**/*", route)
        self.page = self.ctx.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def wait_for(self, flag: str, timeout_ms: int = 60_000) -> None:
        """Poll ``window.isnad[flag]`` from Python (Playwright's string predicates need eval, which CSP forbids)."""
        end = time.perf_counter() + timeout_ms / 1000
        while not self.page.evaluate(f"() => !!(window.isnad && window.isnad.{flag})"):
            if time.perf_counter() > end:
                raise AssertionError(f"window.isnad.{flag} not set after {timeout_ms} ms; errors: {self.errors}")
            self.page.wait_for_timeout(25)

    def open(self, path: Path, timeout_ms: int = 60_000) -> float:
        t = time.perf_counter()
        self.page.goto(path.resolve().as_uri())
        self.wait_for("ready", timeout_ms)
        return time.perf_counter() - t

    def close(self):
        self.ctx.close()


@pytest.fixture
def page(browser):
    p = Page(browser)
    yield p
    p.close()


def _assert_clean(p: Page):
    assert not p.dialogs, f"a dialog fired: {p.dialogs}"
    assert p.page.evaluate("typeof window.__pwned") == "undefined"
    assert p.page.evaluate("document.querySelectorAll('img, iframe, object, embed, a[href]').length") == 0
    assert not [u for u in p.requests if not u.startswith("file:")], p.requests
    assert not p.errors, p.errors


def _static_checks(html: str):
    """No remote resource, every executable script carries the nonce, CSP has no unsafe-inline script."""
    assert not re.search(r"<(link|img|iframe)\b", html, re.I)
    assert not re.search(r"\bsrc\s*=", html[: html.find('id="isnad-data"')], re.I)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";")[0]
    nonce = re.search(r"script-src 'nonce-([^']+)'", csp).group(1)
    blocks = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S | re.I)
    assert len(blocks) == 3
    for attrs, _ in blocks:
        assert f'nonce="{nonce}"' in attrs or attrs.strip() == 'type="application/json" id="isnad-data"', attrs
    rest = re.sub(r"<script\b[^>]*>.*?</script>", "", html, flags=re.S | re.I)
    assert "<script" not in rest.lower()


# ------------------------------------------------------------------ the corpus graph
def test_corpus_graph_draws_offline(page, store_path, tmp_path):
    out = tmp_path / "graph.html"
    run_kg("export", "html", "--type", "coordination", "--store", str(store_path), "--out", str(out))
    html = out.read_text(encoding="utf-8")
    _static_checks(html)
    took = page.open(out)
    page.wait_for("stable")
    page.page.wait_for_timeout(300)
    n = page.page.evaluate("window.isnad.network.body.nodeIndices.length")
    assert n == page.page.evaluate("window.isnad.nodes") and n > 10
    ink = page.page.evaluate(INK)
    assert ink["canvas"] and ink["ink"] > 2000, ink
    # Arabic labels are on the nodes, English beside them
    labels = page.page.evaluate("window.isnad.network.body.data.nodes.get().map(n => n.label)")
    assert any("داعش" in l and "ISIS" in l for l in labels)
    page.page.screenshot(path=str(ARTIFACTS / "corpus-coordination.png"))
    print(f"corpus coordination graph: {n} nodes drawn in {took:.2f} s")
    _assert_clean(page)


def test_actor_view_draws(page, store_path, tmp_path):
    out = tmp_path / "actors.html"
    run_kg("export", "html", "--view", "actors", "--store", str(store_path), "--out", str(out))
    page.open(out)
    assert page.page.evaluate(INK)["ink"] > 2000
    page.page.screenshot(path=str(ARTIFACTS / "corpus-actors.png"))
    _assert_clean(page)


# ------------------------------------------------------------------ hostile article text
@pytest.fixture(scope="module")
def payload_store(tmp_path_factory):
    d = tmp_path_factory.mktemp("payload")
    art = d / "900_payload_probe.txt"
    art.write_text(PAYLOAD_ARTICLE, encoding="utf-8")
    store = d / "store"
    run_kg("ingest", str(art), "--store", str(store))
    return store


def test_article_payloads_never_run(page, payload_store, tmp_path):
    import json

    claims = [json.loads(l) for l in run_kg("export", "claims", "--store", str(payload_store)).stdout.splitlines()]
    quotes = " ".join(c["quote"]["text"] for c in claims)
    speakers = " ".join(c["claimant"]["label"] for c in claims)
    # the payloads really reach the graph (else this test would prove nothing)
    assert "<script>window.__pwned=2</script>" in quotes and "javascript:" in quotes and "href=" in quotes
    assert "<img src=x onerror=" in quotes + speakers
    assert "<" in speakers, f"the speakers kept their markup-like text: {speakers}"

    out = tmp_path / "payload.html"
    run_kg("export", "html", "--store", str(payload_store), "--out", str(out))
    html = out.read_text(encoding="utf-8")
    _static_checks(html)
    assert "<script>window.__pwned" not in html and "<img src=x" not in html
    page.open(out)
    page.wait_for("stable")
    page.page.wait_for_timeout(300)

    # hover every claim and actor node: the tooltip shows the payload as text, builds no element from it
    seen = ""
    ids = page.page.evaluate("window.isnad.network.body.data.nodes.getIds()")
    box = page.page.locator("#graph").bounding_box()
    for nid in ids:
        pos = page.page.evaluate(
            "(id) => window.isnad.network.canvasToDOM(window.isnad.network.getPosition(id))", nid)
        page.page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
        page.page.wait_for_timeout(250)
        tip = page.page.locator("div.vis-tooltip")
        if tip.count() and tip.first.is_visible():
            seen += tip.first.text_content() + "\n"
            assert tip.first.evaluate("t => t.querySelectorAll('*:not(div):not(span)').length") == 0
        page.page.mouse.move(2, 2)
    assert "<script>window.__pwned=2</script>" in seen, seen
    assert "<img src=x onerror=" in seen
    page.page.screenshot(path=str(ARTIFACTS / "payload-article.png"))
    _assert_clean(page)

    # the search box takes the payload as text too
    page.page.fill("#search", "<img src=x onerror=alert(9)>")
    page.page.press("#search", "Enter")
    page.page.wait_for_timeout(200)
    _assert_clean(page)


def test_title_is_text(page, tmp_path):
    G = nx.MultiDiGraph()
    G.add_node("a", kind="actor", type="Person", label_ar="<script>alert(7)</script>", label_en="x")
    G.add_node("b", kind="actor", type="Faction", label_ar="href", label_en="<b>bold</b>")
    G.add_edge("a", "b", kind="about", stance="denies")
    title = "<img src=x onerror=window.__pwned=5></title><script>window.__pwned=6</script>"
    out = write_graph_html(G, tmp_path / "t.html", title=title)
    page.open(out)
    assert page.page.title() == title
    assert page.page.evaluate("document.querySelector('h1').textContent") == title
    _assert_clean(page)


# ------------------------------------------------------------------ a large graph
def _synthetic(n_nodes: int, seed: int = 7) -> nx.MultiDiGraph:
    """Claims-graph-shaped: a few hundred actors, the rest claims with a claimant and two parties."""
    rnd = random.Random(seed)
    G = nx.MultiDiGraph()
    types = ["Person", "Faction", "Organization", "MediaOutlet", "Group", "AnonymousSource"]
    actors = [f"actor/{i}" for i in range(max(10, n_nodes // 12))]
    for i, a in enumerate(actors):
        G.add_node(a, kind="actor", type=rnd.choice(types), label_ar=f"فاعل رقم {i}", label_en=f"Actor {i}")
    i = 0
    while G.number_of_nodes() < n_nodes:
        c, i = f"claim/{i}", i + 1
        st = rnd.choice(["asserts", "asserts", "denies", "hedges", "declines"])
        G.add_node(c, kind="claim", type="Claim", label_ar="قال", stance=st, quote=f"نص الادعاء رقم {i}",
                   chain="…", evidence=f"doc:{i}-{i + 9}", doc="doc", start=i, end=i + 9)
        G.add_edge(rnd.choice(actors[: len(actors) // 3]), c, kind="claims", stance=st)
        for p in rnd.sample(actors, 2):
            G.add_edge(c, p, kind="about", stance=st)
    return G


def test_5000_nodes_open_and_draw(page, tmp_path):
    G = _synthetic(5000)
    t = time.perf_counter()
    out = write_graph_html(G, tmp_path / "big.html", title="synthetic 5,000 nodes")
    built = time.perf_counter() - t
    assert G.number_of_nodes() > PHYSICS_LIMIT
    took = page.open(out, timeout_ms=120_000)
    drawn_ms = page.page.evaluate("window.isnad.drawnAt")
    n = page.page.evaluate("window.isnad.network.body.nodeIndices.length")
    ink = page.page.evaluate(INK)
    print(f"\n5,000-node export: built in {built:.2f} s; opened and first drawn in {took:.2f} s "
          f"(page clock {drawn_ms / 1000:.2f} s from navigation); {n} nodes, canvas ink {ink['ink']} px")
    assert n == 5000
    assert ink["ink"] > 5000
    assert "physics off" in page.page.text_content("#status")
    page.page.screenshot(path=str(ARTIFACTS / "synthetic-5000.png"))
    _assert_clean(page)


def test_static_page_has_no_remote_resources(tmp_path):
    html = render(_synthetic(60), title="t")
    _static_checks(html)
    low = html.lower()
    assert not any(host in low for host in ("jsdelivr", "cdnjs", "unpkg", "bootstrap"))
