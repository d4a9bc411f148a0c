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
# SITE_CRUMB: a one-step breadcrumb from a site's name or home, `三亚新闻网 > 图片新闻`
# (a headline may hold a `>` too, so the left side must be a site name).
SITE_CRUMB = re.compile(r"^(?P<site>[^>»＞]{2,20}?)\s*[>»＞]\s*[^>»＞]{1,12}$")
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

# Captions are matched on the ORIGINAL script (so the prose kept keeps its script):
# each character that differs between the scripts is a class of both forms.
_TU = "[图圖]"
_SHE = "[摄攝]"
_CAPTION_NUM = r"[\d一二三四五六七八九十]{0,3}"
# CAPTION_MARKER: a picture's tag opening its caption, `[图1]`, `【组图】`, `(图2)`, `图3：`.
# `图为…` is not a marker: it is the caption's own prose and stays.
CAPTION_MARKER = re.compile(
    rf"^\s*(?:[\[【(（]\s*(?:组|組)?{_TU}\s*{_CAPTION_NUM}\s*[\]】)）]\s*[:：]?"
    rf"|(?:组|組)?{_TU}\s*{_CAPTION_NUM}\s*[:：])\s*"
)
# One to four personal names, `黄海涛`, `黄海涛 林小雨`, `黄海涛、林小雨`.
_CREDIT_NAMES = r"[\u4e00-\u9fff·]{2,4}(?:\s*[、\s]\s*[\u4e00-\u9fff·]{2,4}){0,3}"
_CREDIT_ROLE = "(?:本[报報])?(?:特约|特約)?(?:[记記]者|通[讯訊][员員]|[摄攝]影[记記]者)"
# CAPTION_CREDIT: a photo credit closing a caption. After a sentence end or a space
# (`…封顶。本报记者 黄海涛 摄`, `…封顶 黄海涛/摄`), in brackets (`（新华社记者 李四 摄）`), or
# labelled (`摄影：王五`, `图片来源：江城日报`). A 摄 glued to running text (`航拍摄`) is not one.
CAPTION_CREDIT = re.compile(
    rf"(?:(?<=[。！？!?”」）)])|\s)\s*(?:{_CREDIT_ROLE}\s*)?(?P<n1>{_CREDIT_NAMES})\s*/?\s*{_SHE}\s*$"
    rf"|[(（]\s*(?P<n2>[^()（）]{{2,24}}?)\s*/?\s*{_SHE}\s*[)）]\s*$"
    rf"|[(（]?\s*(?:(?P<photog>{_SHE}影)|{_TU}片[来來]源|{_TU}\s*/)\s*[:：/]?\s*"
    rf"(?P<n3>[^。！？()（）:：]{{1,24}})[)）]?\s*$"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Every marker and credit holds one of these characters (图 / 摄).
_CAPTION_HINT = re.compile("[图圖摄攝]")
# CAPTION_PROSE: what a caption must keep to be news rather than a label: 20 CJK
# characters or more and a sentence mark (a label like `开工仪式现场` has neither).
CAPTION_PROSE_MIN_CJK = 20
_PROSE_PUNCT = re.compile(r"[。！？；，,;!?]")


def split_caption(text: str) -> tuple[str, list[str]] | None:
    """A photo caption's prose and its photographers, or None when the line is no caption.

    Photo-news pages carry the story in their captions (`[图1] 11月18日，…封顶。
    本报记者 X 摄`): the marker and the credit go, the sentences stay. A caption
    without prose (`项目开工现场。记者王海摄`) comes back as ("", names): it is chrome.
    """
    if not _CAPTION_HINT.search(text):
        return None  # most lines: skip the two patterns below
    marker = CAPTION_MARKER.match(text)
    credit = CAPTION_CREDIT.search(text)
    if not marker and not credit:
        return None
    start = marker.end() if marker else 0
    end = credit.start() if credit else len(text)
    prose = text[start:end].strip() if end > start else ""
    names: list[str] = []
    if credit:
        raw = credit["n1"] or credit["n2"] or (credit["n3"] if credit["photog"] else "") or ""
        names = [n for n in re.split(r"[\s、/]+", raw) if 2 <= len(n) <= 4 and _CJK.match(n)]
        names = [n for n in names if not re.search(r"[记記]者|[报報]|社|[网網]", n)]
    if len(_CJK.findall(prose)) < CAPTION_PROSE_MIN_CJK or not _PROSE_PUNCT.search(prose):
        return "", names
    return prose, names


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
    crumb = SITE_CRUMB.match(s)
    if crumb and (is_site_name(crumb["site"]) or crumb["site"].strip().endswith("首页")):
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
