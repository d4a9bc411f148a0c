"""Page layouts of the five mirrored sites: where each puts title, date, source and editor.

Each layout copies what matters to a crawler from the real site: the URL
scheme (list pages, pagination, article paths), the charset and how it is
declared (HTTP header, <meta>, or both), and the page furniture around the
article (navigation, related links, copyright) that the parsers must ignore.
The markup is ours; only the shape follows the real sites.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache

from crawler.mirror.catalog import MirrorArticle


def esc(text: str) -> str:
    return html.escape(text, quote=True)


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


def paragraphs_html(paras: list[str], indent: str = "") -> str:
    return "\n".join(f"<p>{indent}{esc(p)}</p>" for p in paras)


@dataclass(frozen=True)
class Entry:
    """One line of a list page: a link, its title and the date the list shows."""

    url: str
    title: str
    date: str


class Layout:
    """Base layout. Subclasses give the URL scheme, the charset and the two templates."""

    name = ""
    host = ""
    charset = "utf-8"  # what the page bytes are encoded in
    header_charset: str | None = "utf-8"  # charset in the Content-Type header (None: not sent)
    meta_charset: str | None = "utf-8"  # charset in <meta> (None: no meta)
    traditional = False  # serve Traditional script (OpenCC s2t)
    robots = "User-agent: *\nDisallow: /admin/\n"

    def origin(self) -> str:
        return f"http://{self.host}"

    def list_path(self, page: int) -> str:
        raise NotImplementedError

    def article_path(self, art: MirrorArticle) -> str:
        raise NotImplementedError

    def render_list(self, entries: list[Entry], page: int, pages: int) -> str:
        raise NotImplementedError

    def render_article(self, art: MirrorArticle) -> str:
        raise NotImplementedError

    # -- helpers shared by the templates --------------------------------------------
    def meta(self) -> str:
        if not self.meta_charset:
            return ""
        return f'<meta http-equiv="Content-Type" content="text/html; charset={self.meta_charset}">'

    def pager(self, page: int, pages: int, labels: tuple[str, str, str, str]) -> str:
        first, prev, nxt, last = labels
        parts = [f'<a href="{self.list_path(1)}">{first}</a>']
        if page > 1:
            parts.append(f'<a href="{self.list_path(page - 1)}">{prev}</a>')
        for n in range(1, pages + 1):
            parts.append(
                f'<span class="cur">{n}</span>'
                if n == page
                else f'<a href="{self.list_path(n)}">{n}</a>'
            )
        if page < pages:
            parts.append(f'<a href="{self.list_path(page + 1)}">{nxt}</a>')
        parts.append(f'<a href="{self.list_path(pages)}">{last}</a>')
        return " ".join(parts)

    def text(self, s: str) -> str:
        return _s2t().convert(s) if self.traditional and s else s

    def encode(self, page: str) -> bytes:
        """Characters the charset lacks become numeric references, as real CMSs emit them."""
        return page.encode(self.charset, errors="xmlcharrefreplace")

    def content_type(self) -> str:
        return f"text/html; charset={self.header_charset}" if self.header_charset else "text/html"


class ZhenjiangJsw(Layout):
    """金山网 (news.jsw.com.cn): founder-CMS paths /zjnews/YYYY-MM/DD/content_N.htm, UTF-8."""

    name = "zhenjiang_jsw"
    host = "news.jsw.com.cn"
    node = "node_3546"

    def list_path(self, page: int) -> str:
        return f"/zjnews/{self.node}.htm" if page == 1 else f"/zjnews/{self.node}_{page}.htm"

    def article_path(self, art: MirrorArticle) -> str:
        return f"/zjnews/{art.date[:7]}/{art.date[8:10]}/content_{art.number}.htm"

    def render_list(self, entries: list[Entry], page: int, pages: int) -> str:
        items = "\n".join(
            f'<li><a href="{esc(e.url)}" target="_blank">{esc(e.title)}</a><span class="date">{e.date}</span></li>'
            for e in entries
        )
        return f"""<!DOCTYPE html>
<html><head>{self.meta()}<title>镇江新闻_金山网</title></head>
<body>
<div class="top-nav"><a href="http://www.jsw.com.cn/">首页</a> <a href="http://news.jsw.com.cn/">新闻中心</a> <a href="{self.list_path(1)}">镇江新闻</a></div>
<div class="crumb">首页 新闻中心 镇江新闻 - 要闻</div>
<div class="main"><ul class="news-list">
{items}
</ul>
<div class="page">{self.pager(page, pages, ("首页", "上一页", "下一页", "尾页"))}</div></div>
<div class="friend-links">友情链接: <a href="http://www.js.gov.cn/">江苏省人民政府</a> <a href="http://www.js.gov.cn/zjnews/2024-01/01/content_1000001.htm">省政府要闻</a></div>
<div class="footer">金山网版权所有 未经授权禁止复制或建立镜像</div>
</body></html>"""

    def render_article(self, art: MirrorArticle) -> str:
        spam = f"<p>{esc(art.spam)}</p>\n" if art.spam else ""
        title_spam = f"{esc(art.spam)}_" if art.spam else ""
        return f"""<!DOCTYPE html>
<html><head>{self.meta()}<title>{title_spam}{esc(art.title)}_镇江新闻_金山网</title></head>
<body>
<div class="top-nav"><a href="http://www.jsw.com.cn/">首页</a> 新闻中心 <a href="{self.list_path(1)}">镇江新闻</a></div>
<div class="crumb">首页 新闻中心 镇江新闻 镇江新闻 - 要闻</div>
<div class="article">
<h1 class="title">{esc(art.title)}</h1>
<div class="info"><span class="time">{art.published}</span> <span class="source">来源:{esc(art.outlet)}</span></div>
<div class="content" id="content">
{spam}{paragraphs_html(art.paragraphs)}
</div>
<div class="editor">责任编辑:{esc(art.editor)}</div>
</div>
<div class="related"><a href="http://www.jsw.com.cn/">返回首页</a> <h3>相关新闻</h3> <a href="#top">返回顶部</a></div>
<div class="footer">金山网版权所有 未经授权禁止复制或建立镜像</div>
</body></html>"""


class MianyangMyrb(Layout):
    """绵阳日报 区县新闻 > 经开: GBK bytes, charset only in <meta> (the header has none)."""

    name = "mianyang_myrb"
    host = "www.myrb.net"
    charset = "gbk"
    header_charset = None
    meta_charset = "gb2312"
    section = "/qxxw/jk"

    def list_path(self, page: int) -> str:
        return f"{self.section}/index.html" if page == 1 else f"{self.section}/index_{page}.html"

    def article_path(self, art: MirrorArticle) -> str:
        d = art.date.replace("-", "")
        return f"{self.section}/{d[:6]}/t{d}_{art.number}.html"

    def render_list(self, entries: list[Entry], page: int, pages: int) -> str:
        items = "\n".join(
            f'<tr><td class="bt"><a href="{esc(e.url)}">{esc(e.title)}</a></td><td class="sj">[{e.date}]</td></tr>'
            for e in entries
        )
        return f"""<html><head>{self.meta()}<title>经开_区县新闻_绵阳日报</title></head>
<body><div class="dqwz">您现在的位置: <a href="/">首页</a> &gt; <a href="/qxxw/">区县新闻</a> &gt; 经开</div>
<table class="list">
{items}
</table>
<div class="fy">{self.pager(page, pages, ("首页", "上一页", "下一页", "末页"))}</div>
<div class="bottom">绵阳日报社 版权所有 蜀ICP备05000000号</div>
</body></html>"""

    def render_article(self, art: MirrorArticle) -> str:
        spam = f'<div style="display:none">{esc(art.spam)}</div>\n' if art.spam else ""
        author = f"<p>（{esc(art.authors)}）</p>" if art.authors else ""
        return f"""<html><head>{self.meta()}<title>{esc(art.title)}_经开_绵阳日报</title></head>
<body>{spam}<div class="dqwz">您现在的位置: <a href="/">首页</a> &gt; <a href="/qxxw/">区县新闻</a> &gt; <a href="{self.list_path(1)}">经开</a></div>
<div class="wz">
<div class="wzbt">{esc(art.title)}</div>
<div class="wzxx">发稿时间:{art.published}&nbsp;&nbsp;&nbsp;来源: {esc(art.outlet)}</div>
<div class="TRS_Editor">
{paragraphs_html(art.paragraphs, "　　")}
{author}
</div>
<div class="bj">编辑:{esc(art.editor)}</div>
</div>
<div class="xgxw">相关新闻:</div>
<div class="bottom">绵阳日报社 版权所有 蜀ICP备05000000号</div>
</body></html>"""


class HefeiXomn(Layout):
    """市场星报/安徽财经网 (www.xomn.cn): UTF-8 in the header only; list links carry tracking tags."""

    name = "hefei_xomn"
    host = "www.xomn.cn"
    meta_charset = None

    def list_path(self, page: int) -> str:
        return "/news/anhui/index.html" if page == 1 else f"/news/anhui/index_{page}.html"

    def article_path(self, art: MirrorArticle) -> str:
        return f"/news/anhui/{art.date.replace('-', '')}/{art.number}.html"

    def render_list(self, entries: list[Entry], page: int, pages: int) -> str:
        # Share/campaign tags on every link: the crawler must store the canonical URL.
        items = "\n".join(
            f'<div class="item"><h3><a href="{esc(e.url)}?utm_source=list&amp;utm_medium=web">{esc(e.title)}</a></h3><p class="time">{e.date}</p></div>'
            for e in entries
        )
        return f"""<!doctype html>
<html><head><title>安徽_市场星报_安徽财经网</title></head>
<body><div class="nav"><a href="http://www.xomn.cn/">首页</a> <a href="/news/anhui/index.html">安徽</a> <a href="/news/caijing/">财经</a></div>
<div class="list">
{items}
</div>
<div class="pages">{self.pager(page, pages, ("首页", "上一页", "下一页", "尾页"))}</div>
<div class="foot">市场星报社 安徽财经网 版权所有</div>
</body></html>"""

    def render_article(self, art: MirrorArticle) -> str:
        spam = f"<p>{esc(art.spam)}</p>\n" if art.spam else ""
        return f"""<!doctype html>
<html><head><title>{esc(art.title)}-市场星报-安徽财经网</title></head>
<body><div class="nav"><a href="http://www.xomn.cn/">首页</a> &gt; <a href="/news/anhui/index.html">安徽</a> &gt; 正文</div>
<div class="detail">
<h1>{esc(art.title)}</h1>
<div class="info">时间：<span class="pubtime">{art.published}</span>　来源：<span class="source">{esc(art.outlet)}</span>　作者：<span class="author">{esc(art.authors)}</span></div>
<div class="article-content">
{spam}{paragraphs_html(art.paragraphs)}
</div>
<div class="editor">责任编辑：{esc(art.editor)}</div>
</div>
<div class="share">分享到：微信 微博</div>
<div class="foot">市场星报社 安徽财经网 版权所有</div>
</body></html>"""


class HarbinCriBig5(Layout):
    """國際在線 Traditional edition (big5.cri.cn gateway): Big5 bytes, Traditional text."""

    name = "harbin_cri_big5"
    host = "big5.cri.cn"
    charset = "big5"
    header_charset = "big5"
    meta_charset = "big5"
    traditional = True
    base = "/gate/big5/news.cri.cn"

    def list_path(self, page: int) -> str:
        return (
            f"{self.base}/local/heilongjiang/index.html"
            if page == 1
            else f"{self.base}/local/heilongjiang/index_{page}.html"
        )

    def article_path(self, art: MirrorArticle) -> str:
        return (
            f"{self.base}/{art.date.replace('-', '')}/{art.number:08x}-{art.number % 9973:04x}.html"
        )

    def render_list(self, entries: list[Entry], page: int, pages: int) -> str:
        items = "\n".join(
            f'<li><span class="time">{e.date}</span><a href="{esc(e.url)}">{esc(self.text(e.title))}</a></li>'
            for e in entries
        )
        return f"""<!DOCTYPE html>
<html><head>{self.meta()}<title>黑龍江_地方_國際在線</title></head>
<body><div class="nav"><a href="http://big5.cri.cn/">國際在線</a> 新聞 地方 黑龍江</div>
<ul class="list-box">
{items}
</ul>
<div class="page-nav">{self.pager(page, pages, ("首頁", "上一頁", "下一頁", "尾頁"))}</div>
<div class="copyright">國際在線版權所有</div>
</body></html>"""

    def render_article(self, art: MirrorArticle) -> str:
        t = self.text
        spam = f"<p>{esc(art.spam)}</p>\n" if art.spam else ""
        return f"""<!DOCTYPE html>
<html><head>{self.meta()}<title>{esc(t(art.title))}_國際在線</title></head>
<body><div class="nav"><a href="http://big5.cri.cn/">國際在線</a> 新聞 地方</div>
<div class="article">
<h1 id="atitle">{esc(t(art.title))}</h1>
<div class="info"><span id="apublishtime">{art.published}</span>|<span id="asource">來源:{esc(t(art.outlet))}</span>|<span id="aeditor">編輯:{esc(t(art.editor))}</span></div>
<div id="abody">
{spam}{paragraphs_html([t(p) for p in art.paragraphs], "　　")}
</div>
</div>
<div class="copyright"><p>國際在線版權與信息産品內容銷售的聲明：</p>
<ul><li>1、“國際在線”由中國國際廣播電臺主辦。</li><li>2、凡本網註明“來源:國際在線”的所有作品，版權均屬於國際在線。</li></ul></div>
</body></html>"""


class LuoheFgw(Layout):
    """漯河市发改委 (fgw.luohe.gov.cn): TRS-CMS paths, GB2312 declared (GBK bytes), table layout."""

    name = "luohe_fgw"
    host = "fgw.luohe.gov.cn"
    charset = "gbk"
    header_charset = "gb2312"
    meta_charset = "gb2312"
    robots = "User-agent: *\nDisallow: /search/\nDisallow: /admin/\n"
    section = "/xwzx/gzdt"

    def list_path(self, page: int) -> str:
        # TRS numbering: the second page is index_1.html.
        return (
            f"{self.section}/index.html" if page == 1 else f"{self.section}/index_{page - 1}.html"
        )

    def article_path(self, art: MirrorArticle) -> str:
        d = art.date.replace("-", "")
        return f"{self.section}/{d[:6]}/t{d}_{art.number}.html"

    def render_list(self, entries: list[Entry], page: int, pages: int) -> str:
        items = "\n".join(
            f'<tr><td class="list-title"><a href="{esc(e.url)}" title="{esc(e.title)}">{esc(e.title)}</a></td><td class="list-date">{e.date}</td></tr>'
            for e in entries
        )
        return f"""<html><head>{self.meta()}<title>工作动态_漯河市发展和改革委员会</title></head>
<body><table class="top"><tr><td><a href="/">首页</a> | <a href="/xwzx/">新闻中心</a> | <a href="/search/?q=项目">站内搜索</a></td></tr></table>
<table class="gzdt">
{items}
</table>
<div class="fanye">{self.pager(page, pages, ("首页", "上一页", "下一页", "尾页"))}</div>
<table class="bottom"><tr><td>主办：漯河市发展和改革委员会 豫ICP备00000000号</td></tr></table>
</body></html>"""

    def render_article(self, art: MirrorArticle) -> str:
        spam = f"<p>{esc(art.spam)}</p>\n" if art.spam else ""
        author = f"　作者：{esc(art.authors)}" if art.authors else ""
        return f"""<html><head>{self.meta()}<title>{esc(art.title)}</title></head>
<body><table class="top"><tr><td><a href="/">首页</a> | <a href="/xwzx/">新闻中心</a> | <a href="{self.list_path(1)}">工作动态</a></td></tr></table>
<table class="detail">
<tr><td class="detail-title">{esc(art.title)}</td></tr>
<tr><td class="detail-info">发布时间：{art.published}　来源：{esc(art.outlet)}{author}</td></tr>
<tr><td><div class="TRS_Editor">
{spam}{paragraphs_html(art.paragraphs)}
</div></td></tr>
<tr><td class="detail-editor">责编:{esc(art.editor)}</td></tr>
</table>
<table class="bottom"><tr><td>主办：漯河市发展和改革委员会 豫ICP备00000000号</td></tr></table>
</body></html>"""


LAYOUTS: dict[str, Layout] = {
    layout.name: layout
    for layout in (ZhenjiangJsw(), MianyangMyrb(), HefeiXomn(), HarbinCriBig5(), LuoheFgw())
}
