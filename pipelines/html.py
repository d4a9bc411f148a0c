"""Generic extraction of one Chinese news or government page: headline, date, source, body.

Most sites govwatch watches have no hand-written selectors, so this must take
any page apart. No single signal is reliable on these sites (an `<h1>` is often
the site logo, `<title>` carries the site name, meta dates are the CMS's
last-save time, the first date on a page may be a comment's), so each field is
decided by several signals that agree:

- the page is cut into LINES at block tags, each knowing its block element,
  how much of it is link text, and whether it sits in a navigation / related /
  comment / footer container;
- the HEADLINE is the `<h1>`/`<h2>`/`.title` candidate that the `<title>`
  (with its site-name part split off), og:title / ArticleTitle, and its place
  right above the byline date agree on;
- the DATE is the byline's (the first date line under the headline), then the
  meta tags, the page's scripts (WeChat), the URL: never a comment's or a
  related item's (those lines are noise or links);
- the BODY is the element whose lines carry the most prose (characters of
  lines with sentence punctuation, minus menus, links, boilerplate and noise
  containers), trimmed of its byline lines and cut at 责任编辑 / 相关新闻 /
  分享到 / 打印 / 关闭.

trafilatura and gne were measured as extra votes (bench/extract_html.py) and
left out: on pages padded to portal size they run at 5-15 pages/s against this
extractor's 100-200, and on our corpus neither was right on a field where this
one was wrong (they keep site names in titles, take related items' headlines,
miss WeChat and byline dates).
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from pipelines.dates import find_printed_date
from pipelines.html_charset import decode_html
from pipelines.html_dates import date_in_scripts, date_in_url
from pipelines.html_vocab import (
    AUTHOR_META,
    BLOCK_TAGS,
    BOILERPLATE,
    BYLINE_LABEL,
    DATE_META,
    DROP_TAGS,
    END_PUNCT,
    HEAD_JUNK,
    NOISE_LAST_TOKENS,
    NOISE_PREFIXES,
    NOISE_TAGS,
    NOISE_TOKENS,
    NOT_NAMES,
    OUTLET_META,
    SENTENCE_PUNCT,
    SITE_META,
    SUBTITLE_HINT,
    TAIL_MARKER,
    TAIL_MAX_LEN,
    TITLE_HINT,
    TITLE_META,
)
from pipelines.records import PageFields

log = logging.getLogger(__name__)

# Runs of any whitespace (incl. ideographic space, nbsp, zero-width) collapse to one space.
_WS = re.compile(r"[\s\u3000\xa0\u200b\u200c\u200d\ufeff]+")
# A source line break between two Chinese characters: browsers render none (CSS Text
# segment-break rules), so neither do we ("项目\n开工" is "项目开工", not "项目 开工").
_SEGMENT_BREAK = re.compile(
    r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])[ \t\r]*\n\s*(?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])"
)
# What comparison keys drop: whitespace and punctuation, so "标题：副题" equals "标题 副题".
_KEY_DROP = re.compile(r"[\W_]+")
# Separators between a headline and the site/column names in <title>:
# "标题_镇江市人民政府", "标题 - 新华网", "标题|政务公开", "标题——绵阳日报". A hyphen between
# digits ("2024-2025") is part of the headline.
_TITLE_SEP = re.compile(
    r"\s*(?:_{1,2}|\|{1,2}|｜|—{1,2}|–|－|::|(?<!\d)\s*-{1,2}\s*(?!\d)|\s-\s)\s*"
)
# The same separators without the em-dashes, which headlines also use for subtitles.
_STRONG_TITLE_SEP = re.compile(
    r"\s*(?:_{1,2}|\|{1,2}|｜|–|－|::|(?<!\d)\s*-{1,2}\s*(?!\d)|\s-\s)\s*"
)
# An XML declaration with an encoding: lxml refuses such a declaration in a str.
_XML_DECL = re.compile(r"^[\s\ufeff]*<\?xml[^>]*\?>", re.I)
# Inline style that hides an element from readers (injected SEO junk hides this way).
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# "来源：镇江日报" in a byline; the value ends at a blank or the next label.
_OUTLET = re.compile(r"(?:来源|來源|稿源|出处)[于於]?\s*[:：]\s*([^\s|｜丨/]{2,30})")
# A byline label glued to the end of a value ("镇江日报作者：张三").
_NEXT_LABEL = re.compile(
    r"(?:作者|记者|記者|编辑|編輯|通讯员|发布时间|发布日期|發布時間|发布于|时间[:：]|時間[:：]|日期[:：]|浏览|瀏覽|点击|點擊|字号|字體|字体|阅读|【|\[).*$"
)
# "作者：张三 李四", "记者 张三", "文/张三", "撰稿：张三": names follow the label.
_AUTHOR = re.compile(
    r"(?:作者|撰稿|撰文|文字|記者|记者|通讯员|通訊員|文(?=\s*[/／]))\s*[:：/／]?\s*((?:[\u4e00-\u9fff·]{2,4}(?:[\s、,，]+|$))+)"
)
# "责任编辑：张三", "编辑：李四", "（编辑 王五）".
_EDITOR = re.compile(
    r"(?:责任编辑|責任編輯|责编|編輯|编辑)\s*[:：]?\s*((?:[\u4e00-\u9fff·]{2,4}(?:[\s、,，]+|$|(?=[)）】\]])))+)"
)
# Sentence punctuation: a line with some is prose, not a menu or a label.
_PROSE = re.compile("[" + re.escape("".join(sorted(SENTENCE_PUNCT))) + "]")
# How much a heading tag alone says "headline"; h4/h5 only with other signals (some portals
# print the headline in an <h5> under an <h3> breadcrumb).
_HEADING_BASE = {"h1": 3.0, "h2": 2.0, "h3": 1.0, "h4": 0.5, "h5": 0.5}
# One or more Chinese personal names: "张三", "张三 李四", "张三、李四".
_PERSON_NAMES = re.compile(r"[\u4e00-\u9fff·]{2,4}(?:[\s、,，]+[\u4e00-\u9fff·]{2,4})*")
# The head of a comment or reply: its author's line with a date ("网友A 发表于 2024-05-02").
_COMMENT_HEAD = re.compile(r"发表于|發表於|网友|網友|回复|回覆|\d+\s*楼|IP属地|IP屬地")
# Clause punctuation: a date line holding one is a sentence, not a byline.
_CLAUSE = re.compile("[，。；！？,;]")


@dataclass(slots=True)
class _Line:
    """One line of page text, as a reader sees it between block breaks."""

    text: str
    link: int  # characters of it inside <a>
    elem: etree._Element  # innermost block element holding it
    noise: bool  # inside a nav/related/comment/footer container

    @property
    def link_share(self) -> float:
        return self.link / max(len(self.text), 1)


def _norm(text: str | None) -> str:
    return _WS.sub(" ", text or "").strip()


def _key(text: str | None) -> str:
    return _KEY_DROP.sub("", text or "").lower()


def _attrs(el: etree._Element) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


@lru_cache(maxsize=4096)
def _tokens(raw: str) -> tuple[str, ...]:
    return tuple(t for t in re.split(r"[\s_\-]+", raw.lower()) if t)


@lru_cache(maxsize=4096)
def _noise_attr(raw: str) -> bool:
    """Whether a class/id string names a nav/related/comment/footer container (cached: templates repeat)."""
    low = raw.lower()
    if "js_content" in low:
        return False
    if any(p in low for p in NOISE_PREFIXES):
        return True
    for word in low.split():
        tokens = _tokens(word)
        if any(t in NOISE_TOKENS for t in tokens) or (tokens and tokens[-1] in NOISE_LAST_TOKENS):
            return True
    return False


@lru_cache(maxsize=4096)
def _title_attr(raw: str) -> bool:
    return bool(TITLE_HINT.search(raw)) or any(TITLE_HINT.search(t) for t in _tokens(raw))


def _is_noise(el: etree._Element) -> bool:
    if el.tag in NOISE_TAGS:
        return True
    raw = _attrs(el)
    return len(raw) > 1 and _noise_attr(raw)


def _text(el: etree._Element) -> str:
    return _norm(_SEGMENT_BREAK.sub("", "".join(el.itertext())))


def _drop(el: etree._Element) -> None:
    """Remove an element but keep the text that follows it (lxml's drop_tree, for plain etree)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


# ----------------------------------------------------------------------------- parsing


def _parse(text: str) -> etree._Element | None:
    """An lxml tree of the page, or None for input that holds no markup at all."""
    text = _XML_DECL.sub("", text, count=1).replace("\x00", "")
    if not text.strip():
        return None
    try:
        root = etree.fromstring(text, parser=_parser())
    except (etree.ParserError, ValueError):
        return None
    return root if root is not None and isinstance(root.tag, str) else None


_LOCAL = threading.local()


def _parser() -> etree.HTMLParser:
    """One parser per thread: lxml parser objects must not be shared between threads."""
    parser = getattr(_LOCAL, "parser", None)
    if parser is None:
        parser = _LOCAL.parser = etree.HTMLParser(
            remove_comments=True, remove_pis=True, no_network=True
        )
    return parser


def _metas(root: etree._Element) -> dict[str, str]:
    """<meta name|property|itemprop=... content=...>, names lower-cased, first one wins."""
    out: dict[str, str] = {}
    for m in root.iter("meta"):
        content = _norm(m.get("content"))
        if not content:
            continue
        for attr in ("name", "property", "itemprop", "http-equiv"):
            name = (m.get(attr) or "").strip().lower()
            if name and name not in out:
                out[name] = content
    return out


def _clean_tree(root: etree._Element) -> list[str]:
    """Drop scripts, styles and hidden elements; return the scripts' text (read for dates).

    Hidden elements carry injected SEO junk; but a page that hides its whole
    article until a script runs (as WeChat does) must keep it, so an element
    holding most of the page's text is never dropped.
    """
    scripts = [s.text for s in root.iter("script") if s.text]
    etree.strip_elements(root, *DROP_TAGS, with_tail=False)
    hidden = [
        el
        for el in root.xpath("//*[@style or @hidden]")
        if el.get("hidden") is not None or _HIDDEN_STYLE.search(el.get("style") or "")
    ]
    if hidden:
        total = sum(len(t.strip()) for t in root.itertext())
        for el in hidden:
            if sum(len(t.strip()) for t in el.itertext()) * 2 < total:
                _drop(el)
    return scripts


@dataclass(slots=True)
class _Layout:
    """The page as lines, with the line span [start, end) of every block and headline-like element."""

    lines: list[_Line]
    spans: dict[etree._Element, tuple[int, int]]
    headings: list[etree._Element]  # <h1>-<h3> and elements whose class/id says "title"


def _lines(body: etree._Element) -> _Layout:
    """Cut the page into lines at block tags (one pass; attribute checks done by XPath up front)."""
    noisy: set[etree._Element] = set(body.iter(*NOISE_TAGS))
    headings: list[etree._Element] = []
    for el in body.xpath(".//h1|.//h2|.//h3|.//h4|.//h5|.//*[@class or @id]"):
        raw = _attrs(el)
        if len(raw) > 1 and _noise_attr(raw):
            noisy.add(el)
        elif el.tag in _HEADING_BASE or (len(raw) > 1 and _title_attr(raw)):
            headings.append(el)
    noisy.discard(body)
    if noisy:
        # A page wrapper with a class like "nav-fixed" or "has-footer" is no nav or footer:
        # an element holding most of the page's text is never noise.
        total = sum(len(t.strip()) for t in body.itertext())
        noisy = {el for el in noisy if sum(len(t.strip()) for t in el.itertext()) * 2 < total}
    tracked = set(headings)
    tracked.add(body)
    lines: list[_Line] = []
    spans: dict[etree._Element, tuple[int, int]] = {}
    starts: list[int] = []
    parts: list[str] = []
    link = 0
    line_elem: etree._Element = body
    line_noise = False
    blocks: list[etree._Element] = [body]
    link_depth = 0

    def flush() -> None:
        nonlocal link
        if parts:
            text = _norm(_SEGMENT_BREAK.sub("", "".join(parts)))
            if text:
                lines.append(_Line(text, min(link, len(text)), line_elem, line_noise))
            parts.clear()
        link = 0

    walk = etree.iterwalk(body, events=("start", "end"))
    for event, el in walk:
        tag = el.tag
        if tag.__class__ is not str:
            continue
        block = tag in BLOCK_TAGS
        if event == "start":
            if block:
                if parts:
                    flush()
                blocks.append(el)
            if block or el in tracked:
                starts.append(len(lines))
            if el in noisy:
                # A nav/related/comment/footer container: one line holding all its text, so it
                # weighs against any container around it, without walking its many links.
                if not block:
                    if parts:
                        flush()
                    starts.append(len(lines))
                text = _norm(" ".join(el.itertext()))
                if text:
                    lines.append(_Line(text, 0, el, True))
                walk.skip_subtree()
                continue
            if tag == "a":
                link_depth += 1
            text = el.text
        else:
            if block:
                if parts:
                    flush()
                if blocks[-1] is el:
                    blocks.pop()
            if el in noisy:
                spans[el] = (starts.pop(), len(lines))
            else:
                if tag == "a":
                    link_depth -= 1
                if block or el in tracked:
                    spans[el] = (starts.pop(), len(lines))
            text = el.tail if el is not body else None
        if text:
            if text.isspace():
                if parts:
                    parts.append(" ")
                continue
            if not parts:
                line_elem, line_noise = blocks[-1], False
            parts.append(text)
            if link_depth:
                link += len(text.strip())
    flush()
    return _Layout(lines, spans, headings)


# ----------------------------------------------------------------------------- headline


@dataclass(slots=True)
class _Headline:
    text: str
    score: float
    end: int  # index of the first line after it (-1 when it has no place in the page)


def _title_parts(title_tag: str) -> list[str]:
    return [p for p in (_norm(x) for x in _TITLE_SEP.split(title_tag)) if p]


# How site and column names end ("临川市人民政府", "平阳新闻网", "高新区管委会", "安平政务"):
# used only to tell which <title> part is the site's when nothing else on the page says so.
_SITE_SUFFIX = re.compile(
    r"(?:政府|门户|网站|政府网|新闻网|网|網|管委会|委员会|日报|晚报|发布|政务|融媒体中心|官网|局|办)$"
)


def _site_keys(
    root: etree._Element, parts: list[str], lines: list[_Line], metas: dict[str, str]
) -> set[str]:
    """Keys of the site's (and column's) names: meta site names, and the <title> parts that the
    page repeats in its logo, footer or navigation, else the site-like end of <title>."""
    keys = {_key(metas[n]) for n in SITE_META if n in metas} - {""}
    if len(parts) < 2:
        return keys
    chrome = " ".join(
        ln.text
        for ln in lines
        if ln.noise or ln.link * 2 > len(ln.text) or BOILERPLATE.search(ln.text)
    )
    chrome += " ".join(img.get("alt") or "" for img in root.iter("img"))
    part_keys = [_key(p) for p in parts]
    # The longest part is the headline's unless a meta tag names it the site: the page's own
    # headline often reappears in a "latest news" list, which is chrome.
    longest = max(part_keys, key=len)
    found = {
        _key(p)
        for p in parts
        if len(p) >= 2 and (_key(p) in keys or (p in chrome and _key(p) != longest))
    }
    if found and len(found) < len(part_keys):
        return keys | found
    first, last = part_keys[0], part_keys[-1]
    if _SITE_SUFFIX.search(first) and not _SITE_SUFFIX.search(last) and len(first) < len(last):
        return keys | {first}
    return keys | {last}


def _strip_site(title_tag: str, site_keys: set[str]) -> str:
    """The headline part of <title>: its longest part once site and column names are dropped.

    Parts are split at "_", "|", " - " and the like, never at "——", which
    headlines use for their own subtitles ("开局即冲刺——北湖片区重点项目建设见闻").
    """
    parts = [p for p in (_norm(x) for x in _STRONG_TITLE_SEP.split(title_tag)) if _key(p)]
    kept = [p for p in parts if _key(p) not in site_keys] or parts
    return max(kept, key=lambda p: len(_key(p)), default=title_tag)


def _ancestors_hint(el: etree._Element, levels: int = 6) -> tuple[bool, bool, bool]:
    """(inside a link, inside a list item, inside a noise container) within a few levels."""
    in_a = in_li = noisy = False
    for i, a in enumerate(el.iterancestors()):
        if i >= levels:
            break
        in_a = in_a or a.tag == "a"
        in_li = in_li or a.tag == "li"
        noisy = noisy or _is_noise(a) or "logo" in _attrs(a).lower()
    return in_a, in_li, noisy


def _headline(
    root: etree._Element, layout: _Layout, metas: dict[str, str], byline_idx: int | None
) -> _Headline | None:
    """The page's own headline: the candidate <title>, meta titles and the byline's place agree on."""
    lines, spans, headings = layout.lines, layout.spans, layout.headings
    title_tag = _norm(root.findtext(".//title"))
    parts = _title_parts(title_tag)
    tkey = _key(title_tag)
    first_key = _key(parts[0]) if parts else ""
    site_keys = _site_keys(root, parts, lines, metas)
    meta_keys = (
        {_key(metas[n]) for n in TITLE_META if n in metas and n != "title"} - {""} - site_keys
    )

    def score(text: str, base: float, end: int) -> float:
        """Agreement of one candidate with the other signals (weights set on tests/files/html)."""
        k = _key(text)
        short = len(k) < 8  # a column or site name ("园区动态") more often than a headline
        s = base - (3 if short else 0)
        if k in site_keys:
            return s - 10
        if k in meta_keys:
            s += 5
        elif any(len(m) >= 6 and (m.startswith(k) or k.startswith(m)) for m in meta_keys):
            s += 2
        if tkey:
            if k == first_key or tkey.startswith(k):
                s += 2 if short else 5
            elif k in tkey or (len(first_key) >= 8 and k.startswith(first_key)):
                s += 1 if short else 3
        if byline_idx is not None and 0 <= byline_idx - end <= 2:
            s += 4 if byline_idx == end else 2
        return s

    cands: list[_Headline] = []
    for el in headings:
        if el not in spans:
            continue
        start, end = spans[el]
        tag = el.tag
        raw_attr = _attrs(el)
        hinted = len(raw_attr) > 1 and _title_attr(raw_attr)
        text = _text(el)
        k = _key(text)
        if not 4 <= len(k) <= 150 or end - start > 4 or _is_byline(text):
            continue  # a byline block may carry a "title_blow" class; it is never the headline
        base = _HEADING_BASE.get(tag, 0.0) + (2.0 if hinted else 0.0)
        if SUBTITLE_HINT.search(raw_attr):
            base -= 4
        if "logo" in raw_attr.lower() or (el.find(".//img") is not None and len(k) < 12):
            base -= 8
        in_a, in_li, noisy = _ancestors_hint(el)
        if tag == "a" or in_a:
            base -= 4
        if in_li:
            base -= 3
        if noisy or (start < len(lines) and lines[start].noise):
            base -= 4
        cands.append(_Headline(text, score(text, base, end), end))
        if end - start > 1:  # a headline broken by <br> with a kicker line: each line may be it
            for i in range(start, end):
                part = lines[i].text
                if len(_key(part)) >= 4 and not _is_byline(part):
                    # Under a kicker ending in a dash ("开局启新程——") stands the headline proper.
                    kicked = i > start and lines[i - 1].text.endswith(("—", "--"))
                    bonus = 3.0 if kicked else -0.5
                    cands.append(_Headline(part, score(part, base + bonus, i + 1), i + 1))
    # The block right above the byline is a headline candidate even without a tag that says so.
    if byline_idx is not None and byline_idx > 0:
        above = lines[byline_idx - 1]
        k = _key(above.text)
        if (
            not above.noise
            and above.link_share < 0.5
            and 4 <= len(k) <= 80
            and above.text[-1] not in END_PUNCT
            and not BYLINE_LABEL.search(above.text)
        ):
            cands.append(_Headline(above.text, score(above.text, 1.0, byline_idx), byline_idx))
    best = max(cands, key=lambda c: c.score, default=None)  # max keeps the first of equals
    if best is not None and best.score >= 3:
        return best
    fallback = next(
        (
            metas[n]
            for n in ("og:title", "articletitle", "twitter:title", "headline")
            if n in metas and _key(metas[n]) not in site_keys
        ),
        _strip_site(title_tag, site_keys) if parts else None,
    )
    if fallback is None:
        return best
    # Where the page prints that headline (a plain div), so the byline and body are found under it.
    fkey = _key(fallback)
    end = next((i + 1 for i, ln in enumerate(lines) if not ln.noise and _key(ln.text) == fkey), -1)
    return _Headline(fallback, 0, end)


# ----------------------------------------------------------------------------- dates


# A line giving today's date in a page header ("今天是2024年11月23日 星期六"): never a byline.
_TODAY = re.compile(r"今天是|今天：|今日是|今日：|当前时间|现在时间|农历|天气")
# Byline labels strong enough to trust inside a toolbar that also holds share/print buttons.
_STRONG_LABEL = re.compile(
    r"[发發][布佈稿](?:时间|時間|日期)|发布于|[来來]源[于於]?[:：]|[时時]间[:：]|日期[:：]"
)
# A label cell whose value sits in the next cell ("发布日期：" | "2024-08-21") in 信息公开 tables.
_LABEL_ONLY = re.compile(r"(?:发布|發布|成文|发文|生成|公开)?(?:日期|时间|時間)\s*[:：]?\s*$")


def _date_lines(lines: list[_Line]) -> list[tuple[int, str, bool]]:
    """(index, date, labelled) of lines that are a byline date: short, not links, not comments.

    A noise line (a toolbar, a comment block) counts only with a strong label
    (发布时间/来源), and the caller then wants it right under the headline.
    """
    out = []
    for i, ln in enumerate(lines):
        if ln.link_share > 0.3 or len(ln.text) > 200:
            continue
        if ln.noise and not _STRONG_LABEL.search(ln.text):
            continue
        found = find_printed_date(ln.text)
        if not found or _TODAY.search(ln.text):
            continue
        value, span = found
        labelled = bool(BYLINE_LABEL.search(ln.text)) or (
            i > 0 and bool(_LABEL_ONLY.search(lines[i - 1].text))
        )
        # Unlabelled: the date with little else ("2024-08-24 10:05 镇江日报"), and no prose.
        if labelled or (len(ln.text) - (span[1] - span[0]) <= 40 and not _CLAUSE.search(ln.text)):
            out.append((i, value, labelled))
    return out


def _published(
    lines: list[_Line],
    date_lines: list[tuple[int, str, bool]],
    title_end: int,
    metas: dict[str, str],
    scripts: list[str],
    url: str | None,
) -> tuple[str | None, int | None]:
    """The printed publication date and the index of its byline line (None when not from a line).

    Trust order: the byline under the headline (before any prose: a date after
    the article's paragraphs may be a comment's), the meta tags, the page's
    scripts, the URL, a labelled date line after the article, and last a date
    line above the headline.
    """
    origin = max(title_end, 0)

    def before_prose(i: int) -> bool:
        """No sentence of the article between the headline and line i (bylines have none)."""
        clauses = 0
        for ln in lines[origin:i]:
            if ln.noise or len(ln.text) < 12:
                continue
            if "。" in ln.text:
                return False
            clauses += bool(_CLAUSE.search(ln.text))
            if clauses >= 2:
                return False
        return True

    after = [
        d
        for d in date_lines
        if (origin <= d[0] <= origin + 12 if title_end >= 0 else d[2])
        and (not lines[d[0]].noise or d[0] - origin <= 3)
        and before_prose(d[0])
    ]
    for i, value, labelled in after:
        if labelled:
            return value, i
    for i, value, _ in after:
        if title_end >= 0 and i - title_end <= 3:
            return value, i
    for name in DATE_META:
        if name in metas:
            found = find_printed_date(metas[name])
            if found:
                return found[0], None
    from_script = date_in_scripts(scripts)
    if from_script:
        return from_script, None
    from_url = date_in_url(url)
    if from_url:
        return from_url, None
    below = [d for d in date_lines if d[0] >= origin and d[2] and not lines[d[0]].noise]
    if below:
        return below[0][1], below[0][0]
    before = [d for d in date_lines if d[0] < title_end and not lines[d[0]].noise]
    labelled_before = [d for d in before if d[2]]
    pick = (labelled_before or before or [None])[-1]
    if pick:
        return pick[1], pick[0]
    return None, None


# ----------------------------------------------------------------------------- body


def _weight(ln: _Line) -> float:
    """How much a line counts as article prose: positive for sentences, negative for chrome."""
    n = len(ln.text)
    if ln.noise:
        return -n - 5.0
    if ln.link * 2 > n:
        return -0.5 * n - 3.0
    if BOILERPLATE.search(ln.text):
        return -n - 30.0
    if _PROSE.search(ln.text):
        return n - ln.link
    return 0.5 * n if n >= 40 else -3.0


def _container(layout: _Layout, title_line: int | None) -> etree._Element | None:
    """The block element whose lines hold the most prose; the deepest of equals.

    An element's lines are a contiguous run, so its score is a difference of
    prefix sums. Summing favours a parent that adds a sidebar's or a reply's
    prose to the article's; so when one child of the winner holds the headline
    and most of the prose, that child (the article's own column or post) wins.
    """
    weights = [_weight(ln) for ln in layout.lines]
    prefix, prose = [0.0], [0.0]
    for w in weights:
        prefix.append(prefix[-1] + w)
        prose.append(prose[-1] + max(w, 0.0))
    spans = layout.spans
    scored = [
        (prefix[end] - prefix[start], el) for el, (start, end) in spans.items() if end > start
    ]
    if not scored:
        return None
    top = max(score for score, _ in scored)
    if top <= 0:
        return None
    best = max(
        (el for score, el in scored if score >= top - 1e-6),
        key=lambda el: sum(1 for _ in el.iterancestors()),
    )
    while title_line is not None:
        start, end = spans[best]
        inner = next(
            (c for c in best if c in spans and spans[c][0] <= title_line < spans[c][1]),
            None,
        )
        if inner is None:
            break
        c_start, c_end = spans[inner]
        if (
            prose[c_end] - prose[c_start] < 0.6 * (prose[end] - prose[start])
            or c_end - c_start <= 1
        ):
            break
        best = inner
    return best


def _is_byline(text: str) -> bool:
    """A credit or date line ("来源：某日报 作者：张三"), not a sentence that mentions a 记者."""
    return bool(BYLINE_LABEL.search(text)) and len(text) < 80 and not _CLAUSE.search(text)


def _body(
    lines: list[_Line],
    spans: dict[etree._Element, tuple[int, int]],
    container: etree._Element | None,
    skip_to: int,
    title: str | None,
) -> tuple[list[str], int]:
    """Body paragraphs, and the index of the line where the body stopped."""
    if container is None:
        return [], len(lines)
    start, end = spans.get(container, (0, len(lines)))
    if start < skip_to < end:
        start = skip_to
    elif 0 <= skip_to < start <= skip_to + 5:
        # A lead or summary box between the byline and the body's element is body too,
        # when it is prose (related strips and captions are links or unpunctuated).
        while (
            start > skip_to
            and _weight(lines[start - 1]) > 0
            and not _is_byline(lines[start - 1].text)
        ):
            start -= 1
    title_rest = _key(title)
    out: list[str] = []
    where: list[int] = []  # line index of each paragraph
    stop = end
    for i in range(start, end):
        ln = lines[i]
        text = ln.text
        if len(text) <= TAIL_MAX_LEN and (
            TAIL_MARKER.match(text)
            or (_COMMENT_HEAD.search(text) and not _CLAUSE.search(text) and find_printed_date(text))
        ):
            if out:
                stop = i
                break
            continue
        if ln.noise or BOILERPLATE.search(text) or (ln.link_share > 0.5 and len(text) < 80):
            continue
        if not out:
            k = _key(text)
            if k and title_rest.startswith(k):  # the headline again, maybe broken over lines
                title_rest = title_rest[len(k) :]
                continue
            if _is_byline(text) or (len(text) < 40 and HEAD_JUNK.search(text)):
                continue
        out.append(text)
        where.append(i)
    while len(out) > 1 and _is_byline(out[-1]):  # a byline printed under the article
        out.pop()
        stop = where.pop()
    return out, stop


# ----------------------------------------------------------------------------- credits


def _outlet(texts: list[str], metas: dict[str, str]) -> str | None:
    for text in texts:
        m = _OUTLET.search(text)
        if m:
            value = _NEXT_LABEL.sub("", m.group(1)).strip("：:，,。 ")
            if len(value) >= 2:
                return value
    for name in OUTLET_META:
        if name in metas and len(metas[name]) <= 30:
            return metas[name]
    return None


def _names(pattern: re.Pattern[str], texts: list[str]) -> list[str]:
    """Names after every label the pattern finds, in page order, each once."""
    names: list[str] = []
    for text in texts:
        for m in pattern.finditer(text):
            for n in re.split(r"[\s、,，]+", m.group(1)):
                if n and n not in NOT_NAMES and n not in names:
                    names.append(n)
    return names


# ----------------------------------------------------------------------------- entry point


def extract_page(html: bytes | str, *, url: str | None = None) -> PageFields:
    """Take one HTML page apart into a headline, date, source, credits and body paragraphs.

    Never raises on bad input: a page with no markup gives empty fields, and a
    page that trips a bug is logged with its traceback and gives empty fields,
    so one odd page cannot stop a crawl of thousands.
    """
    try:
        return _extract(html, url)
    except Exception:
        log.exception("HTML extraction failed for %s", url or "<page>")
        return PageFields(encoding=decode_html(html)[1] if isinstance(html, bytes) else None)


def _extract(html: bytes | str, url: str | None) -> PageFields:
    encoding = None
    if isinstance(html, bytes):
        html, encoding = decode_html(html)
    root = _parse(html)
    if root is None:
        return PageFields(published=date_in_url(url), encoding=encoding)
    metas = _metas(root)
    scripts = _clean_tree(root)
    body_el = root.find("body")
    layout = _lines(body_el if body_el is not None else root)
    lines, spans = layout.lines, layout.spans
    date_lines = _date_lines(lines)
    first_labelled = next(
        (i for i, _, labelled in date_lines if labelled and not lines[i].noise), None
    )
    headline = _headline(root, layout, metas, first_labelled)
    title_end = headline.end if headline else -1
    published, byline_idx = _published(lines, date_lines, title_end, metas, scripts, url)
    if headline and byline_idx is not None and byline_idx != first_labelled and headline.end >= 0:
        # The byline under the chosen headline is not the one guessed before: re-score with it.
        again = _headline(root, layout, metas, byline_idx)
        if again and again.end == headline.end:
            headline = again
    title = headline.text if headline else None

    # The body starts under the byline when the byline sits under the headline; a date line
    # further down (a signature, a bottom "发布时间" bar) must not swallow the body.
    near = byline_idx is not None and title_end >= 0 and 0 <= byline_idx - title_end <= 4
    skip_to = byline_idx + 1 if near and byline_idx is not None else title_end
    title_line = title_end - 1 if title_end > 0 else None
    paragraphs, stop = _body(lines, spans, _container(layout, title_line), skip_to, title)
    if not paragraphs and skip_to >= 0:  # no container: the prose lines under the byline
        paragraphs = [
            ln.text
            for ln in lines[skip_to:]
            if not ln.noise and ln.link_share < 0.5 and any(c in SENTENCE_PUNCT for c in ln.text)
        ]
        stop = len(lines)

    # Credits sit in the byline block right under the headline (or on the byline line itself).
    head_zone: list[str] = []
    for ln in lines[title_end : title_end + 8] if title_end >= 0 else []:
        if len(ln.text) >= 12 and _CLAUSE.search(ln.text):
            break  # the article's first sentence: the byline block is over
        if head_zone and head_zone[-1].endswith((":", "：")):  # "来源：" | "某日报" table cells
            head_zone[-1] += ln.text
        else:
            head_zone.append(ln.text)
    if byline_idx is not None and lines[byline_idx].text not in head_zone:
        head_zone.insert(0, lines[byline_idx].text)
    head_zone = [t for t in head_zone if _is_byline(t)]
    outlet = _outlet(head_zone, metas) or _wechat_account(root, scripts)
    authors = _names(_AUTHOR, head_zone)
    if not authors:  # <meta name="author">, when it holds person names and not the site's
        meta_author = next((metas[n] for n in AUTHOR_META if n in metas), "")
        if _PERSON_NAMES.fullmatch(meta_author):
            authors = [n for n in re.split(r"[\s、,，]+", meta_author) if n not in NOT_NAMES]
    tail = [ln.text for ln in lines[stop : stop + 8]] + paragraphs[-2:]
    editors = _names(_EDITOR, [t for t in tail if len(t) <= TAIL_MAX_LEN])
    return PageFields(
        title=title,
        published=published,
        outlet=outlet,
        authors=authors,
        editors=editors,
        paragraphs=paragraphs,
        encoding=encoding,
    )


# WeChat's account name: `var nickname = "..."` or the #js_name element.
_NICKNAME = re.compile(r"""\bnickname\s*=\s*(?:htmlDecode\()?["']([^"']{2,40})["']""")


def _wechat_account(root: etree._Element, scripts: list[str]) -> str | None:
    for el in root.iter("a", "span", "strong"):
        if el.get("id") == "js_name":
            name = _text(el)
            if name:
                return name
    for src in scripts:
        m = _NICKNAME.search(src)
        if m:
            return m.group(1)
    return None
