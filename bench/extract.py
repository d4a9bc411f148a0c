"""Benchmark: parse + milestone extraction, articles per second, on one core.

The dev pages (../shared/eval/dev, read in place) repeated to N articles go
through the whole text path (`process_bytes`: decode, parse, clean, extract);
extraction alone is timed too, on the already parsed articles, so a slowdown
can be put on the right stage. Target: >= 300 articles/s for parse + extract.

    .venv/bin/python bench/extract.py [--n 10000] [--dir ../shared/eval/dev]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipelines.document import process_bytes  # noqa: E402
from pipelines.milestones import clear_caches, extract_milestones  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="articles to process (default 10000)")
    ap.add_argument("--dir", type=Path, default=ROOT.parent / "shared" / "eval" / "dev")
    args = ap.parse_args()

    pages = [p.read_bytes() for p in sorted(args.dir.glob("*.txt"))]
    if not pages:
        print(f"no *.txt pages in {args.dir}: pass --dir", file=sys.stderr)
        return 2
    if hasattr(os, "sched_setaffinity"):  # one core, as the target says
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    # warm-up: imports, OpenCC dictionaries, regex compilation
    parsed = [process_bytes(p) for p in pages]
    n_chars = sum(len(a.body_simplified) for a in parsed)

    batch = [pages[i % len(pages)] for i in range(args.n)]
    t0, c0 = time.perf_counter(), time.process_time()
    milestones = 0
    for i, data in enumerate(batch, 1):
        milestones += len(process_bytes(data).milestones)
        if i % 2000 == 0:
            print(f"  {i}/{args.n} articles", file=sys.stderr)
    full, full_cpu = time.perf_counter() - t0, time.process_time() - c0

    arts = [parsed[i % len(parsed)] for i in range(args.n)]
    t0, c0 = time.perf_counter(), time.process_time()
    for a in arts:
        extract_milestones(a)
    extract_only, extract_cpu = time.perf_counter() - t0, time.process_time() - c0

    # the dev pages repeat, so memoised name checks are warm above: time them cold too
    t0 = time.perf_counter()
    for a in arts[:2000]:
        clear_caches()
        extract_milestones(a)
    cold = (time.perf_counter() - t0) / min(2000, len(arts))

    per_page = []
    for a in parsed:
        t = time.perf_counter()
        for _ in range(20):
            extract_milestones(a)
        per_page.append((time.perf_counter() - t) / 20 * 1000)

    tracemalloc.start()
    for a in parsed:
        extract_milestones(a)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    print(f"pages: {len(pages)} distinct, {n_chars / len(pages):.0f} chars of body on average")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"machine load average: {load:.2f} (a shared machine: CPU-time rates are the fairer figure)"
    )
    print(
        f"parse + extract: {args.n} articles in {full:.2f} s = {args.n / full:.0f} articles/s wall, "
        f"{args.n / full_cpu:.0f} articles/s CPU ({milestones} milestones)"
    )
    print(
        f"extract only:    {args.n} articles in {extract_only:.2f} s = "
        f"{args.n / extract_only:.0f} articles/s wall, {args.n / extract_cpu:.0f} articles/s CPU"
    )
    print(f"extract only, cold name caches: {1 / cold:.0f} articles/s wall")
    print(
        f"extract per page: median {statistics.median(per_page):.2f} ms, max {max(per_page):.2f} ms"
    )
    print(f"extract peak memory (tracemalloc, one pass): {peak / 1024:.0f} KiB")
    print(
        "target: >= 300 articles/s for parse + extract (CPU): "
        + ("met" if args.n / full_cpu >= 300 else "NOT met")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
