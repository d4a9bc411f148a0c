"""The generic spider: a site with no selectors, only start URLs, crawled end to end."""

from __future__ import annotations

import pytest
from crawl_helpers import run_crawl, runs, stored

from crawler.mirror.server import MirrorServer
from crawler.selectors import ListEntry
from crawler.spiders.generic import looks_like_article
from pipelines.script import to_simplified

GENERIC_TOML = """
db = "unused.db"

[sources.zhenjiang_generic]
spider = "generic"
start_urls = ["http://news.jsw.com.cn/zjnews/node_3546.htm"]

[sources.cri_generic]
spider = "generic"
start_urls = ["http://big5.cri.cn/gate/big5/news.cri.cn/local/heilongjiang/index.html"]

# A site whose layout changed under its selectors: the run must say so, not pass as "nothing new".
[sources.zhenjiang_stale_selectors]
start_urls = ["http://news.jsw.com.cn/zjnews/node_3546.htm"]
article_link_pattern = 'content_\\d+\\.htm$'
selectors = { list_item = "ul.old-news-list li" }
"""


@pytest.mark.slow
def test_generic_spider_finds_the_articles_of_sites_it_has_no_selectors_for(tmp_path):
    config = tmp_path / "govwatch.toml"
    config.write_text(GENERIC_TOML, encoding="utf-8")
    with MirrorServer() as server:
        mirror, db = server.mirror, tmp_path / "gw.db"
        proc, _ = run_crawl(server.url, db, config=config)
        assert proc.returncode == 0, proc.stderr[-2000:]
        for source, site in (
            ("zhenjiang_generic", "zhenjiang_jsw"),
            ("cri_generic", "harbin_cri_big5"),
        ):
            rows = stored(db, source)
            assert set(rows) == mirror.article_urls(site)
            writer = [a for a in mirror.site_articles(site) if "/seeds/" not in a.origin]
            for art in writer:
                assert to_simplified(rows[mirror.article_url(art)]["title"] or "") == to_simplified(
                    art.title
                )
        stale = next(r for r in runs(db) if r["source"] == "zhenjiang_stale_selectors")
        assert stale["status"] == "failed" and "no article links" in stale["error_text"]
        assert stored(db, "zhenjiang_stale_selectors") == {}


@pytest.mark.parametrize(
    ("url", "title", "expected"),
    [
        (
            "http://news.jsw.com.cn/zjnews/2024-08/24/content_6738003.htm",
            "哈汽项目创造新速度",
            True,
        ),
        (
            "http://fgw.luohe.gov.cn/xwzx/gzdt/202206/t20220613_1027481.html",
            "我市重大项目建设提前实现双过半",
            True,
        ),
        (
            "http://big5.cri.cn/gate/big5/news.cri.cn/20190422/006938a3-1154.html",
            "哈爾濱産業項目三年攻堅戰",
            True,
        ),
        ("http://news.jsw.com.cn/zjnews/node_3546_2.htm", "下一页", False),
        ("http://fgw.luohe.gov.cn/xwzx/gzdt/index_1.html", "2", False),
        ("http://www.myrb.net/qxxw/jk/index_3.html", "第三页的新闻列表页面", False),
        ("http://news.jsw.com.cn/zjnews/2024-08/24/content_6738003.htm", "更多", False),
    ],
)
def test_article_links_are_told_from_navigation(url, title, expected):
    assert looks_like_article(ListEntry(url, title, None)) is expected
