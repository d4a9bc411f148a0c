"""The generic spider: a site with no selectors. Start URLs in, article pages out.

It recognises article links by their URL shape (a long number or a date in
the path, an .htm/.html/.shtml page) and a headline-length anchor text, and
leaves title, date and body to the generic extractor (pipelines.html via
pipelines.document.process_html). Used for a new source before anyone has
written its selectors: `scrapy crawl generic -a start_urls=URL`, or
`spider = "generic"` in its [sources.NAME] table.
"""

from __future__ import annotations

import re

from parsel import Selector
from scrapy.http import TextResponse

from crawler.selectors import ListEntry, list_entries
from crawler.spiders.site import SiteSpider
from pipelines.records import PageFields

# An article page's path: a 5+ digit id or a date (20240824, 2024-08/24, 202408) and an HTML
# suffix. Must not match list pages (index_2.html, node_3546_2.htm: ids of at most 4 digits).
ARTICLE_PATH = re.compile(
    r"(?:\d{5,}|(?:19|20)\d{2}-?\d{2}/\d{2})[^/]*\.s?html?$|/(?:19|20)\d{4,6}/[^/]+\.s?html?$"
)
# Headlines are longer than navigation labels ("首页", "下一页", "2", "更多>>").
MIN_TITLE_CHARS = 6


def looks_like_article(entry: ListEntry) -> bool:
    path = entry.url.split("?", 1)[0].split("#", 1)[0]
    return bool(ARTICLE_PATH.search(path)) and len(entry.title) >= MIN_TITLE_CHARS


class GenericSpider(SiteSpider):
    name = "generic"

    def entries(self, response: TextResponse) -> list[ListEntry]:
        if self.article_re is not None:  # a configured pattern beats the guess
            return super().entries(response)
        return [
            e
            for e in list_entries(response.selector, response.url, {}, None)
            if looks_like_article(e)
        ]

    def fields(self, selector: Selector) -> PageFields | None:
        return None  # pipelines.html.extract_page does it all
