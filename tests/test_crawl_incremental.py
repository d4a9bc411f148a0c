"""Incremental crawling across runs: nothing known is downloaded again, new articles are.

Three crawls of the same mirror into one database (child processes, real
Scrapy): full, unchanged, after the mirror publishes one article; then a
fourth after a list entry shows a newer date for a stored article.
"""

from __future__ import annotations

import pytest
from crawl_helpers import article_hits, run_crawl, stored

from crawler.mirror.server import MirrorServer

pytestmark = pytest.mark.slow

SOURCES = ("zhenjiang_jsw", "harbin_cri_big5")

NEW_ARTICLE = """title: 哈尔滨新区冰雪装备产业园项目开工
published: 2031-03-02 09:30
outlet: 黑龙江日报
editor: 李明
slug: test-new-ice-equipment-park

3月1日，哈尔滨新区冰雪装备产业园项目举行开工仪式，项目总投资12亿元。
项目计划明年10月竣工，建成后年产雪地装备2万台套。
"""


def _article_pages(stats: dict) -> int:
    return sum(s.get("govwatch/pages/article", 0) for s in stats.values())


def test_second_crawl_downloads_nothing_and_third_only_the_new_article(tmp_path):
    with MirrorServer() as server:
        mirror, db = server.mirror, tmp_path / "gw.db"
        expected = set().union(*(mirror.article_urls(s) for s in SOURCES))

        proc, stats = run_crawl(server.url, db, *SOURCES)
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert set(stored(db)) == expected

        # Unchanged mirror: robots.txt and the first list page per site, no article page.
        mark = len(mirror.request_log())
        proc, stats = run_crawl(server.url, db, *SOURCES)
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert _article_pages(stats) == 0
        assert article_hits(mirror, mark) == []
        for source in SOURCES:
            assert stats[source]["downloader/request_count"] == 2
            assert stats[source]["govwatch/pages/list"] == 1
            assert stats[source]["govwatch/pagination_stopped"] == 1

        new_url = mirror.publish_text("harbin_cri_big5", NEW_ARTICLE)
        mark = len(mirror.request_log())
        proc, stats = run_crawl(server.url, db, *SOURCES)
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert article_hits(mirror, mark) == [new_url]
        assert _article_pages(stats) == 1
        rows = stored(db)
        assert set(rows) == expected | {new_url}
        assert rows[new_url]["run_id"] != rows[sorted(expected)[0]]["run_id"]

        # A stored article whose list entry now shows a later date is fetched again (once).
        old = mirror.site_articles("zhenjiang_jsw")[0]
        old_url = mirror.article_url(old)
        mirror.redate(old_url, "2031-05-01")
        mark = len(mirror.request_log())
        proc, stats = run_crawl(server.url, db, *SOURCES)
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert article_hits(mirror, mark) == [old_url]
        assert stats["zhenjiang_jsw"]["govwatch/articles/refetched"] == 1
        assert len(stored(db)) == len(expected) + 1  # updated in place, not duplicated


def test_lookback_pages_keeps_paginating_past_known_pages(tmp_path):
    """With lookback_pages = 2 an unchanged site costs two list pages, not one."""
    config = tmp_path / "govwatch.toml"
    from crawl_helpers import ROOT

    text = (ROOT / "govwatch.toml").read_text(encoding="utf-8")
    start = text.index("[sources.luohe_fgw]")
    table = text[start:].replace("lookback_pages = 1", "lookback_pages = 2", 1)
    config.write_text(f'db = "{tmp_path / "unused.db"}"\n\n' + table, encoding="utf-8")
    with MirrorServer() as server:
        db = tmp_path / "gw.db"
        proc, _ = run_crawl(server.url, db, config=config)
        assert proc.returncode == 0, proc.stderr[-2000:]
        proc, stats = run_crawl(server.url, db, config=config)
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert stats["luohe_fgw"]["govwatch/pages/list"] == 2
        assert stats["luohe_fgw"].get("govwatch/pages/article", 0) == 0
