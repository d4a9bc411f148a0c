"""The offline mirror: an HTTP proxy on 127.0.0.1 that answers for the five source sites.

Spiders keep the real sites' URLs (so stored records carry them) and send
every request through this proxy (`proxy` in [crawler], or `--offline`). The
proxy serves by absolute URL from the catalog and never opens a connection
anywhere: a host it does not mirror gets 502.

Besides the sites' normal pages it serves what a crawler meets in the wild:
robots.txt, a dead link (404) and a moved page (301) on the last list pages, a
link off-site, tracking tags on links, injected spam; and, with faults=True,
the pages tests need: an empty body, truncated HTML, a lying charset header,
a 500 that heals on retry, and a page slower than any sane timeout.

Admin endpoints (plain requests to the server itself, not proxied):
  GET  /                      index of the mirrored sites
  POST /_mirror/publish?site=NAME   body: an article in the writer format -> {"url": ...}
  GET  /_mirror/log           JSON list of the URLs requested so far
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from crawler.mirror.catalog import MirrorArticle, load_catalog, parse_article_file
from crawler.mirror.sites import LAYOUTS, Entry, Layout

PAGE_SIZE = 4  # list entries per page (fewer when a site has few articles, to keep >= 3 pages)
FAULT_SITE = "zhenjiang_jsw"  # the site whose first list page links the fault pages
FAULTS = ("empty", "truncated", "wrong_charset", "flaky", "slow")


@dataclass
class Page:
    status: int
    body: bytes = b""
    content_type: str = "text/html"
    location: str | None = None
    kind: str = "other"  # "list", "article", "robots", "fault", "redirect", "missing"
    fault: str | None = None


@dataclass
class Hit:
    url: str
    status: int
    kind: str


def _fault_article(name: str, index: int) -> MirrorArticle:
    return MirrorArticle(
        site=FAULT_SITE,
        slug=f"fault-{name}",
        title=f"故障页面测试之{index}：丹徒区新建物流园项目开工",
        published=f"2030-01-0{index} 08:00",
        outlet="镇江日报",
        editor="王敏",
        paragraphs=[
            "丹徒区新建智慧物流园项目日前开工建设，项目总投资3亿元，占地约80亩。",
            "项目建成后将新增仓储面积6万平方米，服务周边制造企业的原料和成品运输。",
            "区发改局相关负责人介绍，项目计划明年年底建成投用。",
        ],
    )


@dataclass
class Mirror:
    """All pages of all sites, rebuilt whenever an article is published."""

    articles: list[MirrorArticle] = field(default_factory=load_catalog)
    faults: bool = False
    slow_seconds: float = 5.0
    page_size: int | None = None
    # Requests served, oldest first (tests count article fetches); bounded for a long-running mirror.
    hits: deque[Hit] = field(default_factory=lambda: deque(maxlen=500_000))
    list_dates: dict[str, str] = field(
        default_factory=dict
    )  # URL -> date its list entry shows instead

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._flaky_served: set[str] = set()
        if self.page_size is None:  # keep >= 3 list pages even with few articles
            counts = [sum(a.site == s for a in self.articles) for s in LAYOUTS]
            self.page_size = max(1, min(PAGE_SIZE, math.ceil(min(counts or [3]) / 3)))
        self._build()

    # -- catalog --------------------------------------------------------------------
    def site_articles(self, site: str) -> list[MirrorArticle]:
        arts = [a for a in self.articles if a.site == site]
        return sorted(arts, key=lambda a: (a.published, a.slug), reverse=True)

    def article_url(self, art: MirrorArticle) -> str:
        layout = LAYOUTS[art.site]
        return layout.origin() + layout.article_path(art)

    def article_urls(self, site: str) -> set[str]:
        """The URLs a complete crawl of `site` must store (faults and dead links excluded)."""
        return {self.article_url(a) for a in self.site_articles(site)}

    def find(self, url: str) -> MirrorArticle | None:
        return next((a for a in self.articles if self.article_url(a) == url), None)

    def start_url(self, site: str) -> str:
        layout = LAYOUTS[site]
        return layout.origin() + layout.list_path(1)

    def publish(self, article: MirrorArticle) -> str:
        """Add an article (it appears on its site's first list page); returns its URL."""
        if article.site not in LAYOUTS:
            raise ValueError(f"unknown mirror site {article.site!r}")
        with self._lock:
            self.articles = [*self.articles, article]
            self._build()
        return self.article_url(article)

    def redate(self, url: str, date: str) -> None:
        """Show a later date on the article's list entry (a corrected, re-issued article)."""
        with self._lock:
            self.list_dates[url] = date
            self._build()

    def publish_text(self, site: str, text: str) -> str:
        return self.publish(parse_article_file(text, site=site, origin="published"))

    def request_log(self) -> list[Hit]:
        with self._lock:
            return list(self.hits)

    # -- pages ----------------------------------------------------------------------
    def _build(self) -> None:
        routes: dict[tuple[str, str], Page] = {}
        for name, layout in LAYOUTS.items():
            routes[(layout.host, "/robots.txt")] = Page(
                200, layout.robots.encode(), "text/plain", kind="robots"
            )
            arts = self.site_articles(name)
            entries = [
                Entry(u, a.title, self.list_dates.get(u, a.date))
                for a in arts
                for u in [self.article_url(a)]
            ]
            for art in arts:
                routes[(layout.host, layout.article_path(art))] = self._page(
                    layout, layout.render_article(art), "article"
                )
            if self.faults and name == FAULT_SITE:
                entries = self._add_faults(layout, routes) + entries
            pages = max(1, math.ceil(len(entries) / self.page_size))
            chunks = [entries[i * self.page_size : (i + 1) * self.page_size] for i in range(pages)]
            chunks[-1] = chunks[-1] + self._oddities(layout, arts, routes)
            for n, chunk in enumerate(chunks, start=1):
                routes[(layout.host, layout.list_path(n))] = self._page(
                    layout, layout.render_list(chunk, n, pages), "list"
                )
        self._routes = routes

    def _page(self, layout: Layout, text: str, kind: str) -> Page:
        return Page(200, layout.encode(text), layout.content_type(), kind=kind)

    def _oddities(self, layout: Layout, arts: list[MirrorArticle], routes: dict) -> list[Entry]:
        """On the last list page (which an incremental crawl never reaches): a dead link,
        and on 金山网 the oldest article linked by a moved address that answers 301."""
        extra: list[Entry] = []
        if layout.name in ("zhenjiang_jsw", "luohe_fgw") and arts:
            ghost = replace(arts[-1], slug="deleted-" + arts[-1].slug)
            path = layout.article_path(ghost)
            routes[(layout.host, path)] = Page(
                404, b"<html><body>404 Not Found</body></html>", kind="missing"
            )
            extra.append(Entry(layout.origin() + path, "已删除的稿件", ghost.date))
        if layout.name == "zhenjiang_jsw" and arts:
            oldest = arts[-1]
            day = "02" if oldest.date[8:10] == "01" else "01"
            alias = f"/zjnews/{oldest.date[:7]}/{day}/content_{oldest.number}.htm"
            routes[(layout.host, alias)] = Page(
                301, location=self.article_url(oldest), kind="redirect"
            )
            extra.append(Entry(layout.origin() + alias, oldest.title + "（旧址）", oldest.date))
        return extra

    def _add_faults(self, layout: Layout, routes: dict) -> list[Entry]:
        entries = []
        for i, name in enumerate(FAULTS, start=1):
            art = _fault_article(name, i)
            path = layout.article_path(art)
            html = layout.render_article(art)
            if name == "empty":
                page = Page(200, b"", layout.content_type())
            elif name == "truncated":
                page = Page(
                    200,
                    layout.encode(html)[: len(layout.encode(html)) * 2 // 3],
                    layout.content_type(),
                )
            elif name == "wrong_charset":  # GBK bytes, a header that says UTF-8, no <meta>
                html = html.replace(layout.meta(), "")
                page = Page(
                    200, html.encode("gbk", errors="xmlcharrefreplace"), "text/html; charset=utf-8"
                )
            else:  # flaky and slow serve the normal page (after a 500, or late)
                page = Page(200, layout.encode(html), layout.content_type())
            page.kind, page.fault = "fault", name
            routes[(layout.host, path)] = page
            entries.append(Entry(layout.origin() + path, art.title, art.date))
        return entries

    def fault_urls(self) -> dict[str, str]:
        layout = LAYOUTS[FAULT_SITE]
        return {
            name: layout.origin() + layout.article_path(_fault_article(name, i))
            for i, name in enumerate(FAULTS, start=1)
        }

    def respond(self, url: str) -> Page:
        """The page for an absolute URL (query and fragment ignored, as the real CMSs do)."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        with self._lock:
            page = self._routes.get((host, parts.path or "/"))
            known_host = any(layout.host == host for layout in LAYOUTS.values())
            if page is not None and page.fault == "flaky" and url not in self._flaky_served:
                self._flaky_served.add(url)
                page = Page(
                    500,
                    b"<html><body>500 Internal Server Error</body></html>",
                    kind="fault",
                    fault="flaky",
                )
            if page is None:
                page = (
                    Page(404, b"<html><body>404 Not Found</body></html>", kind="missing")
                    if known_host
                    else Page(
                        502, f"mirror: no site {host!r}".encode(), "text/plain", kind="offsite"
                    )
                )
            self.hits.append(Hit(url, page.status, page.kind))
        if page.fault == "slow" and page.status == 200:
            time.sleep(self.slow_seconds)
        return page

    def index_html(self) -> bytes:
        rows = "\n".join(
            f'<li>{name}: <a href="{self.start_url(name)}">{self.start_url(name)}</a> ({len(self.site_articles(name))} articles)</li>'
            for name in LAYOUTS
        )
        return (
            "<html><head><meta charset='utf-8'><title>govwatch mirror</title></head><body>"
            "<h1>govwatch offline mirror</h1><p>Use this server as an HTTP proxy for these sites:</p>"
            f"<ul>{rows}</ul></body></html>"
        ).encode()


def _handler(mirror: Mirror) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as Scrapy's connection pool expects
        disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms ACK stalls
        server_version = "govwatch-mirror/0.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet: tests read mirror.hits
            pass

        def _send(self, page: Page) -> None:
            try:
                self.send_response(page.status)
                self.send_header("Content-Type", page.content_type)
                self.send_header("Content-Length", str(len(page.body)))
                if page.location:
                    self.send_header("Location", page.location)
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(page.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test): nothing to do

        def do_GET(self) -> None:
            if self.path.startswith(("http://", "https://")):
                self._send(mirror.respond(self.path))
            elif self.path == "/_mirror/log":
                body = json.dumps([h.__dict__ for h in mirror.request_log()], ensure_ascii=False)
                self._send(Page(200, body.encode(), "application/json"))
            elif self.path in ("/", "/index.html"):
                self._send(Page(200, mirror.index_html(), "text/html; charset=utf-8"))
            else:
                self._send(Page(404, b"not a mirror endpoint", "text/plain"))

        do_HEAD = do_GET

        def do_POST(self) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            data = self.rfile.read(length)
            if parts.path != "/_mirror/publish":
                self._send(Page(404, b"not a mirror endpoint", "text/plain"))
                return
            site = parse_qs(parts.query).get("site", [""])[0]
            try:
                url = mirror.publish_text(site, data.decode("utf-8"))
            except (ValueError, UnicodeDecodeError) as exc:
                self._send(Page(400, str(exc).encode(), "text/plain; charset=utf-8"))
                return
            self._send(Page(200, json.dumps({"url": url}).encode(), "application/json"))

        def do_CONNECT(self) -> None:  # https tunnels would leave the machine: refuse
            self._send(Page(405, b"mirror: CONNECT not supported", "text/plain"))

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a slow-page handler must not keep the process alive
    # socketserver's default backlog is 5: a crawler opening more connections at once gets
    # its SYNs dropped and retried a second later, which looks like a slow site.
    request_queue_size = 128


class MirrorServer:
    """A running mirror: `.url` is the proxy address, `.mirror` the catalog, `.stop()` ends it."""

    def __init__(
        self, host: str = "127.0.0.1", port: int = 0, mirror: Mirror | None = None
    ) -> None:
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError(f"the mirror serves on loopback only, not {host!r}")
        self.mirror = mirror or Mirror()
        self.httpd = _Server((host, port), _handler(self.mirror))
        self.url = f"http://{host}:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, name="govwatch-mirror", daemon=True
        )

    def start(self) -> MirrorServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> MirrorServer:
        return self.start() if not self._thread.is_alive() else self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_mirror(
    host: str = "127.0.0.1", port: int = 0, **options: object
) -> tuple[str, Callable[[], None]]:
    """Start the mirror in a background thread; returns (proxy URL, stop function).

    Options go to `Mirror` (faults=True, slow_seconds=..., articles=[...]).
    """
    server = MirrorServer(host, port, Mirror(**options) if options else None).start()  # type: ignore[arg-type]
    return server.url, server.stop
