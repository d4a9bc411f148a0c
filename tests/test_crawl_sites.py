"""End to end: the real Scrapy engine crawls the mirror of the five sites over loopback.

One full crawl of every source (module fixture, in a child process), then
per-site checks of what was found and stored.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from crawl_helpers import SITES, run_crawl, runs, stored

from crawler.mirror.server import MirrorServer
from crawler.mirror.sites import LAYOUTS
from pipelines.script import to_simplified

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("crawl")
    with MirrorServer() as server:
        db = tmp / "gw.db"
        proc, stats = run_crawl(server.url, db)
        assert proc.returncode == 0, proc.stderr[-3000:]
        yield server.mirror, db, stats, proc


@pytest.mark.parametrize("site", SITES)
def test_spider_finds_exactly_the_sites_articles(crawled, site):
    mirror, db, _, _ = crawled
    assert set(stored(db, site)) == mirror.article_urls(site)


@pytest.mark.parametrize("site", SITES)
def test_parsed_title_date_and_outlet_match_the_page(crawled, site):
    mirror, db, _, _ = crawled
    rows = stored(db, site)
    checked = 0
    for art in mirror.site_articles(site):
        if art.origin.endswith(".txt") and "/seeds/" in art.origin:
            continue  # seed pages carry pinyin and mojibake in their titles: the parsers' tests cover them
        row = rows[mirror.article_url(art)]
        assert to_simplified(row["title"]) == to_simplified(art.title), art.origin
        assert (row["published"] or "").startswith(art.published), art.origin
        assert to_simplified(row["outlet"] or "") == to_simplified(art.outlet), art.origin
        checked += 1
    assert checked >= 3


def test_progress_line_and_summary(crawled):
    _, _, _, proc = crawled
    assert "crawl: " in proc.stderr and " pages, " in proc.stderr and " errors" in proc.stderr
    for site in SITES:
        assert f"{site}: " in proc.stdout


def test_each_run_is_recorded_with_its_failures(crawled):
    mirror, db, stats, _ = crawled
    by_source = {r["source"]: r for r in runs(db)}
    assert set(by_source) == set(SITES)
    for site in SITES:
        run = by_source[site]
        assert run["finished_at"] and run["articles"] == len(mirror.article_urls(site))
        assert (
            run["pages"]
            == stats[site]["govwatch/pages/list"] + stats[site]["govwatch/pages/article"]
        )
    # The dead links sit on the last list pages of two sites: logged with URL and reason.
    for site in ("zhenjiang_jsw", "luohe_fgw"):
        assert by_source[site]["status"] == "partial"
        assert "HTTP 404" in by_source[site]["error_text"]
        assert by_source[site]["error_text"].startswith(f"http://{LAYOUTS[site].host}/")
    assert by_source["hefei_xomn"]["status"] == "ok"


def test_nothing_off_site_or_forbidden_is_requested(crawled):
    mirror, _, _, _ = crawled
    hosts = {layout.host for layout in LAYOUTS.values()}
    requested = [urlsplit(h.url) for h in mirror.request_log()]
    assert {u.hostname for u in requested} <= hosts  # www.js.gov.cn is linked but never fetched
    assert not [u for u in requested if u.path.startswith("/search/")]  # robots.txt Disallow
    assert {u.hostname for u in requested if u.path == "/robots.txt"} == hosts


def test_moved_article_is_stored_under_its_new_url(crawled):
    mirror, db, _, _ = crawled
    redirects = [h for h in mirror.request_log() if h.kind == "redirect"]
    assert len(redirects) == 1 and redirects[0].status == 301
    assert redirects[0].url not in stored(db)


def test_tracking_parameters_are_dropped_from_stored_urls(crawled):
    mirror, db, _, _ = crawled
    urls = set(stored(db, "hefei_xomn"))
    assert urls and not [u for u in urls if "utm_" in u or "?" in u]
    assert not [h for h in mirror.request_log() if "utm_" in h.url]  # canonical before the request


@pytest.mark.parametrize(
    ("site", "encoding"),
    [
        ("mianyang_myrb", "gb18030"),
        ("luohe_fgw", "gb18030"),
        ("harbin_cri_big5", "big5hkscs"),
        ("zhenjiang_jsw", "utf-8"),
    ],
)
def test_each_sites_charset_is_decoded(crawled, site, encoding):
    mirror, db, _, _ = crawled
    rows = stored(db, site)
    for art in mirror.site_articles(site)[:4]:
        row = rows[mirror.article_url(art)]
        assert row["encoding"] == encoding
        # A stretch from the middle of the longest paragraph survives decoding (compared in
        # Simplified: the store keeps the original script).
        longest = max(art.paragraphs, key=len)
        sentence = longest[len(longest) // 2 : len(longest) // 2 + 10]
        assert to_simplified(sentence) in to_simplified(row["body"]), art.origin
