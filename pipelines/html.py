"""Generic HTML extraction (PLACEHOLDER, replaced by the HTML-extraction work)."""

from __future__ import annotations

from parsel import Selector

from pipelines.encoding import decode_bytes
from pipelines.records import PageFields


def extract_page(html: bytes | str, *, url: str | None = None) -> PageFields:
    if isinstance(html, bytes):
        html, _ = decode_bytes(html)
    sel = Selector(text=html)
    title = sel.css("h1::text").get() or sel.css("title::text").get()
    paras = [p.strip() for p in sel.css("p::text").getall() if p.strip()]
    return PageFields(title=title, paragraphs=paras)
