"""The generic HTML extractor on our own corpus of pages shaped like Chinese government,
newspaper, WeChat and forum sites (tests/files/html/, expected values in expected.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines import html as html_module
from pipelines.dates import find_printed_date
from pipelines.html import extract_page
from pipelines.html_charset import decode_html
from pipelines.html_dates import date_in_scripts, date_in_url
from pipelines.html_vocab import BOILERPLATE, TAIL_MARKER
from pipelines.records import PageFields

HTML_DIR = Path(__file__).parent / "files" / "html"
EXPECTED: dict[str, dict] = json.loads((HTML_DIR / "expected.json").read_text(encoding="utf-8"))
NAMES = sorted(EXPECTED)


@pytest.fixture(scope="module")
def pages() -> dict[str, PageFields]:
    return {
        name: extract_page((HTML_DIR / f"{name}.html").read_bytes(), url=EXPECTED[name]["url"])
        for name in NAMES
    }


def test_corpus_is_large_enough_and_every_page_has_a_sidecar_entry():
    files = {p.stem for p in HTML_DIR.glob("*.html")}
    assert len(files) >= 25
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_headline_is_the_pages_own(pages, name):
    assert pages[name].title == EXPECTED[name]["title"]


@pytest.mark.parametrize("name", NAMES)
def test_published_is_the_byline_date_as_printed(pages, name):
    assert pages[name].published == EXPECTED[name]["published"]


@pytest.mark.parametrize("name", NAMES)
def test_body_holds_first_and_last_sentence(pages, name):
    body = "\n".join(pages[name].paragraphs)
    assert EXPECTED[name]["first"] in body
    assert EXPECTED[name]["last"] in body


@pytest.mark.parametrize("name", NAMES)
def test_body_starts_and_ends_with_the_article(pages, name):
    """No breadcrumb, headline or byline before the first sentence; no editor line,
    related list, comment or footer after the last one."""
    paras = pages[name].paragraphs
    first = next(i for i, p in enumerate(paras) if EXPECTED[name]["first"] in p)
    assert all(len(p) < 20 for p in paras[:first]), paras[
        :first
    ]  # at most a photo caption before it
    assert EXPECTED[name]["last"] in "\n".join(paras[-3:])
    for p in paras:
        assert not BOILERPLATE.search(p), p
        assert not (len(p) < 60 and TAIL_MARKER.match(p)), p


# Text the corpus pages put around their articles: comments, related and recommended
# headlines, sidebars, legal notices, hidden SEO junk. None may reach a body.
NEVER_IN_BODY = [
    "四虎", "澳门赌场", "免责声明", "当前位置", "您现在的位置", "版权所有", "责任编辑",
    "期待新院区早日建成", "点赞家乡发展", "大桥建成后过江就方便多了", "我们小区终于要改造了",
    "支持家乡建设", "城西片区两个项目完成竣工验收", "湖城地铁3号线首通段进入试运行",
    "平阳至滨海高速公路正式开工", "江城南站综合交通枢纽开工", "金河港区新开一条集装箱航线",
    "南湖区公布冬季供暖时间", "云谷新区召开项目建设推进会", "东港区位于沿海经济带中部",
    "盆景", "上一篇", "下一篇", "分享到", "扫一扫", "点赞建设者们", "周末带孩子去散步",
    "点击蓝字", "往期推荐", "上半年经济运行稳中有进",
]  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_body_holds_no_page_chrome(pages, name):
    body = "\n".join(pages[name].paragraphs)
    assert [s for s in NEVER_IN_BODY if s in body] == []


@pytest.mark.parametrize("name", [n for n in NAMES if "outlet" in EXPECTED[n]])
def test_outlet_is_read_from_the_source_label(pages, name):
    assert pages[name].outlet == EXPECTED[name]["outlet"]


@pytest.mark.parametrize(
    "name", [n for n in NAMES if "authors" in EXPECTED[n] or "editors" in EXPECTED[n]]
)
def test_authors_and_editors_are_read_from_the_byline(pages, name):
    for field in ("authors", "editors"):
        if field in EXPECTED[name]:
            assert getattr(pages[name], field) == EXPECTED[name][field]


@pytest.mark.parametrize("name", NAMES)
def test_charset_is_detected_from_the_bytes_not_the_declaration(name):
    text, encoding = decode_html((HTML_DIR / f"{name}.html").read_bytes())
    want = {"utf-8": "utf-8", "gbk": "gb18030", "big5": "big5hkscs"}[EXPECTED[name]["encoding"]]
    assert encoding == want
    assert EXPECTED[name]["title"] in text
    assert extract_page((HTML_DIR / f"{name}.html").read_bytes()).encoding == want


def test_str_input_gives_the_same_record_as_bytes():
    name = "gov-trs-utf8"
    raw = (HTML_DIR / f"{name}.html").read_bytes()
    from_bytes = extract_page(raw, url=EXPECTED[name]["url"])
    from_text = extract_page(raw.decode("utf-8"), url=EXPECTED[name]["url"])
    assert from_bytes.encoding == "utf-8"
    assert from_text.encoding is None  # text was decoded by the caller
    from_text.encoding = from_bytes.encoding
    assert from_text == from_bytes


def test_comment_and_related_dates_are_never_the_published_date():
    page = extract_page(
        """<html><head><title>某项目开工_某市政府</title></head><body>
        <div class="related"><a href="/1">另一个项目签约</a><span>2024-01-02</span></div>
        <h1>某项目开工</h1>
        <div class="body"><p>项目今天开工，总投资十亿元，计划明年建成。</p><p>这是第二段，说明了项目的意义。</p></div>
        <div id="comment"><p>网友 2024-05-06 12:00</p><p>很好！期待建成。</p></div></body></html>"""
    )
    assert page.title == "某项目开工"
    assert page.published is None
    assert page.paragraphs == [
        "项目今天开工，总投资十亿元，计划明年建成。",
        "这是第二段，说明了项目的意义。",
    ]


def test_url_date_is_the_last_resort():
    html = "<html><body><h1>标题在这里呢</h1><p>正文一句话，没有日期。</p></body></html>"
    assert (
        extract_page(html, url="http://x.gov.cn/art/202412/t20241213_5.html").published
        == "2024-12-13"
    )
    assert (
        extract_page(html, url="http://x.gov.cn/2024-08/24/content_1.htm").published == "2024-08-24"
    )
    assert extract_page(html).published is None


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("发布时间：2024-08-24 10:22:33", "2024-08-24 10:22:33"),
        ("2024年8月4日 09:05 来源：某日报", "2024-08-04 09:05"),
        ("日期：2024/8/4", "2024-08-04"),
        ("2024.08.04", "2024-08-04"),
        ("2024-08-24T10:22:00+08:00", "2024-08-24 10:22:00"),
        ("13.02.2017  15:04", "2017-02-13 15:04"),
        ("2024-08-24 24:00", "2024-08-24"),
        ("电话 320240824123", None),
        ("2024-13-40", None),
    ],
)
def test_date_in_text(text, want):
    found = find_printed_date(text)
    assert (found[0] if found else None) == want


@pytest.mark.parametrize(
    ("url", "want"),
    [
        ("http://www.a.gov.cn/xw/202408/t20240824_123.html", "2024-08-24"),
        ("https://news.a.cn/2024-08/24/content_1.htm", "2024-08-24"),
        ("https://news.a.cn/2024/0824/c1-2.html", "2024-08-24"),
        ("https://news.a.cn/a/202408241234567.html", None),
        ("http://20240824.example.cn/a.html", None),
    ],
)
def test_date_in_url(url, want):
    assert date_in_url(url) == want


def test_wechat_unix_time_is_read_in_china_time():
    assert date_in_scripts(['var ct = "1723807800";']) == "2024-08-16 19:30"


def test_decode_prefers_valid_utf8_over_a_gb2312_label():
    data = '<meta charset="gb2312"><p>项目开工建设</p>'.encode()
    assert decode_html(data) == ('<meta charset="gb2312"><p>项目开工建设</p>', "utf-8")


def test_decode_tells_big5_from_gbk_by_the_text():
    text = "<p>東湖科創園舉行首批企業入駐儀式，項目總投資七億元。</p>"
    assert decode_html(text.encode("big5"))[1] == "big5hkscs"
    assert decode_html(text.encode("big5"))[0] == text
    simp = "<p>东湖科创园举行首批企业入驻仪式，项目总投资七亿元。</p>"
    assert decode_html(simp.encode("gbk")) == (simp, "gb18030")


@pytest.mark.parametrize(
    "junk", [b"", b"   ", b"\x00\x00", b"<", b"<?xml?>", b"<html></html>", b"\xff\xfe\x00<"]
)
def test_degenerate_pages_give_empty_fields(junk):
    page = html_module._extract(junk, None)
    assert isinstance(page, PageFields)
    assert page.paragraphs == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_random_bytes_never_crash(data):
    # The inner function: extract_page's last-resort guard would hide a crash from this test.
    page = html_module._extract(data, "http://x.cn/a.html")
    assert isinstance(page, PageFields)
    assert all(isinstance(p, str) and p for p in page.paragraphs)


_TAGS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div class='content'>",
        "</div>",
        "<h1>",
        "</h1>",
        "<br>",
        "<a href='/'>",
        "</a>",
        "<li>",
        "<title>",
        "</title>",
        "<script>var ct='1723807800'</script>",
        "<!--x-->",
        "<meta name='PubDate' content='2024-02-30'>",
        "<td>",
        "<table>",
        "&nbsp;",
        "&#0;",
    ]
)
_WORDS = st.sampled_from(
    [
        "项目开工。",
        "发布时间：2024-08-24",
        "来源：",
        "责任编辑：张三",
        "相关新闻",
        "打印",
        "\u3000",
        "2024年13月1日",
        "版权所有",
        "，",
        "\x00",
        "\ufffd",
        "記者 王五",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_TAGS, _WORDS, st.text(max_size=20)), max_size=60))
def test_random_markup_never_crashes(pieces):
    page = html_module._extract("".join(pieces), None)
    assert isinstance(page, PageFields)
    if page.published:
        assert find_printed_date(page.published)


def test_a_page_that_trips_a_bug_is_logged_and_gives_empty_fields(monkeypatch, caplog):
    def broken(_body):
        raise RuntimeError("bug")

    monkeypatch.setattr(html_module, "_lines", broken)
    page = extract_page(b"<html><body><p>x</p></body></html>", url="http://x.cn/1.html")
    assert page == PageFields(encoding="utf-8")
    assert "http://x.cn/1.html" in caplog.text
    assert "RuntimeError" in caplog.text


def test_html_bytes_go_through_the_document_pipeline():
    """`govwatch parse FILE.html` path: charset, extraction, then the seed-file parser."""
    from pipelines.document import process_bytes

    name = "gov-gbk-lying-utf8"
    article = process_bytes((HTML_DIR / f"{name}.html").read_bytes(), url=EXPECTED[name]["url"])
    assert (article.published or "")[:10] == EXPECTED[name]["published"][:10]
    assert EXPECTED[name]["first"] in article.body
    assert "ICP" not in article.body
