"""Crawl throughput over the offline mirror: all pipelines vs bare Scrapy, in one run.

    .venv/bin/python bench/crawl.py [--copies 10] [--repeat 2]

The mirror is enlarged (each article published `copies` times under new
slugs) so a crawl lasts long enough to time. Each crawl runs in a child
process (a fresh Twisted reactor), in two modes:

  bare: the same spiders, ITEM_PIPELINES = {} (pages fetched, nothing parsed or stored)
  full: the parsers, milestone extraction, dedup and SQLite store on every page

and two profiles:

  polite:      the shipped politeness (AutoThrottle, per-domain concurrency 2, jitter) with
               the per-site delay scaled from 1 s to --delay, so the bench takes seconds.
               This is how govwatch crawls; the target (full >= 0.9 x bare) applies here:
               parsing runs in a worker thread while the site's delay elapses.
  unthrottled: no delay at all over loopback, i.e. CPU-bound: shows what processing costs
               per page (~9 ms to parse, extract and store vs ~4 ms to fetch, measured
               2026-11). Parsing runs in a thread, so full keeps up only while a core is
               free: figures swing with machine load (2 cores shared with the mirror).

pages/s = (list + article pages) / the crawl's elapsed time (Scrapy stats).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.mirror.catalog import load_catalog  # noqa: E402
from crawler.mirror.server import Mirror, MirrorServer  # noqa: E402

PROFILES = {
    "unthrottled": {
        "DOWNLOAD_DELAY": "0",
        "AUTOTHROTTLE_ENABLED": "False",
        "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    },
    "polite": {},  # filled from --delay
}
MODES = {"bare": {"ITEM_PIPELINES": "{}"}, "full": {}}


def big_catalog(copies: int):
    base = load_catalog()
    out = list(base)
    for i in range(1, copies):
        out += [replace(a, slug=f"{a.slug}-copy{i}", title=f"{a.title}（{i}）") for a in base]
    return out


def crawl(proxy: str, tmp: Path, label: str, extra: dict[str, str]) -> dict:
    db, stats_file = tmp / f"{label}.db", tmp / f"{label}.json"
    for p in tmp.glob(f"{label}.*"):
        p.unlink()
    args = ["crawl", "--db", str(db), "--proxy", proxy, "--stats-json", str(stats_file)]
    for k, v in {"LOG_LEVEL": "ERROR", **extra}.items():
        args += ["-s", f"{k}={v}"]
    cmd = [sys.executable, "-c", "from scheduler.cli import main; main()", *args]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{label} crawl failed:\n{proc.stderr[-2000:]}")
    stats = json.loads(stats_file.read_text(encoding="utf-8"))
    pages = sum(
        s.get("govwatch/pages/list", 0) + s.get("govwatch/pages/article", 0) for s in stats.values()
    )
    elapsed = max(float(s["elapsed_time_seconds"]) for s in stats.values())
    stored = sum(s.get("govwatch/articles/stored", 0) for s in stats.values())
    return {"pages": pages, "elapsed": elapsed, "rate": pages / elapsed, "stored": stored}


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--copies", type=int, default=10, help="times each mirror article is published")
    ap.add_argument("--repeat", type=int, default=1, help="crawls per mode; the best is reported")
    ap.add_argument(
        "--delay", type=float, default=0.1, help="per-site delay of the polite profile (s)"
    )
    opts = ap.parse_args()
    PROFILES["polite"] = {
        "DOWNLOAD_DELAY": str(opts.delay),
        "AUTOTHROTTLE_START_DELAY": str(opts.delay),
    }
    mirror = Mirror(articles=big_catalog(opts.copies), page_size=20)
    with MirrorServer(mirror=mirror) as server, tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        n = sum(
            len(mirror.site_articles(s))
            for s in (
                "zhenjiang_jsw",
                "mianyang_myrb",
                "hefei_xomn",
                "harbin_cri_big5",
                "luohe_fgw",
            )
        )
        print(f"mirror: {n} articles on 5 sites, proxy {server.url}")
        for profile, psettings in PROFILES.items():
            results: dict[str, list[dict]] = {mode: [] for mode in MODES}
            for _ in range(opts.repeat):  # interleaved, so machine load hits both modes alike
                for mode, msettings in MODES.items():
                    results[mode].append(crawl(server.url, tmp, mode, {**psettings, **msettings}))
            best = {k: max(v, key=lambda r: r["rate"]) for k, v in results.items()}
            for mode, r in best.items():
                print(
                    f"{profile:11s} {mode:4s}: {r['pages']} pages in {r['elapsed']:.2f} s"
                    f" = {r['rate']:.1f} pages/s ({r['stored']} articles stored)"
                )
            ratio = best["full"]["rate"] / best["bare"]["rate"]
            print(f"{profile:11s} full / bare = {ratio:.2f}")


if __name__ == "__main__":
    main()
