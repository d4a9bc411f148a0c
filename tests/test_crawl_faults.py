"""Broken pages: retried, or logged with URL and reason; the crawl finishes and stores the rest.

The mirror's fault pages (faults=True) hang off 金山网's first list page:
an empty body, truncated HTML, GBK bytes under a UTF-8 header, a 500 that
heals on retry, and a page slower than the download timeout.
"""

from __future__ import annotations

import pytest
from crawl_helpers import run_crawl, runs, stored

from crawler.mirror.server import Mirror, MirrorServer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def faulty_crawl(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("faults")
    with MirrorServer(mirror=Mirror(faults=True, slow_seconds=2.5)) as server:
        db = tmp / "gw.db"
        proc, stats = run_crawl(
            server.url, db, "zhenjiang_jsw", settings={"DOWNLOAD_TIMEOUT": "1", "RETRY_TIMES": "1"}
        )
        yield server.mirror, db, stats, proc


def test_crawl_finishes_and_stores_every_sound_article(faulty_crawl):
    mirror, db, stats, proc = faulty_crawl
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert stats["zhenjiang_jsw"]["finish_reason"] == "finished"
    assert mirror.article_urls("zhenjiang_jsw") <= set(stored(db))


def test_500_then_200_is_retried_and_stored(faulty_crawl):
    mirror, db, _, _ = faulty_crawl
    url = mirror.fault_urls()["flaky"]
    assert [h.status for h in mirror.request_log() if h.url == url] == [500, 200]
    assert stored(db)[url]["title"].startswith("故障页面测试之4")


def test_lying_charset_header_is_overruled_by_the_bytes(faulty_crawl):
    mirror, db, stats, _ = faulty_crawl
    row = stored(db)[mirror.fault_urls()["wrong_charset"]]
    assert row["title"].startswith("故障页面测试之3")
    assert "丹徒区新建智慧物流园项目" in row["body"]
    assert stats["zhenjiang_jsw"]["govwatch/charset_corrected"] >= 1


def test_truncated_html_keeps_what_arrived(faulty_crawl):
    mirror, db, _, _ = faulty_crawl
    row = stored(db)[mirror.fault_urls()["truncated"]]
    assert row["title"].startswith("故障页面测试之2") and row["encoding"] == "utf-8"


@pytest.mark.parametrize(("fault", "reason"), [("empty", "empty body"), ("slow", "timeout")])
def test_unrecoverable_pages_are_retried_then_logged_with_url_and_reason(
    faulty_crawl, fault, reason
):
    mirror, db, _, proc = faulty_crawl
    url = mirror.fault_urls()[fault]
    assert url not in stored(db)
    assert len([h for h in mirror.request_log() if h.url == url]) == 2  # first try + RETRY_TIMES=1
    run = runs(db)[-1]
    assert f"{url}: {reason}" in run["error_text"].splitlines()
    assert run["status"] == "partial" and run["errors"] == 3  # empty, slow, and the dead link
    assert f"failed {url}: {reason}" in proc.stderr
