"""Under load: 50 concurrent clients on `kg serve` (127.0.0.1 only, bounded in count and time)."""
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

from .conftest import ROOT
from .test_serve import post, served  # noqa: F401  (the served fixture, used by name)

CQ1 = (ROOT / "kg" / "queries" / "cq1_who_alleges_coordination.rq").read_text(encoding="utf-8")
CLIENTS, PER_CLIENT, BUDGET_S = 50, 6, 60.0


def test_fifty_concurrent_clients_get_answers_without_errors(served):  # noqa: F811
    url, _ = served
    deadline = time.monotonic() + BUDGET_S

    def client(_):
        lat, errors = [], 0
        for _ in range(PER_CLIENT):
            if time.monotonic() > deadline:
                break
            t0 = time.perf_counter()
            try:
                status, data = post(url + "/query", CQ1, "application/sparql-query")
                if status != 200 or b"results" not in data:
                    errors += 1
            except Exception:  # a refused connection or timeout is an error we count
                errors += 1
            lat.append((time.perf_counter() - t0) * 1000)
        return lat, errors

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        results = list(pool.map(client, range(CLIENTS)))
    lat = sorted(x for r, _ in results for x in r)
    errors = sum(e for _, e in results)
    p50 = statistics.median(lat)
    p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
    print(f"\nload: {CLIENTS} clients, {len(lat)} requests, {errors} errors, p50 {p50:.1f} ms, p99 {p99:.1f} ms")
    assert errors == 0
    assert len(lat) >= CLIENTS  # every client got at least one answer within the budget
