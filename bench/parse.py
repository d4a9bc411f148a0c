"""Benchmark the seed-file parser beside trafilatura, on one core, in one run.

    .venv/bin/python bench/parse.py [--n 10000] [--dir ../shared/eval/dev]

The dev page dumps (or seeds/ when ../shared is absent) are repeated to N
articles. Ours: `parse_article(text)` (the parser alone; milestones have their
own bench). Theirs: `trafilatura.extract()` on the same text wrapped in
minimal HTML (one <p> per line), which does less (no metadata, pinyin, spam,
mojibake or city) but is the usual baseline for "clean a news page".
Target: >= 500 articles/s for ours.
"""

from __future__ import annotations

import argparse
import html
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipelines.parse import parse_article  # noqa: E402


def load(directory: Path) -> list[str]:
    files = sorted(directory.glob("*.txt"))
    if not files:
        sys.exit(f"bench/parse.py: no .txt files in {directory}")
    return [f.read_text(encoding="utf-8") for f in files]


def wrap(text: str) -> str:
    paras = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return (
        f'<html><head><meta charset="utf-8"></head><body><article>{paras}</article></body></html>'
    )


def rate(fn, docs: list[str], label: str) -> float:
    """Articles per second over all docs, printing a progress line every ~2 s."""
    start = last = time.perf_counter()
    for i, doc in enumerate(docs, 1):
        fn(doc)
        now = time.perf_counter()
        if now - last > 2:
            print(f"  {label}: {i}/{len(docs)}", file=sys.stderr)
            last = now
    return len(docs) / (time.perf_counter() - start)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="articles per contender")
    ap.add_argument("--dir", type=Path, default=ROOT.parent / "shared" / "eval" / "dev")
    ap.add_argument("--skip-trafilatura", action="store_true")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    directory = args.dir if args.dir.is_dir() else ROOT / "seeds"
    texts = load(directory)
    docs = (texts * (args.n // len(texts) + 1))[: args.n]
    chars = statistics.mean(len(t) for t in texts)
    print(
        f"{len(docs)} articles from {len(texts)} dumps in {directory} (mean {chars:.0f} chars), one core"
    )

    t0 = time.perf_counter()
    parse_article(texts[0])  # first call builds the lazy gazetteer index
    print(f"warm-up (gazetteer index): {1000 * (time.perf_counter() - t0):.0f} ms")
    ours = rate(parse_article, docs, "govwatch")
    print(f"govwatch parse_article : {ours:8.0f} articles/s  ({1000 / ours:.2f} ms/article)")

    if not args.skip_trafilatura:
        import trafilatura

        pages = [wrap(t) for t in docs]
        theirs = rate(lambda page: trafilatura.extract(page), pages, "trafilatura")
        print(
            f"trafilatura.extract    : {theirs:8.0f} articles/s  ({1000 / theirs:.2f} ms/article)"
        )
        print(f"ratio                  : {ours / theirs:8.1f}x")
    print(f"target >= 500 articles/s: {'met' if ours >= 500 else 'NOT met'}")


if __name__ == "__main__":
    main()
