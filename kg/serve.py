"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over the store, with a query timeout and
a result limit.

Two processes: the Oxigraph server (the ``oxigraph`` command from PyPI, pinned to the same version
as ``pyoxigraph``: they share the on-disk format) evaluates queries, and a small Python proxy in
this module (``http.server.ThreadingHTTPServer``) is the only thing clients talk to::

    client ──HTTP──▶ proxy on --bind (127.0.0.1:7878)  ──▶  oxigraph serve-read-only --location STORE
                     (limit, read-only checks)               --bind 127.0.0.1:<free port>
                                                             --union-default-graph --timeout-s 30

- read-only: ``/query`` (and ``/sparql``) answer SELECT/ASK/CONSTRUCT/DESCRIBE (GET with
  ``?query=``, or POST with an ``application/sparql-query`` or form-encoded body; SPARQL 1.1
  Protocol); ``/update``, a POST of ``application/sparql-update``, an ``update=`` form field and
  any PUT/POST/DELETE on ``/store`` are refused by the proxy with HTTP 403, never forwarded.
  ``GET /store?graph=IRI`` (Graph Store Protocol) reads a graph, under the limit too. ``/`` is
  Oxigraph's query page (YASGUI);
- the default graph is the union of all named graphs, as for ``kg sparql`` (``GRAPH ?g`` still
  selects one document's graph);
- ``--timeout`` (default 30 s) bounds every query (Oxigraph's ``--timeout-s``); a query cancelled
  by it is answered 500 with Oxigraph's message ("The SPARQL operation has been cancelled"). Oxigraph
  0.5 does not check its timeout everywhere (an ``ORDER BY`` over a huge join runs on): the proxy
  answers such a query 504 five seconds after the timeout, though Oxigraph's worker may keep
  computing until the query ends;
- ``--limit N`` (default 10000; 0 = no limit) bounds every answer to N solutions (SELECT) or N
  triples/quads (CONSTRUCT, DESCRIBE, ``GET /store``). A cut answer carries the response header
  ``X-Isnad-Truncated: N`` (absent when the answer is complete); every query answer carries
  ``X-Isnad-Limit: N``. Clients page past the limit with ``ORDER BY`` + ``LIMIT``/``OFFSET``;
- results in the format the client asks for by ``Accept``: SPARQL results as JSON (the default),
  XML, CSV or TSV; graphs as N-Triples (the default), Turtle, N-Quads, TriG, N3, RDF/XML or
  JSON-LD; anything else is 406. Upstream errors (a syntax error: 400 with Oxigraph's message)
  pass through with their status and message;
- 127.0.0.1 by default: pass ``--bind 0.0.0.0:7878`` deliberately to serve a network. The internal
  Oxigraph server listens on a loopback port only.

How the limit is enforced: the proxy asks Oxigraph for SPARQL results as TSV (one solution per
line: the TSV format escapes tabs and newlines inside literals) and for graphs as N-Triples or
N-Quads (one triple or quad per line), reads at most N+1 lines of the answer as it streams (so a
huge result is never produced in full: closing the connection stops the evaluation), and
re-serializes the first N with pyoxigraph (``parse_query_results``/``parse``, then
``serialize``) in the requested format; the (N+1)-th line, if any, only says the answer was cut.
With ``--limit 0`` the answer streams through the same parser and serializer, chunked. Oxigraph
reports an error that happens after the answer has started (a timeout mid-stream) by appending
its message, without a final newline, to a 200 answer: the proxy turns that into a 500 (or, when
streaming without a limit, breaks the connection rather than send a silently short answer).

Stopping ``kg serve`` (Ctrl-C, SIGTERM) stops the Oxigraph server too; if ``kg serve`` is killed
outright, the kernel sends Oxigraph SIGTERM (Linux ``PR_SET_PDEATHSIG``). If Oxigraph dies, ``kg
serve`` stops with an error. The proxy logs nothing per request.

The store must not be open read-write by another process while it is served (Oxigraph:
"opening as read-only while having another process writing the database is undefined
behavior"): ``kg serve`` checks that no ``kg ingest`` holds the store before it starts; stop the
server before ingesting again, or ingest into a read-write server (``oxigraph serve`` and
``kg ingest --store http://...``).

Big dumps are loaded with ``oxigraph load`` (parallel, not over HTTP) then ``oxigraph optimize``:
``kg serve --load dump.nq`` does both before serving.
"""
from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from .store import StoreError

DEFAULT_BIND = "127.0.0.1:7878"
DEFAULT_TIMEOUT_S = 30
DEFAULT_LIMIT = 10_000
TRUNCATED_HEADER = "X-Isnad-Truncated"  # on a cut answer: how many results it holds (the limit)
LIMIT_HEADER = "X-Isnad-Limit"  # on every query answer: the limit in force (0 = none)
MAX_BODY = 16_000_000  # bytes of a POSTed query
READ_ONLY = "kg serve is read-only: SPARQL Update and writes to /store are refused"
STATIC = ("/", "/yasgui.min.js", "/yasgui.min.css", "/logo.svg")  # Oxigraph's query page
TSV, NTRIPLES, NQUADS = "text/tab-separated-values", "application/n-triples", "application/n-quads"


def oxigraph_binary() -> str:
    """The ``oxigraph`` server installed beside this Python (the PyPI package), else on PATH."""
    here = Path(sys.executable).parent / "oxigraph"
    if here.is_file():
        return str(here)
    found = shutil.which("oxigraph")
    if not found:
        raise StoreError("the Oxigraph server is not installed: pip install 'oxigraph==<pyoxigraph's version>'")
    return found


def check_version(binary: str) -> str:
    """The server's version; refuses one that differs from pyoxigraph's (the store format must match)."""
    import pyoxigraph

    out = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    version = out.split()[-1] if out else "?"
    if version != pyoxigraph.__version__:
        raise StoreError(f"{binary} is Oxigraph {version} but pyoxigraph is {pyoxigraph.__version__}: "
                         f"install oxigraph=={pyoxigraph.__version__}")
    return version


def check_store(store: str | Path) -> Path:
    """The store folder, after checking it exists and no other process holds it read-write."""
    from .store import OxigraphStore

    p = Path(store)
    if str(store).startswith(("http://", "https://")):
        raise StoreError("kg serve serves a local store folder; the URL is already a server")
    if not p.is_dir():
        raise StoreError(f"no store at {p}: run 'kg ingest' first (or pass --store)")
    OxigraphStore(p).close()  # raises "in use by another kg process" while a writer holds the lock
    return p


def serve_command(store: str | Path, bind: str = DEFAULT_BIND, timeout_s: int = DEFAULT_TIMEOUT_S,
                  binary: str | None = None) -> list[str]:
    """The Oxigraph server's command line (run on an internal loopback port by :func:`run`)."""
    return [binary or oxigraph_binary(), "serve-read-only", "--location", str(store), "--bind", bind,
            "--union-default-graph", "--timeout-s", str(int(timeout_s))]


def bulk_load(store: str | Path, files: list[Path], binary: str | None = None) -> None:
    """``oxigraph load`` the files (N-Quads, TriG, ...; in parallel) into the store, then optimize it."""
    exe = binary or oxigraph_binary()
    missing = [str(f) for f in files if not Path(f).is_file()]
    if missing:
        raise StoreError(f"no such file: {', '.join(missing)}")
    for cmd in ([exe, "load", "--location", str(store), "--file", *map(str, files)],
                [exe, "optimize", "--location", str(store)]):
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            msg = (proc.stderr or proc.stdout).strip().splitlines()
            raise StoreError(f"{' '.join(cmd[:2])} failed: {msg[-1] if msg else proc.returncode}")


# ------------------------------------------------------------------ content negotiation
def _results_formats() -> list:
    from pyoxigraph import QueryResultsFormat as F

    return [F.JSON, F.XML, F.CSV, F.TSV]  # the first is the default


def _graph_formats(datasets: bool) -> list:
    from pyoxigraph import RdfFormat as F

    if datasets:  # quads: only formats with named graphs
        return [F.N_QUADS, F.TRIG, F.JSON_LD, F.STREAMING_JSON_LD]
    return [F.N_TRIPLES, F.TURTLE, F.N_QUADS, F.TRIG, F.N3, F.RDF_XML, F.JSON_LD, F.STREAMING_JSON_LD]


def negotiate(accept: str | None, candidates: list, from_media_type):
    """The format the ``Accept`` header prefers among ``candidates`` (the first for none or ``*/*``);
    None when it accepts none of them."""
    if not accept or not accept.strip():
        return candidates[0]
    ranges = []
    for i, part in enumerate(accept.split(",")):
        fields = part.split(";")
        mt, q = fields[0].strip().lower(), 1.0
        for f in fields[1:]:
            k, _, v = f.partition("=")
            if k.strip().lower() == "q":
                try:
                    q = float(v)
                except ValueError:
                    q = 0.0
        if mt and q > 0:
            ranges.append((-q, i, mt, part.strip()))
    for _, _, mt, full in sorted(ranges):
        if mt in ("*/*", "*"):
            return candidates[0]
        if mt.endswith("/*"):
            hit = next((c for c in candidates if c.media_type.startswith(mt[:-1])), None)
        else:
            fmt = from_media_type(full)
            hit = fmt if fmt in candidates else None
        if hit is not None:
            return hit
    return None


def _content_type(fmt) -> str:
    mt = fmt.media_type
    return f"{mt}; charset=utf-8" if mt.startswith("text/") and "charset" not in mt else mt


class _Chunked:
    """A binary file over the client socket in HTTP/1.1 chunked encoding (for unlimited answers)."""

    def __init__(self, wfile, size: int = 65536):
        self.wfile, self.buf, self.size = wfile, bytearray(), size

    def write(self, data) -> int:
        self.buf += data
        if len(self.buf) >= self.size:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self.buf:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(self.buf), bytes(self.buf)))
            self.buf.clear()

    def finish(self) -> None:
        self.flush()
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()


class UpstreamError(Exception):
    """An error Oxigraph reported after it had started a 200 answer (its message ends the body)."""


def read_lines(resp, limit: int) -> tuple[list[bytes], bool]:
    """The header line and at most ``limit`` following lines of a line-based answer (TSV, N-Triples,
    N-Quads), and whether more followed. Raises :class:`UpstreamError` for Oxigraph's trailing error
    message (a last line without a newline, where a complete line was expected)."""
    lines: list[bytes] = []
    truncated = False
    while True:
        line = resp.readline()
        if not line:
            break
        if not line.endswith(b"\n"):
            raise UpstreamError(line.decode("utf-8", "replace").strip() or "the answer was cut short")
        if len(lines) >= limit:
            truncated = True
            break
        lines.append(line)
    return lines, truncated


# ------------------------------------------------------------------ the proxy
class ProxyServer(ThreadingHTTPServer):
    """The public endpoint: forwards SPARQL queries to the internal Oxigraph server, enforcing the
    result limit and refusing updates. ``upstream`` is the Oxigraph server's (host, port)."""

    daemon_threads = True
    request_queue_size = 256  # 50+ clients connecting at once must not overflow the backlog

    def __init__(self, address, limit: int = DEFAULT_LIMIT, timeout_s: int = DEFAULT_TIMEOUT_S,
                 upstream: tuple[str, int] | None = None):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)
        self.limit, self.timeout_s, self.upstream = int(limit), int(timeout_s), upstream

    def handle_error(self, request, client_address):  # a client that went away is not news
        exc = sys.exc_info()[1]
        if not isinstance(exc, (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "isnad-kg-serve"
    timeout = 300  # an idle keep-alive connection is closed after this many seconds
    server: ProxyServer

    def log_message(self, format, *args):  # noqa: A002 - no per-request log
        pass

    # ---- responses
    def _send(self, status: int, body: bytes | str, ctype: str = "text/plain; charset=utf-8",
              headers: dict | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _refuse(self) -> None:
        self._send(403, READ_ONLY)

    # ---- methods
    def do_GET(self):
        self._route()

    def do_POST(self):
        self._route()

    def do_PUT(self):
        if self._drain() is not None:
            self._refuse()

    do_DELETE = do_PATCH = do_PUT

    def _drain(self) -> bytes | None:
        """The request body (b"" if none); None after answering 411/413 (the connection then closes)."""
        if self.headers.get("Transfer-Encoding", "").lower() not in ("", "identity"):
            self.close_connection = True
            self._send(411, "send the body with a Content-Length")
            return None
        try:
            n = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            n = -1
        if n < 0 or n > MAX_BODY:
            self.close_connection = True
            self._send(413, f"the request body is over {MAX_BODY} bytes")
            return None
        return self.rfile.read(n) if n else b""

    def _route(self) -> None:
        url = urlsplit(self.path)
        body = self._drain() if self.command == "POST" else b""
        if body is None:
            return
        if url.path == "/update":
            return self._refuse()
        if url.path == "/store":
            if self.command != "GET":
                return self._refuse()
            whole = not ({"graph", "default"} & set(parse_qs(url.query, keep_blank_values=True)))
            return self._forward(body, NQUADS if whole else NTRIPLES)
        if url.path in ("/query", "/sparql"):
            ctype = self.headers.get("Content-Type", "")
            main = ctype.split(";")[0].strip().lower()
            params = parse_qs(url.query, keep_blank_values=True)
            if main == "application/sparql-update" or "update" in params:
                return self._refuse()
            if main == "application/x-www-form-urlencoded" and \
                    "update" in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True):
                return self._refuse()
            return self._forward(body, f"{TSV}, {NTRIPLES}")
        if url.path in STATIC and self.command == "GET":
            return self._forward(b"", self.headers.get("Accept") or "*/*", raw=True)
        self._send(404, f"no such endpoint: {url.path} (SPARQL queries go to /query)")

    # ---- forwarding
    def _forward(self, body: bytes, accept: str, raw: bool = False) -> None:
        host, port = self.server.upstream
        # a few seconds over Oxigraph's own timeout: a query shape Oxigraph does not cancel (it does
        # not check its timeout inside every operator, e.g. ORDER BY) still gets its 504 on time
        conn = http.client.HTTPConnection(host, port, timeout=self.server.timeout_s + 5)
        headers = {"Accept": accept}
        if self.command == "POST":
            headers["Content-Type"] = self.headers.get("Content-Type", "application/sparql-query")
        try:
            try:
                conn.request(self.command, self.path, body=body if self.command == "POST" else None,
                             headers=headers)
                resp = conn.getresponse()
                ctype = (resp.getheader("Content-Type") or "").split(";")[0].strip().lower()
                if raw or resp.status != 200 or ctype not in (TSV, NTRIPLES, NQUADS):
                    data = resp.read()
            except (http.client.HTTPException, OSError) as e:
                return self._upstream_failed(e)
            if raw or resp.status != 200 or ctype not in (TSV, NTRIPLES, NQUADS):
                # errors (400 syntax error, 406, ...), the query page: as Oxigraph sent them
                return self._send(resp.status, data, resp.getheader("Content-Type") or "text/plain")
            self._answer(resp, ctype)
        finally:
            conn.close()  # before the end of a cut answer: Oxigraph stops evaluating the query

    def _upstream_failed(self, e: Exception) -> None:
        if isinstance(e, TimeoutError):
            return self._send(504, f"the query ran over the server's timeout of {self.server.timeout_s} s")
        return self._send(502, f"the SPARQL engine failed ({type(e).__name__}: {e})")

    def _answer(self, resp, ctype: str) -> None:
        import pyoxigraph as ox

        accept = self.headers.get("Accept")
        if ctype == TSV:
            candidates, lookup = _results_formats(), ox.QueryResultsFormat.from_media_type
        else:
            candidates, lookup = _graph_formats(ctype == NQUADS), ox.RdfFormat.from_media_type
        fmt = negotiate(accept, candidates, lookup)
        if fmt is None:
            kinds = ", ".join(c.media_type for c in candidates)
            return self._send(406, f"the Accept header ({accept}) allows none of the formats of this answer: {kinds}")
        limit = self.server.limit
        headers = {LIMIT_HEADER: str(limit)}
        if limit <= 0:
            return self._stream(resp, ctype, fmt, headers)
        try:
            if ctype == TSV:
                first = resp.readline()
                if not first.endswith(b"\n"):  # ASK: a bare true/false
                    if first.strip() not in (b"true", b"false") or resp.read(1):
                        raise UpstreamError(first.decode("utf-8", "replace").strip() or "empty answer")
                    lines, truncated = [first], False
                else:
                    rows, truncated = read_lines(resp, limit)
                    lines = [first, *rows]
                results = ox.parse_query_results(b"".join(lines), ox.QueryResultsFormat.TSV)
                data = results.serialize(format=fmt)
            else:
                lines, truncated = read_lines(resp, limit)
                src = ox.RdfFormat.N_QUADS if ctype == NQUADS else ox.RdfFormat.N_TRIPLES
                data = ox.serialize(ox.parse(b"".join(lines), src), format=fmt)
        except (UpstreamError, SyntaxError, ValueError) as e:
            msg = str(e)
            if "cancelled" in msg:
                msg += f" (the query ran over the server's timeout of {self.server.timeout_s} s)"
            return self._send(500, msg)
        except (http.client.HTTPException, OSError) as e:
            return self._upstream_failed(e)
        if truncated:
            headers[TRUNCATED_HEADER] = str(limit)
        self._send(200, data, _content_type(fmt), headers)

    def _stream(self, resp, ctype: str, fmt, headers: dict) -> None:
        """No limit: parse and re-serialize as the answer streams, chunked; an upstream error
        mid-answer breaks the connection (the client sees an incomplete answer, not a short one)."""
        import pyoxigraph as ox

        self.send_response(200)
        self.send_header("Content-Type", _content_type(fmt))
        self.send_header("Transfer-Encoding", "chunked")
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        out = _Chunked(self.wfile)
        try:
            if ctype == TSV:
                ox.parse_query_results(resp, ox.QueryResultsFormat.TSV).serialize(out, fmt)
            else:
                src = ox.RdfFormat.N_QUADS if ctype == NQUADS else ox.RdfFormat.N_TRIPLES
                ox.serialize(ox.parse(resp, src), out, fmt)
        except (SyntaxError, ValueError, http.client.HTTPException, OSError):
            self.close_connection = True  # no final chunk: the client knows the answer is incomplete
            return
        out.finish()


# ------------------------------------------------------------------ running both
def parse_bind(bind: str) -> tuple[str, int]:
    host, sep, port = bind.rpartition(":")
    if not sep or not port.isdigit() or not host:
        raise StoreError(f"--bind wants HOST:PORT, not {bind!r}")
    return host.strip("[]"), int(port)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux: the kernel sends this process SIGTERM when ``kg serve`` dies, even by SIGKILL."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001 - not Linux: the normal stop path still applies
        pass


def start_oxigraph(store: str | Path, timeout_s: int, binary: str, wait_s: float = 60) -> tuple[subprocess.Popen, int]:
    """The Oxigraph server on a free loopback port, once it accepts connections: (process, port)."""
    parent = os.getpid()
    for attempt in range(5):
        port = free_port()
        proc = subprocess.Popen(serve_command(store, f"127.0.0.1:{port}", timeout_s, binary),
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
        if os.getpid() != parent:  # pragma: no cover
            os._exit(1)
        deadline = time.monotonic() + wait_s
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                threading.Thread(target=_relay, args=(proc.stderr,), daemon=True).start()
                return proc, port
            except OSError:
                time.sleep(0.1)
        if proc.poll() is None:
            stop_process(proc)
            raise StoreError(f"the Oxigraph server did not start within {wait_s:.0f} s")
        msg = proc.stderr.read().decode("utf-8", "replace").strip().splitlines()
        if msg and "in use" in msg[-1].lower() and attempt < 4:
            continue  # the free port was taken in between: try another
        raise StoreError(f"the Oxigraph server failed to start: {msg[-1] if msg else proc.returncode}")
    raise StoreError("the Oxigraph server failed to start")  # pragma: no cover


def _relay(stream) -> None:
    """Oxigraph's stderr to ours (less its 'Listening on <internal port>' line, which would mislead)."""
    for line in iter(stream.readline, b""):
        text = line.decode("utf-8", "replace").rstrip()
        if text and not text.startswith("Listening for requests"):
            sys.stderr.write(f"oxigraph: {text}\n")
            sys.stderr.flush()


def stop_process(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def run(store: str | Path, bind: str = DEFAULT_BIND, timeout_s: int = DEFAULT_TIMEOUT_S,
        limit: int = DEFAULT_LIMIT, binary: str | None = None) -> None:
    """Serve ``store`` until Ctrl-C or SIGTERM: Oxigraph on an internal port behind the proxy on ``bind``."""
    host, port = parse_bind(bind)
    try:  # listen first: a taken port fails at once, and early clients wait in the backlog
        server = ProxyServer((host, port), limit=limit, timeout_s=timeout_s)
    except OSError as e:
        raise StoreError(f"cannot listen on {bind}: {e.strerror or e}") from None
    proc = None
    died = threading.Event()
    stopping = threading.Event()
    previous = {}
    try:
        proc, inner = start_oxigraph(store, timeout_s, binary or oxigraph_binary())
        server.upstream = ("127.0.0.1", inner)

        def watch():
            proc.wait()
            if not stopping.is_set():
                died.set()
                server.shutdown()

        threading.Thread(target=watch, daemon=True).start()

        def interrupt(signum, frame):
            raise KeyboardInterrupt

        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGTERM, signal.SIGHUP):
                previous[sig] = signal.signal(sig, interrupt)
        shown = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        sys.stderr.write(f"serving {store} read-only at http://{shown}/query (union default graph, timeout "
                         f"{timeout_s}s, {'no result limit' if limit <= 0 else f'at most {limit} results per answer'}; "
                         f"oxigraph pid {proc.pid} on 127.0.0.1:{inner}); Ctrl-C stops\n")
        sys.stderr.flush()
        try:
            server.serve_forever(poll_interval=0.5)
        except KeyboardInterrupt:
            pass
    finally:
        stopping.set()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        server.server_close()
        if proc is not None:
            stop_process(proc)
    if died.is_set():
        raise StoreError(f"the Oxigraph server exited unexpectedly (code {proc.returncode})")
