"""Downloader middlewares: route through the proxy, back off before retries, fix lying charsets."""

from __future__ import annotations

import codecs
import logging
from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import reactor
from twisted.internet.task import deferLater
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding

from pipelines.encoding import decode_bytes
from pipelines.html_charset import codec_name as _codec

log = logging.getLogger(__name__)


class ProxyMiddleware:
    """Send every request through GOVWATCH_PROXY (the offline mirror), keeping its real URL."""

    def __init__(self, proxy: str | None) -> None:
        self.proxy = proxy

    @classmethod
    def from_crawler(cls, crawler: Any) -> ProxyMiddleware:
        return cls(crawler.settings.get("GOVWATCH_PROXY"))

    def process_request(self, request: Request) -> None:
        if self.proxy and "proxy" not in request.meta:
            request.meta["proxy"] = self.proxy


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's RetryMiddleware, but the n-th retry waits base * 2**(n-1) seconds (capped),
    so a struggling server gets room instead of the same request straight back."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("GOVWATCH_BACKOFF_BASE", 2.0)
        self.cap = settings.getfloat("GOVWATCH_BACKOFF_MAX", 60.0)

    def delay(self, retry: Request) -> float:
        n = max(1, int(retry.meta.get("retry_times", 1)))
        return min(self.cap, self.base * 2 ** (n - 1))

    async def _wait(self, result: Any) -> Any:
        if isinstance(result, Request) and self.base > 0:
            await maybe_deferred_to_future(deferLater(reactor, self.delay(result), lambda: None))
        return result

    async def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        result = super().process_response(request, response)
        if result is response and response.status == 200 and not response.body.strip():
            # An empty 200 is a server hiccup more often than an empty article: retry it too.
            result = self._retry(request, "empty body") or response
        return await self._wait(result)

    async def process_exception(
        self, request: Request, exception: Exception
    ) -> Request | Response | None:  # type: ignore[override]
        return await self._wait(super().process_exception(request, exception))


def _decodes(body: bytes, encoding: str) -> bool:
    """Whether the bytes are valid in `encoding`, forgiving a character cut off at the very
    end (a truncated download must not be taken for another charset)."""
    try:
        codecs.getincrementaldecoder(encoding)().decode(body, final=False)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def choose_encoding(body: bytes, header: str | None, meta: str | None, hint: str | None) -> str:
    """The first declared charset that decodes the whole page, else detection.

    Sites lie: a header says UTF-8 over GBK bytes, a <meta> says gb2312 over GBK.
    A declaration that decodes without error is almost always right for CJK
    (multi-byte codecs reject foreign bytes fast), so it is tried in order:
    HTTP header, <meta>, the source's configured hint; then charset detection.
    """
    for candidate in (header, meta, hint):
        codec = _codec(candidate)
        if codec and _decodes(body, codec):
            return codec
    return _codec(decode_bytes(body, _codec(hint))[1]) or "utf-8"


class CharsetMiddleware:
    """Re-decode HTML whose declared charset does not fit its bytes (see choose_encoding)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> CharsetMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, TextResponse) or not response.body:
            return response
        ctype = response.headers.get(b"Content-Type", b"").decode("latin-1")
        header = http_content_type_encoding(ctype)
        meta = (
            html_body_declared_encoding(response.body)
            if isinstance(response, HtmlResponse)
            else None
        )
        source = getattr(self.crawler.spider, "source", None)
        hint = getattr(source, "charset", None)
        chosen = choose_encoding(response.body, header, meta, hint)
        declared = _codec(header or meta)
        if declared and declared != chosen:
            self.crawler.stats.inc_value("govwatch/charset_corrected")
            log.info("%s: declared %s but the bytes are %s", response.url, header or meta, chosen)
        return response.replace(encoding=chosen)
