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
left out: each costs 30-50 ms a page, four times this extractor's whole
budget, and neither was right where this one was wrong on our corpus.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

from pipelines.html_charset import decode_html
from pipelines.html_dates import date_in_scripts, date_in_text, date_in_url
from pipelines.html_vocab import (
    AUTHOR_META,
    BLOCK_TAGS,
    BOILERPLATE,
    BYLINE_LABEL,
    DATE_META,
    DROP_TAGS,
    END_PUNCT,
    NOISE_PREFIXES,
    NOISE_TAGS,
    NOISE_TOKENS,
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
# What comparison keys drop: whitespace and punctuation, so "标题：副题" equals "标题 副题".
_KEY_DROP = re.compile(r"[\W_]+")
# Separators between a headline and the site/column names in <title>:
# "标题_镇江市人民政府", "标题 - 新华网", "标题|政务公开", "标题——绵阳日报". A hyphen between
# digits ("2024-2025") is part of the headline.
_TITLE_SEP = re.compile(r"\s*(?:_{1,2}|\|{1,2}|｜|—{1,2}|–|－|::|(?<!\d)\s*-{1,2}\s*(?!\d)|\s-\s)\s*")
# An XML declaration with an encoding: lxml refuses such a declaration in a str.
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# Inline style that hides an element from readers (injected SEO junk hides this way).
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# "来源：镇江日报" in a byline; the value ends at a blank or the next label.
_OUTLET = re.compile(r"(?:来源|來源|稿源|出处)\s*[:：]\s*([^\s|｜丨/]{2,30})")
# A byline label glued to the end of a value ("镇江日报作者：张三").
_NEXT_LABEL = re.compile(r"(?:作者|记者|記者|编辑|編輯|发布|發布|时间|時間|日期|浏览|瀏覽|点击|點擊|字号|字體|字体|阅读|【|\[).*$")
# "作者：张三 李四", "记者 张三", "文/张三", "撰稿：张三": names follow the label.
_AUTHOR = re.compile(r"(?:作者|撰稿|撰文|文字|記者|记者|文)\s*[:：/／]?\s*((?:[\u4e00-\u9fff·]{2,5}(?:[\s、,，]+|$))+)")
# "责任编辑：张三", "编辑：李四", "（编辑 王五）".
_EDITOR = re.compile(r"(?:责任编辑|責任編輯|责编|編輯|编辑)\s*[:：]?\s*((?:[\u4e00-\u9fff·]{2,4}(?:[\s、,，]+|$|(?=[)）】\]])))+)")
# Words that follow a byline label but are no names.
_NOT_NAMES = frozenset({"发布", "时间", "日期", "来源", "浏览", "点击", "字号", "编辑", "记者", "作者", "通讯员", "本报"})


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


def _attr_tokens(el: etree._Element) -> list[str]:
    raw = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return [t for t in re.split(r"[\s_\-]+", raw) if t]


def _is_noise(el: etree._Element) -> bool:
    if el.tag in NOISE_TAGS:
        return True
    if el.get("id") == "js_content":
        return False
    raw = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    if not raw.strip():
        return False
    if any(p in raw for p in NOISE_PREFIXES):
        return True
    return any(t in NOISE_TOKENS for t in _attr_tokens(el))


# ----------------------------------------------------------------------------- parsing


def _parse(html: bytes | str) -> etree._Element | None:
    """An lxml tree of the page, or None for input that holds no markup at all."""
    text = decode_html(html)[0] if isinstance(html, bytes) else html
    text = _XML_DECL.sub("", text, count=1).replace("\x00", "")
    if not text.strip():
        return None
    try:
        root = lxml_html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None
    return root if isinstance(root.tag, str) else None


_PARSER = lxml_html.HTMLParser(remove_comments=True, remove_pis=True)


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
    """Drop scripts, styles and hidden elements; return the scripts' text (read for dates)."""
    scripts = [s.text for s in root.iter("script") if s.text]
    hidden = [
        el
        for el in root.iter()
        if isinstance(el.tag, str)
        and el.get("id") != "js_content"  # WeChat hides the body until its script runs
        and (el.get("hidden") is not None or _HIDDEN_STYLE.search(el.get("style") or ""))
    ]
    for el in hidden:
        if el.getparent() is not None:
            el.drop_tree()
    etree.strip_elements(root, *DROP_TAGS, with_tail=False)
    return scripts


def _lines(body: etree._Element) -> tuple[list[_Line], dict[etree._Element, tuple[int, int]]]:
    """Cut the page into lines; also return each element's span of line indices."""
    lines: list[_Line] = []
    spans: dict[etree._Element, tuple[int, int]] = {}
    starts: list[int] = []
    parts: list[str] = []
    link = 0
    line_elem: etree._Element = body
    line_noise = False
    blocks: list[etree._Element] = [body]
    noise_stack: list[bool] = []
    noise_depth = 0
    link_depth = 0

    def add(text: str) -> None:
        nonlocal link, line_elem, line_noise
        if not text or text.isspace():
            if parts and text:
                parts.append(" ")
            return
        if not parts:
            line_elem, line_noise = blocks[-1], noise_depth > 0
        parts.append(text)
        if link_depth:
            link += len(text.strip())

    def flush() -> None:
        nonlocal link
        if parts:
            text = _norm("".join(parts))
            if text:
                lines.append(_Line(text, min(link, len(text)), line_elem, line_noise))
            parts.clear()
        link = 0

    for event, el in etree.iterwalk(body, events=("start", "end")):
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if event == "start":
            is_block = tag in BLOCK_TAGS
            if is_block:
                flush()
                blocks.append(el)
            noisy = _is_noise(el)
            noise_stack.append(noisy)
            noise_depth += noisy
            if tag == "a":
                link_depth += 1
            starts.append(len(lines))
            if el.text:
                add(el.text)
        else:
            if tag == "a":
                link_depth -= 1
            if tag in BLOCK_TAGS:
                flush()
                if blocks[-1] is el:
                    blocks.pop()
            noise_depth -= noise_stack.pop()
            spans[el] = (starts.pop(), len(lines))
            if el.tail and el is not body:
                add(el.tail)
    flush()
    return lines, spans


# ----------------------------------------------------------------------------- headline


@dataclass(slots=True)
class _Headline:
    text: str
    score: float
    end: int  # index of the first line after it (-1 when it has no place in the page)


def _title_parts(title_tag: str) -> list[str]:
    return [p for p in (_norm(x) for x in _TITLE_SEP.split(title_tag)) if p]


def _ancestors_hint(el: etree._Element, levels: int = 6) -> tuple[bool, bool, bool]:
    """(inside a link, inside a list item, inside a noise container) within a few levels."""
    in_a = in_li = noisy = False
    for i, a in enumerate(el.iterancestors()):
        if i >= levels:
            break
        in_a = in_a or a.tag == "a"
        in_li = in_li or a.tag == "li"
        noisy = noisy or _is_noise(a) or "logo" in (a.get("class") or "") + (a.get("id") or "")
    return in_a, in_li, noisy


def _headline(
    root: etree._Element,
    lines: list[_Line],
    spans: dict[etree._Element, tuple[int, int]],
    metas: dict[str, str],
    byline_idx: int | None,
) -> _Headline | None:
    title_tag = _norm(root.findtext(".//title"))
    parts = _title_parts(title_tag)
    tkey = _key(title_tag)
    first_key = _key(parts[0]) if parts else ""
    site_keys = {_key(metas[n]) for n in SITE_META if n in metas}
    if len(parts) > 1:
        site_keys.add(_key(parts[-1]))
    site_keys.discard("")
    meta_keys = {_key(metas[n]) for n in TITLE_META if n in metas and n != "title"} - {""} - site_keys

    def score(text: str, base: float, end: int) -> float:
        k = _key(text)
        s = base
        if k in site_keys:
            return s - 10
        if k in meta_keys:
            s += 5
        elif any(len(m) >= 6 and (m.startswith(k) or k.startswith(m)) for m in meta_keys):
            s += 2
        if tkey:
            if k == first_key or tkey.startswith(k):
                s += 5
            elif k in tkey:
                s += 3
            elif len(first_key) >= 8 and k.startswith(first_key):  # <title> cut short by the CMS
                s += 3
        if byline_idx is not None and 0 <= byline_idx - end <= 2:
            s += 3
        return s

    cands: list[_Headline] = []
    for el, (start, end) in spans.items():
        tag = el.tag
        heading = tag in ("h1", "h2", "h3")
        raw_attr = f"{el.get('class') or ''} {el.get('id') or ''}"
        hinted = bool(TITLE_HINT.search(raw_attr)) or any(TITLE_HINT.search(t) for t in _attr_tokens(el))
        if not heading and not hinted:
            continue
        text = _norm(el.text_content())
        k = _key(text)
        if not 4 <= len(k) <= 150 or end - start > 4:
            continue
        base = {"h1": 3.0, "h2": 2.0, "h3": 1.0}.get(tag, 0.0) + (2.0 if hinted else 0.0)
        if SUBTITLE_HINT.search(raw_attr):
            base -= 4
        if "logo" in raw_attr.lower() or el.find(".//img") is not None and len(k) < 12:
            base -= 8
        in_a, in_li, noisy = _ancestors_hint(el)
        if tag == "a" or in_a:
            base -= 4
        if in_li:
            base -= 3
        if noisy or (start < len(lines) and lines[start].noise):
            base -= 4
        cands.append(_Headline(text, score(text, base, end), end))
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
    for name in ("og:title", "articletitle", "twitter:title", "headline"):
        if name in metas and _key(metas[name]) not in site_keys:
            return _Headline(metas[name], 0, -1)
    if parts:
        rest = [p for p in parts if _key(p) not in site_keys] or parts
        return _Headline(max(rest, key=len), 0, -1)
    return best


# ----------------------------------------------------------------------------- dates


def _date_lines(lines: list[_Line]) -> list[tuple[int, str, bool]]:
    """(index, date, labelled) of lines that are a byline date: short, not links, not noise."""
    out = []
    for i, ln in enumerate(lines):
        if ln.noise or ln.link_share > 0.3 or len(ln.text) > 200:
            continue
        found = date_in_text(ln.text)
        if not found:
            continue
        value, m = found
        labelled = bool(BYLINE_LABEL.search(ln.text))
        if labelled or len(ln.text) - (m.end() - m.start()) <= 25:
            out.append((i, value, labelled))
    return out


def _published(
    date_lines: list[tuple[int, str, bool]],
    title_end: int,
    metas: dict[str, str],
    scripts: list[str],
    url: str | None,
) -> tuple[str | None, int | None]:
    """The printed publication date and the index of its byline line (None when not from a line)."""
    after = [d for d in date_lines if title_end >= 0 and title_end <= d[0] <= title_end + 12]
    for i, value, labelled in after:
        if labelled:
            return value, i
    for i, value, _ in after:
        if i - title_end <= 3:
            return value, i
    if title_end < 0:
        for i, value, labelled in date_lines:
            if labelled:
                return value, i
    for name in DATE_META:
        if name in metas:
            found = date_in_text(metas[name])
            if found:
                return found[0], None
    from_script = date_in_scripts(scripts)
    if from_script:
        return from_script, None
    from_url = date_in_url(url)
    if from_url:
        return from_url, None
    before = [d for d in date_lines if d[0] < title_end]
    if before:
        return before[-1][1], before[-1][0]
    return None, None


# ----------------------------------------------------------------------------- body


def _weight(ln: _Line) -> float:
    """How much a line counts as article prose: positive for sentences, negative for chrome."""
    n = len(ln.text)
    if ln.noise:
        return -n - 5.0
    if BOILERPLATE.search(ln.text):
        return -n - 30.0
    if ln.link_share > 0.5:
        return -0.5 * n - 3.0
    punct = sum(1 for ch in ln.text if ch in SENTENCE_PUNCT)
    if punct:
        return n - ln.link
    return 0.5 * n if n >= 40 else -3.0


def _container(lines: list[_Line]) -> etree._Element | None:
    """The element whose lines hold the most prose; the deepest of equals."""
    scores: dict[etree._Element, float] = {}
    for ln in lines:
        w = _weight(ln)
        el: etree._Element | None = ln.elem
        while el is not None:
            scores[el] = scores.get(el, 0.0) + w
            el = el.getparent()
    if not scores:
        return None
    top = max(scores.values())
    if top <= 0:
        return None
    best = [el for el, s in scores.items() if s >= top - 1e-6]
    return max(best, key=lambda el: sum(1 for _ in el.iterancestors()))


def _is_byline(text: str) -> bool:
    return bool(BYLINE_LABEL.search(text)) and len(text) < 100 and "。" not in text


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
    tkey = _key(title)
    out: list[str] = []
    stop = end
    for i in range(start, end):
        ln = lines[i]
        text = ln.text
        if len(text) <= TAIL_MAX_LEN and TAIL_MARKER.match(text):
            if out:
                stop = i
                break
            continue
        if ln.noise or BOILERPLATE.search(text) or (ln.link_share > 0.5 and len(text) < 80):
            continue
        if not out and (_key(text) == tkey or _is_byline(text)):
            continue
        out.append(text)
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
    for text in texts:
        m = pattern.search(text)
        if m:
            names = [n for n in re.split(r"[\s、,，]+", m.group(1)) if n and n not in _NOT_NAMES]
            if names:
                return names
    return []


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
        return PageFields()


def _extract(html: bytes | str, url: str | None) -> PageFields:
    root = _parse(html)
    if root is None:
        return PageFields(published=date_in_url(url))
    metas = _metas(root)
    scripts = _clean_tree(root)
    body_el = root.find("body")
    lines, spans = _lines(body_el if body_el is not None else root)
    date_lines = _date_lines(lines)
    first_labelled = next((i for i, _, labelled in date_lines if labelled), None)
    headline = _headline(root, lines, spans, metas, first_labelled)
    title_end = headline.end if headline else -1
    published, byline_idx = _published(date_lines, title_end, metas, scripts, url)
    if headline and byline_idx is not None and byline_idx != first_labelled and headline.end >= 0:
        # The byline under the chosen headline is not the one guessed before: re-score with it.
        again = _headline(root, lines, spans, metas, byline_idx)
        if again and again.end == headline.end:
            headline = again
    title = headline.text if headline else None

    skip_to = max(title_end, (byline_idx + 1) if byline_idx is not None else -1)
    paragraphs, stop = _body(lines, spans, _container(lines), skip_to, title)
    if not paragraphs and skip_to >= 0:  # no container: the prose lines under the byline
        paragraphs = [
            ln.text
            for ln in lines[skip_to:]
            if not ln.noise and ln.link_share < 0.5 and any(c in SENTENCE_PUNCT for c in ln.text)
        ]
        stop = len(lines)

    head_zone = [ln.text for ln in lines[max(title_end, 0) : (byline_idx or title_end) + 3]] if title_end >= 0 else []
    if byline_idx is not None and lines[byline_idx].text not in head_zone:
        head_zone.insert(0, lines[byline_idx].text)
    head_zone = [t for t in head_zone if _is_byline(t)]
    outlet = _outlet(head_zone, metas) or _wechat_account(root, scripts)
    authors = _names(_AUTHOR, head_zone)
    if not authors:
        for name in AUTHOR_META:
            if name in metas and len(metas[name]) <= 20:
                authors = [metas[name]]
                break
    tail = [ln.text for ln in lines[stop : stop + 8]] + paragraphs[-2:]
    editors = _names(_EDITOR, [t for t in tail if len(t) <= TAIL_MAX_LEN])
    return PageFields(
        title=title,
        published=published,
        outlet=outlet,
        authors=authors,
        editors=editors,
        paragraphs=paragraphs,
    )


# WeChat's account name: `var nickname = "..."` or the #js_name element.
_NICKNAME = re.compile(r"""\bnickname\s*=\s*(?:htmlDecode\()?["']([^"']{2,40})["']""")


def _wechat_account(root: etree._Element, scripts: list[str]) -> str | None:
    for el in root.iter("a", "span", "strong"):
        if el.get("id") == "js_name":
            name = _norm(el.text_content())
            if name:
                return name
    for src in scripts:
        m = _NICKNAME.search(src)
        if m:
            return m.group(1)
    return None
