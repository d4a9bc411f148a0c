"""The crawler's pure parts: charset choice, selectors on the sites' pages, the known-URL rule,
settings from govwatch.toml, and the CLI's one-line errors. No network, no reactor."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from parsel import Selector

from crawler.incremental import KnownIndex
from crawler.middlewares import choose_encoding
from crawler.mirror.catalog import load_catalog
from crawler.mirror.sites import LAYOUTS, Entry
from crawler.selectors import list_entries, next_page, normalize_date, page_fields
from crawler.spiders.base import crawler_settings, user_agent
from pipelines.config import CrawlerConfig, load_config
from pipelines.script import to_simplified

ROOT = Path(__file__).resolve().parents[1]
CONFIG = load_config(ROOT / "govwatch.toml")
CATALOG = [a for a in load_catalog() if "/seeds/" not in a.origin]


# -- charsets -------------------------------------------------------------------------------
TEXT = "漯河市重点项目建设提前实现双过半，总投资120亿元。"


@pytest.mark.parametrize(
    ("body", "header", "meta", "hint", "expected"),
    [
        (TEXT.encode("utf-8"), "utf-8", None, None, "utf-8"),
        (TEXT.encode("gbk"), "utf-8", None, None, "gb18030"),  # the header lies: detection wins
        (
            TEXT.encode("gbk"),
            None,
            "gb2312",
            None,
            "gb18030",
        ),  # gb2312 declared, GBK sent: superset
        (TEXT.encode("gbk"), "utf-8", None, "gbk", "gb18030"),  # the source's hint before detection
        (TEXT.encode("utf-8")[:-2], "utf-8", None, None, "utf-8"),  # a cut-off last character
        ("國際在線黑龍江日報項目開工".encode("big5"), "big5", "big5", None, "big5hkscs"),
    ],
)
def test_choose_encoding_trusts_only_a_declaration_that_fits_the_bytes(
    body, header, meta, hint, expected
):
    assert choose_encoding(body, header, meta, hint) == expected


# -- selectors on the mirror's pages (our saved pages of each site) --------------------------
@pytest.mark.parametrize("site", sorted(LAYOUTS))
def test_site_selectors_find_title_date_outlet_editor_and_body(site):
    layout, source = LAYOUTS[site], CONFIG.sources[site]
    arts = [a for a in CATALOG if a.site == site][:4]
    assert arts
    for art in arts:
        page = layout.render_article(art)
        fields = page_fields(Selector(text=page), source.selectors, source.patterns)
        assert to_simplified(fields.title or "") == to_simplified(art.title)
        assert fields.published == art.published
        assert to_simplified(fields.outlet or "") == to_simplified(art.outlet)
        if art.editor:
            assert [to_simplified(e) for e in fields.editors] == [to_simplified(art.editor)]
        body = [to_simplified(p) for p in fields.paragraphs]
        assert (
            to_simplified(art.paragraphs[0]) in body and to_simplified(art.paragraphs[-1]) in body
        )
        if art.spam and site != "mianyang_myrb":
            assert (
                art.spam in fields.paragraphs
            )  # injected into the content: the parsers must drop it


@pytest.mark.parametrize("site", sorted(LAYOUTS))
def test_list_selectors_find_links_dates_and_the_next_page(site):
    layout, source = LAYOUTS[site], CONFIG.sources[site]
    arts = [a for a in CATALOG if a.site == site][:3]
    entries = [Entry(layout.origin() + layout.article_path(a), a.title, a.date) for a in arts]
    page = layout.render_list(entries, 1, 3)
    found = list_entries(
        Selector(text=page),
        layout.origin() + layout.list_path(1),
        source.selectors,
        re.compile(source.article_link_pattern),
    )
    assert [(f.url.split("?")[0], f.date) for f in found] == [(e.url, e.date) for e in entries]
    nxt = next_page(
        Selector(text=page),
        layout.origin() + layout.list_path(1),
        source.selectors,
        re.compile(source.list_link_pattern),
    )
    assert nxt == layout.origin() + layout.list_path(2)
    last = layout.render_list(entries, 3, 3)
    assert (
        next_page(
            Selector(text=last), layout.origin() + layout.list_path(3), source.selectors, None
        )
        is None
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[2024-08-24]", "2024-08-24"),
        ("2024/8/4", "2024-08-04"),
        ("2024年8月24日 10:05", "2024-08-24"),
        ("更多", None),
    ],
)
def test_list_dates_are_normalised(text, expected):
    assert normalize_date(text) == expected


# -- incremental rule -----------------------------------------------------------------------
def test_known_urls_are_skipped_unless_the_list_shows_a_newer_date():
    known = KnownIndex({"http://a.cn/x/1.html": "2024-08-24 10:05", "http://a.cn/x/2.html": None})
    assert not known.wants("http://a.cn/x/1.html")
    assert not known.wants("http://A.cn/x/1.html?utm_source=feed#top")  # canonical spelling
    assert not known.wants("http://a.cn/x/1.html", "2024-08-24")
    assert known.wants("http://a.cn/x/1.html", "2024-09-01")
    assert not known.wants(
        "http://a.cn/x/2.html", "2030-01-01"
    )  # no stored date: nothing to compare
    assert known.wants("http://a.cn/x/3.html")


# -- settings ---------------------------------------------------------------------------------
def test_crawler_config_becomes_polite_scrapy_settings():
    cfg = CrawlerConfig(
        contact="ops@example.org",
        download_delay=3.0,
        timeout=12,
        retries=4,
        proxy="http://127.0.0.1:1",
    )
    settings = crawler_settings(cfg, "x.db")
    assert (
        settings["USER_AGENT"].startswith("govwatch/")
        and "ops@example.org" in settings["USER_AGENT"]
    )
    assert (
        settings["DOWNLOAD_DELAY"] == 3.0
        and settings["DOWNLOAD_TIMEOUT"] == 12
        and settings["RETRY_TIMES"] == 4
    )
    assert settings["ROBOTSTXT_OBEY"] is True and settings["GOVWATCH_PROXY"] == "http://127.0.0.1:1"
    assert user_agent(CrawlerConfig(contact="")) == CrawlerConfig().user_agent


def test_every_scrapy_setting_is_commented():
    lines = (ROOT / "crawler" / "settings.py").read_text(encoding="utf-8").splitlines()
    uncommented = [
        ln
        for ln in lines
        if re.match(r"^[A-Z_]+ = ", ln) and "#" not in ln and not ln.endswith("{")
    ]
    assert uncommented == []


def test_every_source_names_its_domains_and_link_patterns():
    for name, src in CONFIG.sources.items():
        assert src.allowed_domains and src.start_urls and src.article_link_pattern, name
        assert all(re.search(src.list_link_pattern, u) for u in src.start_urls), name


# -- CLI ------------------------------------------------------------------------------------
def test_unknown_source_is_one_line_naming_the_config():
    from scheduler.commands.crawl import crawl

    result = CliRunner().invoke(crawl, ["no_such_site", "--config", str(ROOT / "govwatch.toml")])
    assert result.exit_code != 0
    assert "no source named no_such_site" in result.output and "govwatch.toml" in result.output
    assert "Traceback" not in result.output


def test_malformed_setting_override_is_rejected():
    from scheduler.commands.crawl import crawl

    result = CliRunner().invoke(
        crawl, ["-s", "DOWNLOAD_DELAY", "--config", str(ROOT / "govwatch.toml")]
    )
    assert result.exit_code == 2 and "NAME=VALUE" in result.output


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("article_link_pattern = '(unclosed'", "article_link_pattern is not a valid regex"),
        ("start_urls = []", "start_urls is empty"),
        ('selectors = { title = "div[[" }', "selectors.title"),
    ],
)
def test_broken_source_config_is_one_line_naming_the_setting(tmp_path, line, message):
    from scheduler.commands.crawl import crawl

    config = tmp_path / "govwatch.toml"
    config.write_text(
        f'[sources.broken]\nstart_urls = ["http://a.cn/list.html"]\n{line}\n'.replace(
            'start_urls = ["http://a.cn/list.html"]\nstart_urls = []', "start_urls = []"
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(crawl, ["--config", str(config)])
    assert result.exit_code == 1
    assert message in result.output and "[sources.broken]" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_retries_back_off_exponentially_up_to_a_ceiling():
    from scrapy import Request
    from scrapy.settings import Settings

    from crawler.middlewares import BackoffRetryMiddleware

    mw = BackoffRetryMiddleware(
        Settings({"GOVWATCH_BACKOFF_BASE": 2.0, "GOVWATCH_BACKOFF_MAX": 5.0, "RETRY_TIMES": 5})
    )
    delays = [mw.delay(Request("http://a.cn/", meta={"retry_times": n})) for n in (1, 2, 3, 4)]
    assert delays == [2.0, 4.0, 5.0, 5.0]
