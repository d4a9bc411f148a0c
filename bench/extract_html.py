"""Speed and field accuracy of govwatch's HTML extractor against trafilatura and gne.

Runs the three over the same pages in one process on one core and prints
pages/s and, on our corpus (tests/files/html/, expected.json), the share of
pages each gets right: title exact, published day, first and last body
sentence present. Real portal pages are 50-150 KB (menus, sidebars, inline
scripts) while the corpus pages are small, so speed is also measured on the
corpus pages padded to real size with such chrome.

    .venv/bin/python bench/extract_html.py [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipelines.html import extract_page  # noqa: E402
from pipelines.html_charset import decode_html  # noqa: E402

HTML_DIR = ROOT / "tests" / "files" / "html"
_KEY_DROP = re.compile(r"[\W_]+")

# (title, published, body) from each tool; each gets the page as the crawler has it (bytes),
# and the two libraries the text decoded by our decoder (they would mis-decode the lying pages).
Extractor = Callable[[bytes, str], tuple[str | None, str | None, str]]


def run_govwatch(data: bytes, url: str) -> tuple[str | None, str | None, str]:
    page = extract_page(data, url=url)
    return page.title, page.published, "\n".join(page.paragraphs)


def make_trafilatura() -> Extractor | None:
    try:
        import trafilatura
    except ImportError:
        return None

    def run(data: bytes, url: str) -> tuple[str | None, str | None, str]:
        doc = trafilatura.bare_extraction(decode_html(data)[0], url=url, with_metadata=True)
        if doc is None:
            return None, None, ""
        return doc.title, doc.date, doc.text or ""

    return run


def make_gne() -> Extractor | None:
    try:
        from gne import GeneralNewsExtractor
    except ImportError:
        return None
    extractor = GeneralNewsExtractor()

    def run(data: bytes, url: str) -> tuple[str | None, str | None, str]:
        try:
            out = extractor.extract(decode_html(data)[0])
        except Exception:  # gne raises on pages it cannot take apart; that page scores zero
            return None, None, ""
        return out.get("title"), out.get("publish_time"), out.get("content") or ""

    return run


def _key(s: str | None) -> str:
    return _KEY_DROP.sub("", s or "")


def _day(value: str | None) -> str:
    """The YYYY-MM-DD a tool's date string names (gne may give a Unix time or Chinese digits)."""
    if not value:
        return ""
    if re.fullmatch(r"1\d{9}(\.\d+)?", str(value)):
        return time.strftime("%Y-%m-%d", time.gmtime(float(value) + 8 * 3600))
    m = re.search(r"(20\d{2})\D{1,3}(\d{1,2})\D{1,3}(\d{1,2})", str(value))
    return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else ""


def _pad(data: bytes) -> bytes:
    """The page with the chrome of a real portal page: mega-menu, link lists, inline scripts."""
    menu = "".join(
        f'<li><a href="/c{i}/">栏目{i}</a><ul>'
        + "".join(f'<li><a href="/c{i}/{j}.html">子栏目{i}-{j}</a></li>' for j in range(12))
        + "</ul></li>"
        for i in range(25)
    )
    links = "".join(
        f'<li><a href="/n/{i}.html">某区召开第{i}次专题会议部署重点工作</a><span>2024-07-{i % 28 + 1:02d}</span></li>'
        for i in range(120)
    )
    script = "<script>" + "var cfg={a:1,b:[1,2,3]};function f(x){return x*2}\n" * 400 + "</script>"
    chrome = (
        f'<div class="mega"><ul>{menu}</ul></div><div class="list"><ul>{links}</ul></div>{script}'
    )
    text, enc = decode_html(data)
    text = text.replace("<body>", "<body>" + chrome[: len(chrome) // 2], 1).replace(
        "</body>", chrome[len(chrome) // 2 :] + "</body>", 1
    )
    return text.encode("utf-8" if enc.startswith("utf") else enc, errors="replace")


def speed(run: Extractor, pages: list[tuple[bytes, str]], rounds: int) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        for data, url in pages:
            run(data, url)
    return rounds * len(pages) / (time.perf_counter() - start)


def accuracy(run: Extractor, corpus: list[tuple[bytes, dict]]) -> dict[str, float]:
    hits = {"title": 0, "published": 0, "first": 0, "last": 0}
    for data, exp in corpus:
        title, published, body = run(data, exp["url"])
        body_key = _key(body)
        hits["title"] += _key(title) == _key(exp["title"])
        hits["published"] += _day(published) == exp["published"][:10]
        hits["first"] += _key(exp["first"]) in body_key
        hits["last"] += _key(exp["last"]) in body_key
    return {k: v / len(corpus) for k, v in hits.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--rounds", type=int, default=5, help="passes over the pages for the speed figures"
    )
    args = ap.parse_args()
    expected = json.loads((HTML_DIR / "expected.json").read_text(encoding="utf-8"))
    corpus = [
        ((HTML_DIR / f"{name}.html").read_bytes(), exp) for name, exp in sorted(expected.items())
    ]
    plain = [(data, exp["url"]) for data, exp in corpus]
    padded = [(_pad(data), url) for data, url in plain]
    tools: dict[str, Extractor | None] = {
        "govwatch": run_govwatch,
        "trafilatura": make_trafilatura(),
        "gne": make_gne(),
    }
    size = sum(len(d) for d, _ in padded) / len(padded) / 1024
    print(
        f"{len(corpus)} corpus pages; speed on one core, {args.rounds} rounds; padded pages average {size:.0f} KB"
    )
    print(
        f"{'tool':12s} {'pages/s':>9s} {'padded/s':>9s} {'title':>6s} {'date':>6s} {'first':>6s} {'last':>6s}"
    )
    for name, run in tools.items():
        if run is None:
            print(f"{name:12s} not installed (pip install -e '.[bench]')")
            continue
        run(*plain[0])  # warm-up: imports, lazy tables
        acc = accuracy(run, corpus)
        fast = speed(run, plain, args.rounds)
        slow = speed(run, padded, max(1, args.rounds // 2))
        print(
            f"{name:12s} {fast:9.0f} {slow:9.0f} {acc['title']:6.2f} {acc['published']:6.2f} "
            f"{acc['first']:6.2f} {acc['last']:6.2f}"
        )


if __name__ == "__main__":
    main()
