"""Take a page apart with a source's selectors: pure functions, parsel in, records out.

A selector in govwatch.toml is CSS, or XPath when it starts with "/" or "(".
A pattern (same key under [sources.NAME.patterns]) is a regex applied to the
selected text; its first group (or the whole match) is the value, because
many sites print date, source and editor in one line ("2024-08-24 10:05
来源:镇江日报").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

from parsel import Selector, SelectorList
from w3lib.url import safe_url_string

from pipelines.records import PageFields

# A date as list pages print it: 2024-08-24, 2024/8/24, 2024.08.24, 2024年8月24日.
LIST_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
# Separators between names in an author or editor line: blanks, 、，, / and the ideographic space.
NAME_SEPARATORS = re.compile(r"[\s、，,/　]+")
# Pagination link texts in Simplified and Traditional script.
DEFAULT_NEXT_PAGE = "//a[contains(., '下一页') or contains(., '下一頁') or contains(., '下页') or contains(., '下頁')]/@href"


@dataclass(frozen=True)
class ListEntry:
    url: str  # absolute, as linked
    title: str
    date: str | None  # "YYYY-MM-DD" when the list shows one


def _select(sel: Selector | SelectorList, expr: str) -> SelectorList:
    return sel.xpath(expr) if expr.lstrip().startswith(("/", "(", "./")) else sel.css(expr)


def _node_text(node: Selector) -> str:
    """Text of an element (all descendants, blanks collapsed) or the value of an attribute/text node."""
    value = node.root if isinstance(node.root, str) else node.xpath("string(.)").get("")
    return re.sub(r"[ \t\r\n\xa0]+", " ", value).strip()


def select_texts(sel: Selector | SelectorList, expr: str | None) -> list[str]:
    if not expr:
        return []
    return [t for t in (_node_text(n) for n in _select(sel, expr)) if t]


def apply_pattern(text: str | None, pattern: str | None) -> str | None:
    if not text or not pattern:
        return text or None
    m = re.search(pattern, text)
    if not m:
        return None
    return (m.group(1) if m.groups() else m.group(0)).strip() or None


def normalize_date(text: str | None) -> str | None:
    m = LIST_DATE.search(text or "")
    if not m:
        return None
    y, mo, d = m.groups()
    return f"{y}-{int(mo):02d}-{int(d):02d}"


def split_names(text: str | None) -> list[str]:
    return [n for n in NAME_SEPARATORS.split(text or "") if n]


def page_fields(sel: Selector, selectors: dict[str, str], patterns: dict[str, str]) -> PageFields:
    """PageFields from an article page; a field without a selector stays empty for the
    generic extractor (pipelines.html) to fill."""

    def one(key: str) -> str | None:
        texts = select_texts(sel, selectors.get(key))
        return apply_pattern(" ".join(texts), patterns.get(key)) if texts else None

    return PageFields(
        title=one("title"),
        published=one("published"),
        outlet=one("outlet"),
        authors=split_names(one("authors")),
        editors=split_names(one("editors")),
        paragraphs=select_texts(sel, selectors.get("body")),
    )


def list_entries(
    sel: Selector, base_url: str, selectors: dict[str, str], link_re: re.Pattern[str] | None
) -> list[ListEntry]:
    """Article links on a list page, with the date each entry shows.

    With `list_item` each entry is one element holding a link and a date; without
    it every link whose URL matches the article pattern is an entry (no dates).
    """

    def absolute(href: str) -> str:
        return safe_url_string(urljoin(base_url, href.strip()))

    out: list[ListEntry] = []
    seen: set[str] = set()
    item_expr = selectors.get("list_item")
    items = _select(sel, item_expr) if item_expr else [sel]
    link_expr = selectors.get("list_link", "a")
    for item in items:
        date = (
            normalize_date(" ".join(select_texts(item, selectors["list_date"])))
            if selectors.get("list_date")
            else None
        )
        if item_expr and date is None:
            date = normalize_date(_node_text(item))
        for link in _select(item, link_expr):
            href = link.attrib.get("href") if not isinstance(link.root, str) else link.root
            if not href or href.startswith(("javascript:", "#", "mailto:")):
                continue
            url = absolute(href)
            if url in seen or (link_re is not None and not link_re.search(url)):
                continue
            seen.add(url)
            out.append(ListEntry(url, _node_text(link), date))
    return out


def next_page(
    sel: Selector, base_url: str, selectors: dict[str, str], list_re: re.Pattern[str] | None
) -> str | None:
    for href in select_texts(sel, selectors.get("next_page") or DEFAULT_NEXT_PAGE):
        url = urljoin(base_url, href)
        if list_re is None or list_re.search(url):
            return url
    return None
