"""`govwatch mirror`: serve the offline mirror of the five source sites in the foreground."""

from __future__ import annotations

import click


@click.command()
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Loopback address to listen on."
)
@click.option("--port", default=8931, show_default=True, type=int, help="Port (0: any free port).")
@click.option(
    "--faults",
    is_flag=True,
    help="Also serve the broken pages the tests use (empty, truncated, slow...).",
)
def mirror(host: str, port: int, faults: bool) -> None:
    """Serve the mirror of the source sites on 127.0.0.1 until Ctrl-C.

    The mirror is an HTTP proxy that answers for the real sites' URLs, so a
    crawl through it stores real URLs:

    \b
      govwatch mirror &
      govwatch crawl --proxy http://127.0.0.1:8931

    Publish a new article (writer format: header lines, blank line, body) with
      curl --data-binary @article.txt 'http://127.0.0.1:8931/_mirror/publish?site=luohe_fgw'
    """
    import time

    from crawler.mirror.server import Mirror, MirrorServer

    try:
        server = MirrorServer(host, port, Mirror(faults=faults)).start()
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"mirror: cannot listen on {host}:{port} ({exc})") from None
    click.echo(f"mirror: proxy at {server.url} (Ctrl-C to stop)")
    for name in ("zhenjiang_jsw", "mianyang_myrb", "hefei_xomn", "harbin_cri_big5", "luohe_fgw"):
        m = server.mirror
        click.echo(f"  {name}: {m.start_url(name)} ({len(m.site_articles(name))} articles)")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        click.echo("mirror: stopped")
    finally:
        server.stop()
