"""The offline mirror: a loopback HTTP proxy answering for the five sites' real URLs."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from crawl_helpers import SITES

from crawler.mirror.catalog import CatalogError, find_original, load_catalog, parse_article_file
from crawler.mirror.server import Mirror, MirrorServer, start_mirror
from crawler.mirror.sites import LAYOUTS


@pytest.fixture(scope="module")
def server():
    with MirrorServer() as srv:
        yield srv


def fetch(server, url: str, *, method: str = "GET", data: bytes | None = None):
    """(status, headers, body) of a request through the mirror as a proxy (or to it, for admin URLs)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": server.url}))
    req = urllib.request.Request(url, data=data, method=method)
    try:
        with opener.open(req, timeout=5) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def test_start_mirror_returns_a_loopback_url_and_a_stop_function():
    url, stop = start_mirror()
    try:
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url + "/", timeout=5) as resp:
            assert "govwatch offline mirror" in resp.read().decode()
    finally:
        stop()
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url + "/", timeout=2)


def test_mirror_refuses_to_listen_beyond_loopback():
    with pytest.raises(ValueError, match="loopback"):
        MirrorServer(host="0.0.0.0")


@pytest.mark.parametrize("site", SITES)
def test_each_site_has_at_least_three_list_pages_linked_in_sequence(server, site):
    layout = LAYOUTS[site]
    url, pages = server.mirror.start_url(site), 0
    while url and pages < 20:
        status, _, body = fetch(server, url)
        assert status == 200
        pages += 1
        nxt = layout.origin() + layout.list_path(pages + 1)
        text = body.decode(layout.charset, errors="replace")
        url = nxt if f'href="{layout.list_path(pages + 1)}"' in text else None
    assert pages >= 3
    assert len(server.mirror.site_articles(site)) >= 10


@pytest.mark.parametrize(
    ("site", "header", "codec"),
    [
        ("zhenjiang_jsw", "text/html; charset=utf-8", "utf-8"),
        ("mianyang_myrb", "text/html", "gbk"),  # charset only in <meta>, as on the real site
        ("hefei_xomn", "text/html; charset=utf-8", "utf-8"),
        ("harbin_cri_big5", "text/html; charset=big5", "big5"),
        ("luohe_fgw", "text/html; charset=gb2312", "gbk"),
    ],
)
def test_article_pages_come_in_the_sites_real_charset(server, site, header, codec):
    art = server.mirror.site_articles(site)[0]
    status, headers, body = fetch(server, server.mirror.article_url(art))
    assert status == 200 and headers["Content-Type"] == header
    text = body.decode(codec)  # strict: the bytes really are in that charset
    if site != "harbin_cri_big5":
        assert art.title in text


def test_big5_edition_serves_traditional_script(server):
    art = next(
        a
        for a in server.mirror.site_articles("harbin_cri_big5")
        if "项目" in a.title or "項目" in a.title
    )
    _, _, body = fetch(server, server.mirror.article_url(art))
    text = body.decode("big5")
    assert "項目" in text and "项目" not in text


def test_robots_dead_link_redirect_and_unknown_hosts(server):
    status, _, body = fetch(server, "http://fgw.luohe.gov.cn/robots.txt")
    assert status == 200 and b"Disallow: /search/" in body
    status, _, _ = fetch(server, "http://news.jsw.com.cn/zjnews/2020-01/01/content_1.htm")
    assert status == 404
    status, _, body = fetch(server, "http://www.example.com/")
    assert status == 502 and b"no site" in body
    redirect = next(h for h in _last_page_links(server, "zhenjiang_jsw") if "（旧址）" in h[1])
    req = urllib.request.Request(redirect[0])
    req.set_proxy(server.url.split("//")[1], "http")

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(
        NoRedirect, urllib.request.ProxyHandler({"http": server.url})
    )
    with pytest.raises(urllib.error.HTTPError) as err:
        opener.open(redirect[0], timeout=5)
    assert err.value.code == 301
    assert err.value.headers["Location"] in server.mirror.article_urls("zhenjiang_jsw")


def _last_page_links(server, site):
    from parsel import Selector

    layout = LAYOUTS[site]
    pages = -(-len(server.mirror.site_articles(site)) // server.mirror.page_size)
    _, _, body = fetch(server, layout.origin() + layout.list_path(pages))
    sel = Selector(text=body.decode(layout.charset))
    return [(a.attrib["href"], a.xpath("string(.)").get()) for a in sel.css("ul.news-list a")]


def test_spam_is_injected_into_pages_that_carry_it(server):
    spammed = [a for a in server.mirror.articles if a.spam]
    assert len({a.site for a in spammed}) >= 2
    for art in spammed:
        _, _, body = fetch(server, server.mirror.article_url(art))
        layout = LAYOUTS[art.site]
        assert layout.text(art.spam) in body.decode(
            layout.charset, errors="replace"
        ) or "&#" in body.decode(layout.charset, errors="replace")


def test_one_article_is_reprinted_on_two_sites():
    catalog = load_catalog()
    pairs = [(a, find_original(a, catalog)) for a in catalog if a.reprint_of]
    assert pairs and all(orig is not None and orig.site != rep.site for rep, orig in pairs)


def test_publish_endpoint_puts_a_new_article_first_on_its_list():
    from parsel import Selector

    server = MirrorServer().start()
    text = "title: 测试发布的新稿件标题\npublished: 2031-01-01 08:00\noutlet: 漯河日报\n\n正文第一段。\n"
    status, _, body = fetch(
        server, server.url + "/_mirror/publish?site=luohe_fgw", method="POST", data=text.encode()
    )
    assert status == 200
    url = json.loads(body)["url"]
    assert url.startswith("http://fgw.luohe.gov.cn/xwzx/gzdt/203101/t20310101_")
    _, _, page = fetch(server, server.mirror.start_url("luohe_fgw"))
    first = Selector(text=page.decode("gbk")).css("table.gzdt a")[0]
    assert first.attrib["href"] == url and first.xpath("string(.)").get() == "测试发布的新稿件标题"
    assert fetch(server, url)[0] == 200
    status, _, body = fetch(
        server, server.url + "/_mirror/publish?site=nowhere", method="POST", data=text.encode()
    )
    assert status == 400 and b"nowhere" in body
    server.stop()


def test_fault_pages_only_when_asked():
    assert not any(h for h in Mirror().request_log())
    faulty = Mirror(faults=True, slow_seconds=0)
    urls = faulty.fault_urls()
    assert faulty.respond(urls["empty"]).body == b""
    assert [faulty.respond(urls["flaky"]).status for _ in range(2)] == [500, 200]
    assert faulty.respond(urls["wrong_charset"]).content_type.endswith("utf-8")
    with pytest.raises(UnicodeDecodeError):
        faulty.respond(urls["wrong_charset"]).body.decode("utf-8")
    assert Mirror().respond(urls["empty"]).status == 404


def test_article_file_errors_name_the_file():
    with pytest.raises(CatalogError, match=r"x\.txt"):
        parse_article_file("title: 标题\n正文没有空行分隔", site="luohe_fgw", origin="x.txt")
    with pytest.raises(CatalogError, match="published"):
        parse_article_file("title: 标题\n\n正文", site="luohe_fgw", origin="y.txt")
