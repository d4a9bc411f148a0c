"""Seed-file parser: one page dump in, one clean Article out.

The dump is a page's text, line by line: chrome and spam at the top, a
headline, a date/source line, the lead (`金山网讯 …`), paragraphs, bylines,
editor lines, then copyright and link-list footers. The steps:

1. clean every line (clean.py: spaces, pinyin annotations, mojibake, spam,
   photo captions cut to their prose);
2. cut the footer at the first copyright/disclaimer line (boilerplate.py);
3. split a headline glued to its date line; find the head: the first
   date/source line, the headline nearest above it (or right below it, or
   the first line when there is no date line);
4. the body is what follows the head, without chrome, editor and byline
   lines; metadata comes from the head, the lead and the bylines (metadata.py);
5. the city is voted on by the place names (geo.py).

Pure: text in, record out; no I/O, no clock.
"""

from __future__ import annotations

import re

from pipelines.boilerplate import footer_marker, is_site_name
from pipelines.clean import CleanLine, clean_field, clean_lines
from pipelines.dates import find_printed_date
from pipelines.geo import find_city
from pipelines.metadata import (
    byline_line,
    byline_names,
    clean_outlet,
    credit_outlet,
    editor_names,
    headline_meta_cut,
    labelled_authors,
    lead_outlet,
    reported_by,
    residue_outlet,
    source_value,
)
from pipelines.records import Article, PageFields
from pipelines.script import to_simplified

HEAD_SCAN = 16  # the date/source line sits within the first lines of a page
TITLE_MAX = 80
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE_PUNCT = re.compile(r"[。！？!?]")
_FORUM_TAG = re.compile(r"^\s*\[[^\]]{1,10}\]\s*")  # `[政情通报] 决战四季度…`
_SUMMARY = re.compile(r"^(?:摘要|核心提示|导读|内容提要)\s*[:：]\s*")


def _is_body(line: CleanLine) -> bool:
    """A paragraph of running text (not a headline, not chrome)."""
    return len(line.simp) >= 40 and bool(re.search(r"[，。,；]", line.simp))


def _looks_like_title(line: CleanLine) -> bool:
    s = line.simp.strip()
    if len(_CJK.findall(s)) < 5 or len(s) > TITLE_MAX or "。" in s:
        return False
    if s.endswith(("，", ",", "；", ";", "：", ":", "、", "——", "…")):
        return False
    if s.count("，") + s.count(",") > 2:
        return False
    if line.chrome or line.meta or line.editor or lead_outlet(s)[1]:
        return False
    return not s.startswith(("(", "（"))


def _find_head(lines: list[CleanLine]) -> tuple[int | None, int | None, int]:
    """(title index, first meta index, index where the body starts)."""
    meta = None
    for i, line in enumerate(lines[:HEAD_SCAN]):
        if line.meta:
            meta = i
            break
        if _is_body(line) and not line.chrome and ("。" in line.simp or len(line.simp) >= 60):
            break  # running text began: a date further down is the story's, not the page's
    if meta is not None:
        meta_end = meta
        while meta_end + 1 < len(lines) and lines[meta_end + 1].meta:
            meta_end += 1
        for j in range(meta - 1, max(-1, meta - 6), -1):
            if lines[j].chrome or _is_kicker(lines[j]):
                continue
            if _looks_like_title(lines[j]):
                return j, meta, meta_end + 1
            break
        # A newspaper page prints the date above the headline.
        j = meta_end + 1
        if j + 1 < len(lines) and _looks_like_title(lines[j]) and _is_body(lines[j + 1]):
            return j, meta, j + 1
        return None, meta, meta_end + 1
    # No date line: the headline is the last of the headline-like lines that open
    # the page (a site banner may come first), provided running text follows.
    candidates: list[int] = []
    stop = min(len(lines), 8)
    for j, line in enumerate(lines[:8]):
        if line.chrome or _is_kicker(line):
            continue
        if _looks_like_title(line) and not (candidates and line.simp == lines[candidates[-1]].simp):
            candidates.append(j)
            continue
        if candidates and line.simp == lines[candidates[-1]].simp:
            continue  # the headline printed twice
        stop = j
        break
    if candidates and stop < len(lines):
        title = candidates[-1]
        if len(lines[stop].simp) > len(lines[title].simp):
            return title, None, title + 1
    first = next((j for j, line in enumerate(lines) if not line.chrome), 0)
    return None, None, first


def _split_headline_meta(lines: list[CleanLine]) -> list[CleanLine]:
    """Split a headline glued to its date line into the two lines a page prints.

    Only in the head (before running text), and only when no headline stands
    above it: a date line that opens with a department's name under a real
    headline is left alone.
    """
    for i, line in enumerate(lines[:HEAD_SCAN]):
        if line.chrome:
            continue
        cut = headline_meta_cut(line.simp)
        if cut is not None and len(line.text) == len(line.simp):
            above = [ln for ln in lines[:i] if not (ln.chrome or _is_kicker(ln))]
            if above and _looks_like_title(above[-1]):
                return lines
            headline = CleanLine(line.text[:cut].strip(), line.simp[:cut].strip())
            date_line = CleanLine(
                line.text[cut:].strip(), line.simp[cut:].strip(), line.garbled, line.tail_hint
            )
            return [*lines[:i], headline, date_line, *lines[i + 1 :]]
        if line.meta or _is_body(line):
            return lines
    return lines


def _is_kicker(line: CleanLine) -> bool:
    """A kicker above a headline (`“十五五”开局启新程——`) or a subtitle below it (`——记…`)."""
    s = line.simp.strip()
    return len(s) <= 40 and (s.endswith(("——", "—")) or s.startswith(("——", "—", "--")))


# TITLE_TAIL: the last `_`/` - `/`|` segment of a browser-style title (`…开工_江城新闻_江城网`).
_TITLE_TAIL = re.compile(r"\s*(?:_|\s[-—]\s|[|｜])\s*([^_|｜]{1,20})$")
_CHANNEL_ENDINGS = (
    "新闻", "频道", "要闻", "动态", "首页", "资讯", "头条", "快讯", "政务", "本地",
    "日报", "晚报", "晨报", "商报", "时报", "报", "新闻网", "电视台",
)  # fmt: skip


def _strip_site_suffix(title: str) -> str:
    """Drop site and channel names glued to a headline; keep real `|` sub-headlines."""
    while True:
        m = _TITLE_TAIL.search(title)
        if not m:
            return title
        tail = to_simplified(m.group(1)).strip()
        if not (is_site_name(tail) or (len(tail) <= 12 and tail.endswith(_CHANNEL_ENDINGS))):
            return title
        title = title[: m.start()].strip()


def _cut_footer(lines: list[CleanLine]) -> tuple[list[CleanLine], list[CleanLine]]:
    """Split off the footer: from the first copyright/disclaimer line after the text
    began, plus trailing scraps (short lines without a sentence end). Returns
    (article lines, trailing scraps); a scrap may still be the page's date line."""
    seen_body = False
    for i, line in enumerate(lines):
        if seen_body and footer_marker(line.simp):
            lines = lines[:i]
            break
        seen_body = seen_body or _is_body(line) or "。" in line.simp
    end = len(lines)
    while end and (
        lines[end - 1].chrome
        or (
            len(lines[end - 1].simp) <= 30
            and not _SENTENCE_PUNCT.search(lines[end - 1].simp)
            and not lines[end - 1].editor
        )
    ):
        end -= 1
    return lines[:end], lines[end:]


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def _read_outlet(
    fields: PageFields, meta_lines: list[CleanLine], body_lines: list[CleanLine]
) -> tuple[str | None, str | None, list[str]]:
    """(outlet, the lead's outlet, the lead's byline names).

    A spider's field beats a 来源 label, which beats a closing `（来源：…）`, a
    date line's word, a lead's 讯 and a `据…报道` opening, in that order.
    """
    outlet = clean_field(fields.outlet) if fields.outlet else None
    if outlet:
        outlet = clean_outlet(re.sub(r"^.*?(?:来源|來源)\s*[:：]", "", to_simplified(outlet)))
    for line in meta_lines:
        if outlet:
            break
        value = source_value(line.simp)
        if value and line.tail_hint and line.simp.rstrip().endswith(value):
            value += line.tail_hint  # 绵阳日 + 报: the garbled run stood for 报
        outlet = value
    for line in body_lines[-3:]:
        if outlet:
            break
        outlet = credit_outlet(line.simp)
    for line in meta_lines:
        if outlet:
            break
        outlet = residue_outlet(line.simp)
    lead_name, lead_authors = None, []
    for line in body_lines[:6]:  # the lead is the first paragraph of running text
        name, end = lead_outlet(line.simp)
        if end:
            lead_name = name
            lead_authors = byline_names(line.simp[end:].lstrip())
            break
        if _is_body(line):
            break
    outlet = outlet or lead_name or (reported_by(body_lines[0].simp) if body_lines else None)
    return outlet, lead_name, lead_authors


def _read_published(fields: PageFields, meta_lines: list[CleanLine]) -> str | None:
    """The page's own date: a spider's field (ISO-shaped when it parses), else the
    first date line of the head, the body, or under the article."""
    if fields.published:
        found = find_printed_date(to_simplified(fields.published))
        return found[0] if found else fields.published.strip()
    for line in meta_lines:
        found = find_printed_date(line.simp)
        if found:
            return found[0]
    return None


def parse_article(
    text: str, *, url: str | None = None, fields: PageFields | None = None
) -> Article:
    """Turn one page dump (or a spider's extracted paragraphs) into a clean Article."""
    fields = fields or PageFields()
    source = fields.paragraphs if fields.paragraphs else (text or "").splitlines()
    lines, spam, garbled = clean_lines(list(source))
    # Editor lines may sit after the footer marker or among chrome; read them first.
    editors = [
        n for line in lines if len(line.simp) <= 60 or line.meta for n in editor_names(line.simp)
    ]
    lines, scraps = _cut_footer(lines)

    if fields.paragraphs and fields.title:
        title_idx, body_start = None, 0  # a spider's paragraphs hold no page head
    else:
        lines = _split_headline_meta(lines)
        title_idx, _meta_idx, body_start = _find_head(lines)
    head = lines[:body_start]
    meta_lines = [ln for ln in head if ln.meta]
    title = (
        _strip_site_suffix(clean_field(fields.title, spam) or "") or None if fields.title else None
    )
    if title is None and title_idx is not None:
        title = _strip_site_suffix(_FORUM_TAG.sub("", lines[title_idx].text).strip()) or None
    title_simplified = to_simplified(title) if title else None

    body_lines: list[CleanLine] = []
    authors: list[str] = []
    for line in lines[body_start:]:
        s = line.simp
        if line.editor:
            editors.extend(editor_names(s))
            continue
        if line.meta:
            meta_lines.append(line)
            continue
        if line.chrome:
            continue
        if title_simplified and s.strip() == title_simplified.strip():
            continue  # the headline printed twice
        if title_simplified and s.startswith(title_simplified.strip()):
            cut = headline_meta_cut(s)  # the headline printed again with its date line
            if cut is not None and s[:cut].strip() == title_simplified.strip():
                meta_lines.append(CleanLine(s[cut:].strip(), s[cut:].strip()))
                continue
        names = byline_line(s)
        if names:
            authors.extend(names)
            continue
        body_lines.append(line)
    # A summary that repeats the first paragraph is not text of its own.
    kept: list[CleanLine] = []
    for i, line in enumerate(body_lines):
        m = _SUMMARY.match(line.simp)
        if m:
            probe = line.simp[m.end() : m.end() + 15]
            if any(probe and probe in other.simp for other in body_lines[i + 1 :]):
                continue
        kept.append(line)
    body_lines = kept

    for line in meta_lines:
        authors.extend(labelled_authors(line.simp))
    for line in scraps:  # a byline line may close the page
        authors.extend(byline_line(line.simp) or [])
    outlet, lead_name, lead_authors = _read_outlet(fields, meta_lines, body_lines)
    authors.extend(lead_authors)
    published = _read_published(fields, [*meta_lines, *(ln for ln in scraps if ln.meta)])
    for line in body_lines:
        authors.extend(byline_names(line.simp))
    authors.extend(n for line in lines for n in line.credits)  # photographers of captions

    paragraphs = [line.text for line in body_lines]
    body = "\n".join(paragraphs)
    body_simplified = to_simplified(body)
    city = find_city(
        title_simplified,
        [line.simp for line in body_lines],
        skip=tuple(x for x in (outlet, lead_name) if x),
    )
    return Article(
        url=url,
        title=title,
        published=published,
        outlet=outlet,
        authors=_dedupe(list(fields.authors) + authors),
        editors=_dedupe(list(fields.editors) + editors),
        city=city,
        paragraphs=paragraphs,
        body=body,
        title_simplified=title_simplified,
        body_simplified=body_simplified,
        spam=bool(spam),
        spam_lines=spam,
        garbled=bool(garbled),
        garbled_runs=garbled,
    )
