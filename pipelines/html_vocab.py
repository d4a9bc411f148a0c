"""Words and names the generic HTML extractor looks for (pipelines/html.py).

Where they come from: the page templates of Chinese government portals (TRS,
大汉, 博思 CMS: 当前位置 breadcrumbs, 发布时间/来源/字号 lines, 【打印】【关闭】
buttons, `<meta name="ArticleTitle">`), city newspaper sites (本报讯, 责任编辑),
and WeChat article pages (js_content, rich_media_title). Each list says what it
must NOT match; grow them with a test page in tests/files/html/ that needs it.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    """A vocabulary written as blank-separated words, one group per line."""
    return frozenset(text.split())


# Block-level tags: text on either side of one of these is a separate line.
BLOCK_TAGS = _words(
    """
    p div br li ul ol dl dd dt hr pre center blockquote
    tr td th table tbody thead caption form option address
    h1 h2 h3 h4 h5 h6 section article header footer aside nav main figure figcaption
    """
)

# Tags whose content is never page text (scripts are read for dates before they go).
DROP_TAGS = tuple(
    _words(
        "script style noscript iframe template svg textarea select button object embed map canvas"
    )
)

# class/id tokens of containers that hold no article text. Compared as whole
# tokens (class "news_comment" splits into news, comment) so "content" or
# "article-main" never match; must not include words an article wrapper uses
# ("content", "article", "main", "text", "detail", "con", "box", "left", "right",
# and never bare "side": layouts name the article column "main-side").
NOISE_TOKENS = _words(
    """
    comment comments comm pinglun reply replies discuss
    related relate xgxw xgwz xgyd relnews recommend tuijian hotnews rank ranking paihang popular
    sidebar aside sidenav leftside rightside
    footer copyright banquan
    nav navbar menu breadcrumb crumb crumbs weizhi dqwz
    share bdshare fenxiang toolbar
    login register sousuo advert banner
    pager pagination prevnext fanye qrcode ewm erweima
    """
)

# Tokens that mark such a container only as the LAST token of a class/id word
# ("news-bottom", "art-tools", "page-foot"): as a first token they are CSS
# utilities ("position-relative", "bottom-0", "top-nav" is caught by "nav").
NOISE_LAST_TOKENS = _words("position location bottom foot hot rec ad ads gg tools search prev next")

# Prefixes of class/id tokens that mark the same kinds of containers.
NOISE_PREFIXES = (
    "comment",
    "related",
    "recommend",
    "footer",
    "sidebar",
    "breadcrumb",
    "share",
    "pinglun",
    "xiangguan",
)

# Tags that never hold the article body.
NOISE_TAGS = frozenset({"nav", "footer", "aside"})

# class/id fragments of an element that holds the page's own headline.
# Must not match "subtitle" (checked separately) or list/item titles (their
# elements sit inside <a>/<li>, which the scorer penalises).
TITLE_HINT = re.compile(
    r"title|headline|biaoti|^bt$|^tit$|_bt$|-bt$|activity-name|thread_subject|^subject$", re.I
)
SUBTITLE_HINT = re.compile(r"sub-?title|fu-?title|futitle|vice|yin-?title", re.I)

# Lines where the article body has ended: the editor credit, related lists,
# share/print/close buttons, previous/next links. Only a SHORT line starting
# with one of these cuts (a body sentence mentioning 打印 never does).
TAIL_MARKER = re.compile(
    r"^[\s【\[(（〔<《]*(?:责任编辑|責任編輯|(?:编辑|編輯|审核|審核|校对|校對|终审|责编|監製|监制)\s*[:：|]|相关新闻|相關新聞|相关阅读|相關閱讀|"
    r"相关链接|相關鏈接|相关文章|相關文章|相关稿件|延伸阅读|推荐阅读|推荐新闻|热点推荐|热门推荐|更多新闻|"
    r"分享到|分享至|(?:打印|列印|关闭|關閉)(?:本页|此页|本頁|窗口|視窗|页面|文章|本文)?(?:$|[\s】\]）)|/])|"
    r"上一篇|下一篇|上一条|下一条|扫一扫|掃一掃|我要纠错|往期推荐|往期回顾|往期精选|精彩推荐|热文推荐|"
    r"更多精彩|长按识别|长按二维码|扫码关注|"
    r"(?:网友|網友|全部|热门|最新|精彩|发表|我要)?(?:评论|評論|留言)(?:区|區|列表)?\s*(?:$|[(（\d:：])|"
    r"【字体|字体[:：]|返回顶部|返回首页)"
)
TAIL_MAX_LEN = 60

# Lines that open a WeChat article before its first sentence ("点击蓝字关注我们"): skipped
# while the body has not started; never a sentence of news.
HEAD_JUNK = re.compile(r"点击.{0,8}关注|关注我们|蓝字|星标|置顶公众号")

# Boilerplate of page footers and legal notices: a line holding one of these is
# never body text. Must not match words a news sentence uses ("版权" alone can).
BOILERPLATE = re.compile(
    r"版权所有|版權所有|ICP备|ICP證|ICP证|公网安备|網安備|网站标识码|網站標識碼|主办单位|主辦單位|承办单位|"
    r"技术支持|技術支持|联系我们|聯繫我們|网站地图|網站地圖|Copyright|©|未经授权|未經授權|不得转载|"
    r"建议使用.{0,20}浏览器|最佳浏览|分辨率|当前位置|當前位置|您的位置|您现在的位置|首页\s*[>›»]",
    re.I,
)

# Labels of the byline block under a headline (发布时间/来源/作者/字号/浏览次数).
BYLINE_LABEL = re.compile(
    r"[发發][布佈稿](?:时间|時間|日期)|发布于|發佈於|[时時]间[:：]|時間[:：]|日期[:：]|[来來]源[于於]?[:：]|作者[:：]|"
    r"记者|記者|[编編][辑輯][:：]|责编|責編|字号|字號|字體|字体|浏览|瀏覽|点击|點擊|阅读[:：]|阅读数|"
    r"发表于|發表於|稿源"
)

# Sentence punctuation: a line with some is prose, not a menu or a label.
SENTENCE_PUNCT = frozenset("，。！？；：、“”,;!?")
END_PUNCT = frozenset("。！？!?」”）)")

# <meta name|property> whose content is the page's headline.
TITLE_META = ("og:title", "articletitle", "title", "twitter:title", "headline", "dc.title")
# <meta> naming the site (used to strip and to reject a logo <h1>).
SITE_META = ("og:site_name", "sitename", "site_name", "application-name", "site")
# <meta> holding the publication date, best first. Never "lastmodified"/"updated": those are not
# the date printed on the page.
DATE_META = (
    "article:published_time",
    "pubdate",
    "publishdate",
    "publish_date",
    "publish-date",
    "publishtime",
    "published_time",
    "og:release_date",
    "datepublished",
    "firstpublishedtime",
    "releasedate",
    "createdate",
    "dc.date.issued",
    "dc.date",
    "weibo:article:create_at",
    "sailthru.date",
    "date",
)
# <meta> naming the credited source (government CMS templates set ContentSource).
OUTLET_META = ("contentsource", "source", "og:article:source", "article:source", "copyfrom")
# <meta> naming the author.
AUTHOR_META = ("author", "article:author", "og:article:author", "contentauthor")

# Words that follow a byline label ("记者 张三", "编辑：李四") but are no names.
NOT_NAMES = _words("发布 时间 日期 来源 浏览 点击 字号 编辑 记者 作者 通讯员 本报 报道 摄影")
