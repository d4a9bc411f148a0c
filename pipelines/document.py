"""One entry point from raw input to a finished record: decode, take apart, clean, extract.

`govwatch parse`, the spiders, the tests and the benchmarks all call
`process_bytes` / `process_text`, so every path gives the same record.
"""

from __future__ import annotations

import re

from pipelines.encoding import decode_bytes
from pipelines.milestones import extract_milestones
from pipelines.parse import parse_article
from pipelines.records import Article, PageFields

# A page is HTML when it opens (after a BOM, blanks, an XML declaration or comments) with a
# tag that only HTML starts with. A text dump never opens with one of these.
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|html|head|meta|body|title|link|script|style)\b",
    re.I | re.S,
)


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML_START.match(data.lstrip(b"\xef\xbb\xbf")[:2048]))


def process_text(text: str, *, url: str | None = None, fields: PageFields | None = None) -> Article:
    """Clean a page dump (or a spider's extracted text) and add its milestones."""
    article = parse_article(text, url=url, fields=fields)
    article.milestones, article.stats = extract_milestones(article)
    return article


def process_html(html: bytes | str, *, url: str | None = None, fields: PageFields | None = None) -> Article:
    """Take an HTML page apart (generic extractor, or the fields a site spider passes), then clean."""
    from pipelines.html import extract_page  # lxml work only when there is HTML

    if fields is not None and fields.title and fields.paragraphs:
        # A site spider's selectors found everything: no generic guessing to pay for.
        page = fields
    else:
        page = extract_page(html, url=url)
        if fields is not None:  # what the selectors did find beats the generic guesses
            page = PageFields(
                title=fields.title or page.title,
                published=fields.published or page.published,
                outlet=fields.outlet or page.outlet,
                authors=fields.authors or page.authors,
                editors=fields.editors or page.editors,
                paragraphs=fields.paragraphs or page.paragraphs,
                encoding=fields.encoding or page.encoding,
            )
    article = process_text("\n".join(page.paragraphs), url=url, fields=page)
    article.encoding = page.encoding
    return article


def process_bytes(data: bytes, *, url: str | None = None) -> Article:
    """Bytes of unknown charset and kind (text dump or HTML page) in, record out."""
    if looks_like_html(data):
        return process_html(data, url=url)
    text, encoding = decode_bytes(data)
    article = process_text(text, url=url)
    article.encoding = encoding
    return article
