"""Page chrome, captions and footers: lines that are not the article.

Every test takes the Simplified form of a line (so one vocabulary serves both
scripts). Vocabularies live in vocab_clean.py.
"""

from __future__ import annotations

import re

from pipelines.vocab_clean import CHROME_LINES, CHROME_PREFIXES, FOOTER_MARKERS

# What is stripped before a line is compared with CHROME_LINES: brackets, spaces, punctuation.
_NORMALISE = re.compile(r"[\s\[\]【】()（）<>《》「」|｜:：>»·•\-—_]+")
# BREADCRUMB: `首页 > 快讯 > 正文`, `香港商报官网 > 安徽 > 地方产业` (two or more `>`-like arrows).
BREADCRUMB = re.compile(r"^(?:[^>»＞]{0,20}[>»＞]){2,}[^>»＞]{0,20}$")
# NAV_WORDS: `首頁 新聞中心 鎮江新聞 - 要聞`: a line of short words opening with 首页.
NAV_WORDS = re.compile(r"^(?:logo\s*)?(?:网站首页|本社首页|首页)(?:\s+\S{1,8}){1,}$", re.I)
# LINK_LIST: `网站首页 | 关于我们 | 联系方式` (three or more short items between bars).
LINK_LIST = re.compile(r"^\s*\S{1,8}(?:\s*[|｜]\s*\S{1,8}){2,}\s*$")
# PAGE_LABEL: a newspaper's page label, `第二版:要闻`.
PAGE_LABEL = re.compile(r"^第[一二三四五六七八九十百\d]+版(?:\s*[:：]\s*\S{0,10})?$")
# PHOTO_CREDIT: a caption ending with its credit, `…集中開工。記者趙臣攝`, `…已封顶(张晓玲 摄)`.
PHOTO_CREDIT = re.compile(
    r"(?:(?:记者|通讯员|摄影)?\s*[\u4e00-\u9fff]{2,4}\s*摄|[(（][^()（）]{2,14}\s*摄[)）])\s*$"
)
# FILE_NAME: a photo's file name left as text, `_DSC4445_副本`, `IMG_2031.jpg`.
FILE_NAME = re.compile(
    r"^[\w\-]*(?:dsc|img|pic|photo|image)[\w\-]*(?:\.(?:jpe?g|png|gif))?(?:_?副本)?$|^\S+\.(?:jpe?g|png|gif)$",
    re.I,
)
# COUNTER: a lone number (view counts, page numbers).
COUNTER = re.compile(r"^[\d\s,.]{1,12}$")
# FORUM_STATS: `查看: 4331|回复: 1`.
FORUM_STATS = re.compile(r"^(?:查看|回复|浏览|阅读)\s*[:：]\s*\d+")
# CAPTION_LABEL: a short line naming a picture, `资料图`, `顶图:新闻发布会现场`, `图为…`.
CAPTION_LABEL = re.compile(
    r"^(?:资料图|资料图片|图片|配图|顶图|题图|头图|上图|下图|左图|右图|组图)(?:\s*[:：].{0,40})?$"
)


# SITE_NAME: a line that is only a site's name, `句容热线网`, `某某市人民政府门户网站`.
SITE_NAME = re.compile(
    r"^[\u4e00-\u9fff\w·]{2,16}(?:网|网站|门户网站|门户|政府网|官网|官方网站|频道|客户端|热线|论坛|社区)$"
)
# CHROME_WORDS: a line made only of chrome words, `【打印本页】【关闭窗口】`, `分享 | 收藏 | 打印`.
_CHROME_TOKENS = re.compile(r"[\s\[\]【】|｜/、]+")


def is_site_name(simplified: str) -> bool:
    return bool(SITE_NAME.match(simplified.strip()))


def is_chrome(simplified: str) -> bool:
    """Navigation, sharing buttons, forum chrome, captions, counters: not article text."""
    s = simplified.strip()
    if not s:
        return True
    low = s.lower().replace("：", ":")
    key = _NORMALISE.sub("", low)
    if not key or key in CHROME_LINES:
        return True
    if low.startswith(CHROME_PREFIXES) or key.startswith(CHROME_PREFIXES):
        return True
    if len(s) <= 80 and (BREADCRUMB.match(s) or NAV_WORDS.match(s) or LINK_LIST.match(s)):
        return True
    if PAGE_LABEL.match(s) or COUNTER.match(s) or FORUM_STATS.match(s) or FILE_NAME.match(s):
        return True
    if CAPTION_LABEL.match(s) or SITE_NAME.match(s):
        return True
    tokens = [t for t in _CHROME_TOKENS.split(low) if t]
    if len(tokens) >= 2 and all(_NORMALISE.sub("", t) in CHROME_LINES for t in tokens):
        return True
    return len(s) <= 120 and bool(PHOTO_CREDIT.search(s))


def footer_marker(simplified: str) -> bool:
    """The line opens a copyright / disclaimer / contact footer."""
    low = simplified.lower()
    return any(m in low for m in FOOTER_MARKERS)
