"""The mirror's articles: the five seed dumps plus the texts in crawler/mirror/articles/<site>/.

The mirror must serve pages that look like the real sites, with the real
sites' noise, but with sentences we own: `seeds/` (unchanged dumps of real
pages) and the articles our writer wrote. Nothing here reads ../shared/eval.

A writer file is a few `key: value` header lines (title, published, outlet,
authors, editor, slug, spam, reprint_of), a blank line, then one paragraph a
line. The seeds have no header, so SEED_HEADERS says what their page shows
and which lines are page furniture rather than body.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = ROOT / "seeds"
ARTICLES_DIR = Path(__file__).resolve().parent / "articles"

SITES: tuple[str, ...] = (
    "zhenjiang_jsw",
    "mianyang_myrb",
    "hefei_xomn",
    "harbin_cri_big5",
    "luohe_fgw",
)

HEADER_KEYS = frozenset(
    {"title", "published", "outlet", "authors", "editor", "slug", "spam", "reprint_of"}
)


class CatalogError(ValueError):
    """A malformed article file: the message names the file and the problem."""


@dataclass
class MirrorArticle:
    site: str
    slug: str
    title: str
    published: str  # "YYYY-MM-DD HH:MM", as the site prints it
    outlet: str = ""
    authors: str = ""
    editor: str = ""
    spam: str = ""  # an injected SEO line the page carries (the parsers must drop it)
    reprint_of: str = ""  # "<site>/<slug>" of the original, for a reprint
    paragraphs: list[str] = field(default_factory=list)
    origin: str = ""  # the file it came from

    @property
    def number(self) -> int:
        """A stable numeric id for URLs like content_1234567.htm (same slug, same URL, every run)."""
        return 1_000_000 + zlib.crc32(f"{self.site}/{self.slug}".encode()) % 8_999_999

    @property
    def date(self) -> str:
        return self.published[:10]


# What the seed pages show above and below their body (the dumps lost the
# markup): title, date line, outlet, editor, and which dump lines are the body
# (1-based, inclusive). Seeds 002 and 004 are body-only dumps; their titles and
# dates are ours, written from the text.
SEED_HEADERS: dict[str, dict[str, object]] = {
    "000_46f8e6e08a6d9f59.txt": {
        "site": "zhenjiang_jsw",
        "slug": "seed-hagi-heavy-gas-turbine",
        "title": "哈汽重燃及核電裝備生產制造基地項目創(chuàng)造新速度",
        "published": "2024-08-24 10:05",
        "outlet": "鎮(zhèn)江日報",
        "editor": "張寧",
        "spam": "4hc44四虎www在线影院,亚洲精品国产自在现线看,精品无码AV无码专区,俺去俺来也在线www色官网,久久精品人人做人人爽电影",
        "lines": (11, 29),
    },
    "001_1a9b3abfb543b39c.txt": {
        "site": "mianyang_myrb",
        "slug": "seed-jingkai-projects-speed-up",
        "title": "【經(jīng)開區(qū)】推動(dòng)項(xiàng)目建設(shè)“加速跑”",
        "published": "2024-10-24 09:03",
        "outlet": "綿陽日?qǐng)?bào)",
        "editor": "譚鵬",
        "spam": "男人的天堂亚洲av无码_欧美亚洲日韩视频在线_最近2019年中文字幕_亚洲乱码中文手机在线",
        "lines": (6, 48),
    },
    "002_668862650b35857f.txt": {
        "site": "hefei_xomn",
        "slug": "seed-juchao-zone-projects",
        "title": "居巢經開區全面提速項目建設",
        "published": "2024-07-26 10:12",
        "outlet": "市場星報",
        "authors": "吳端華 王亮禮",
        "lines": (1, 11),
    },
    "003_08ed1740cd7013fa.txt": {
        "site": "harbin_cri_big5",
        "slug": "seed-harbin-three-year-campaign",
        "title": "哈爾濱産業項目三年攻堅戰精彩開局",
        "published": "2019-04-22 09:55",
        "outlet": "黑龍江日報",
        "editor": "呂丹丹",
        "lines": (5, 41),
    },
    "004_b4d32a4544aaf4f8.txt": {
        "site": "luohe_fgw",
        "slug": "seed-luohe-major-projects-half-year",
        "title": "我市重大項目建設提前實現“雙過半”",
        "published": "2022-06-13 16:20",
        "outlet": "漯河日報",
        "authors": "謝曉龍 丁泉洋",
        "editor": "瘦馬",
        "lines": (1, 6),
    },
}


def parse_article_file(text: str, *, site: str, origin: str = "") -> MirrorArticle:
    """Writer format in, record out. A pure function so tests and `publish` share it."""
    head, sep, body = text.replace("\r\n", "\n").lstrip("\ufeff").partition("\n\n")
    if not sep:
        raise CatalogError(f"{origin or 'article'}: no blank line between header and body")
    meta: dict[str, str] = {}
    for line in head.splitlines():
        key, colon, value = line.partition(":")
        key = key.strip().lower()
        if not colon or key not in HEADER_KEYS:
            raise CatalogError(f"{origin or 'article'}: header line {line!r} is not 'key: value'")
        meta[key] = value.strip()
    for required in ("title", "published"):
        if not meta.get(required):
            raise CatalogError(f"{origin or 'article'}: missing header {required!r}")
    slug = meta.get("slug") or Path(origin).stem or meta["title"]
    return MirrorArticle(
        site=site,
        slug=slug,
        title=meta["title"],
        published=meta["published"],
        outlet=meta.get("outlet", ""),
        authors=meta.get("authors", ""),
        editor=meta.get("editor", ""),
        spam=meta.get("spam", ""),
        reprint_of=meta.get("reprint_of", ""),
        paragraphs=[p.strip() for p in body.splitlines() if p.strip()],
        origin=origin,
    )


def load_seeds(seeds_dir: Path = SEEDS_DIR) -> list[MirrorArticle]:
    out = []
    for name, meta in SEED_HEADERS.items():
        path = seeds_dir / name
        if not path.exists():
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        first, last = meta["lines"]  # type: ignore[misc]
        paragraphs = [ln.strip() for ln in lines[first - 1 : last] if ln.strip()]
        fields = {k: v for k, v in meta.items() if k != "lines"}
        out.append(MirrorArticle(paragraphs=paragraphs, origin=str(path), **fields))  # type: ignore[arg-type]
    return out


def load_writer_articles(articles_dir: Path = ARTICLES_DIR) -> list[MirrorArticle]:
    out = []
    for site in SITES:
        for path in sorted((articles_dir / site).glob("*.txt")):
            out.append(
                parse_article_file(path.read_text(encoding="utf-8"), site=site, origin=str(path))
            )
    return out


def find_original(reprint: MirrorArticle, articles: list[MirrorArticle]) -> MirrorArticle | None:
    """The article `reprint_of` names: "<site>/<slug>", "<site>/<file number>" or a bare slug."""
    ref = reprint.reprint_of.strip()
    if not ref:
        return None
    site, _, slug = ref.rpartition("/")
    for art in articles:
        if art is reprint or (site and art.site != site):
            continue
        if (
            art.slug == slug
            or art.slug.startswith(f"{slug}-")
            or Path(art.origin).stem.split("-")[0] == slug
        ):
            return art
    return None


def resolve_reprints(articles: list[MirrorArticle]) -> list[MirrorArticle]:
    """A reprint with no body of its own carries the original's paragraphs."""
    out = []
    for art in articles:
        original = find_original(art, articles)
        if original is not None and not art.paragraphs:
            art = replace(art, paragraphs=list(original.paragraphs))
        out.append(art)
    return out


def load_catalog(
    articles_dir: Path = ARTICLES_DIR, seeds_dir: Path = SEEDS_DIR
) -> list[MirrorArticle]:
    return resolve_reprints(load_seeds(seeds_dir) + load_writer_articles(articles_dir))
