"""Deduplication keys: canonical URLs, exact-text hashes, near-duplicate signatures.

Three levels, from cheapest to most forgiving:

1. `canonical_url`: the same page reached through a differently spelled URL
   (host case, query order, a share-tracking parameter, a #fragment) is one article.
2. `text_hash`: the same text on two sites is one cluster. The parsers have
   already converted the script, dropped pinyin and boilerplate
   (`Article.body_simplified`); here we only drop whitespace and fold widths.
3. MinHash LSH over character shingles of the Simplified body: reprints that
   add a lead or a credit line, cut the last paragraph, or were converted from
   Traditional are one cluster.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np
from w3lib.url import canonicalize_url

# Query parameters that only say who shared a link or which campaign sent a
# reader: they never select different content. From the Google Analytics
# (utm_*), Facebook/Google ad (fbclid, gclid), Aliyun/Taobao (spm) and WeChat
# share (from, isappinstalled, scene, ...) conventions seen on links to Chinese
# government pages. Must NOT include parameters that pick content (id, page, p,
# t as a page number on some CMSs), so `t`/`_` timestamps are left alone.
TRACKING_PARAMS: frozenset[str] = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "yclid",
        "spm",
        "from",
        "isappinstalled",
        "scene",
        "clicktime",
        "enterid",
        "share_token",
        "sharer_sharetime",
        "sharer_shareid",
        "wxshare_count",
        "winzoom",
    }
)
TRACKING_PREFIXES: tuple[str, ...] = ("utm_",)


def _is_tracking(name: str) -> bool:
    low = name.lower()
    return low in TRACKING_PARAMS or low.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """The one spelling of a URL used as the article key.

    w3lib sorts the query, normalises percent-encoding, lower-cases scheme and
    host, punycodes IDN hosts and drops the fragment; we also drop tracking
    parameters and a default port. The scheme is kept: http and https pages of
    one site are usually the same, but not always, and a second copy is still
    caught by the exact-text cluster.
    """
    url = url.strip()
    if not url:
        return url
    parts = urlsplit(url)
    if parts.query:
        kept = [
            (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
        ]
        parts = parts._replace(query=urlencode(kept))
    netloc = parts.netloc
    if (parts.scheme.lower(), parts.port) in {("http", 80), ("https", 443)}:
        netloc = netloc.rsplit(":", 1)[0]
    parts = parts._replace(netloc=netloc, fragment="")
    return canonicalize_url(urlunsplit(parts), keep_fragments=False)


# Every kind of whitespace, including the ideographic space U+3000 and NBSP.
_WHITESPACE = re.compile(r"\s+")


# Full-width digits and Latin letters to half-width: "２０２４年" and "2024年" are one
# text. Full-width punctuation (，：（）) is how Chinese is written and stays as it is.
# (unicodedata NFKC does this too, at ~30x the cost, and also folds things we keep.)
_FULL_WIDTH = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def _half(match: re.Match[str]) -> str:
    return chr(ord(match.group()) - 0xFEE0)


def normalize_text(text: str) -> str:
    """Text as compared for duplicates: full-width digits and Latin folded to
    half-width and no whitespace at all, since line breaks and indentation differ
    between the sites that carry one story."""
    return _FULL_WIDTH.sub(_half, _WHITESPACE.sub("", text or ""))


def text_hash(body_simplified: str) -> str | None:
    """Key of the exact-duplicate cluster; None for an empty body (never clustered)."""
    norm = normalize_text(body_simplified)
    if not norm:
        return None
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- near duplicates
#
# Measured in bench/dedup.py: datasketch's MinHash costs ~1.2 ms (64
# permutations) to ~1.7 ms (128) per 800-character article, because it hashes
# every shingle with SHA-1 in Python and then evaluates every permutation for
# every shingle; 100,000 articles would take 2-3 minutes before any index
# work. One-permutation MinHash (Li, Owen, Zhang 2012) with rotation
# densification (Shrivastava, Li 2014) hashes each shingle once, vectorised in
# numpy, and splits the hash space into bins: ~0.05 ms per article, with the
# same Jaccard estimate. SimHash was measured too and misses reprints that add
# or cut a paragraph (recall 0.36 in the bench). The signatures are stored in
# SQLite (`article_minhash`), so clustering works across runs and restarts;
# the LSH buckets are rebuilt from them in memory (see LshIndex).

SHINGLE = 4  # characters per shingle: 4-grams of Chinese text are about word pairs
BINS = 128  # one-permutation MinHash bins (signature length)
BANDS = 32  # LSH bands of ROWS bins each: candidate threshold ~ (1/BANDS)**(1/ROWS) = 0.42
ROWS = BINS // BANDS
JACCARD_MIN = 0.5  # verified shingle Jaccard for a reprint (an added lead, Traditional source)
CONTAINMENT_MIN = 0.85  # ... or: the shorter copy is inside the longer (a cut last paragraph)
SIZE_RATIO_MIN = 0.5  # ... but never a short item inside a long round-up
# The loosest pair those rules accept has Jaccard ~0.4 (containment 0.85 at size
# ratio 0.5); a 128-bin estimate has a standard deviation of ~0.045 there, so
# candidates whose estimate is below 0.3 are dropped without reading their text.
ESTIMATE_MIN = 0.3

_U64 = np.uint64
_MASK_BITS = 64 - 7  # BINS = 2**7: the top 7 bits choose the bin, the rest is the value
_EMPTY = np.iinfo(np.uint64).max


def _mix64(h: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads a weak polynomial hash over all 64 bits."""
    h = h ^ (h >> _U64(30))
    h = h * _U64(0xBF58476D1CE4E5B9)
    h = h ^ (h >> _U64(27))
    h = h * _U64(0x94D049BB133111EB)
    return h ^ (h >> _U64(31))


def shingle_hashes(text: str) -> np.ndarray:
    """Sorted unique 64-bit hashes of the character SHINGLE-grams of the normalised text.

    Computed from code points in numpy (no Python loop per shingle), stable
    across processes, so stored band keys stay valid between runs.
    """
    norm = normalize_text(text)
    if len(norm) < SHINGLE:
        return np.empty(0, dtype=np.uint64)
    cp = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(cp) - SHINGLE + 1
    with np.errstate(over="ignore"):
        h = np.zeros(n, dtype=np.uint64)
        for j in range(SHINGLE):
            h = h * _U64(0x100000001B3) + cp[j : j + n]
        h = _mix64(h)
    return np.unique(h)


def signature(hashes: np.ndarray) -> np.ndarray | None:
    """One-permutation MinHash of a shingle-hash set: BINS values, densified; None if empty."""
    if hashes.size == 0:
        return None
    bins = (hashes >> _U64(_MASK_BITS)).astype(np.intp)
    values = hashes & _U64((1 << _MASK_BITS) - 1)
    sig = np.full(BINS, _EMPTY, dtype=np.uint64)
    np.minimum.at(sig, bins, values)
    empty = sig == _EMPTY
    if empty.any():
        # Rotation densification: an empty bin borrows the next filled bin to its right
        # (circularly), offset by the distance, so two similar sets still agree there.
        filled = np.flatnonzero(~empty)
        holes = np.flatnonzero(empty)
        pos = np.searchsorted(filled, holes) % filled.size
        src = filled[pos]
        dist = (src - holes) % BINS
        with np.errstate(over="ignore"):
            sig[holes] = sig[src] + dist.astype(np.uint64) * _U64(1 << _MASK_BITS)
    return sig


def signature_from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.uint64)


def estimate_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """The share of bins where two signatures agree: an unbiased Jaccard estimate."""
    return float(np.count_nonzero(a == b)) / BINS


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per band (SQLite INTEGER); equal keys make a candidate pair."""
    rows = sig.reshape(BANDS, ROWS)
    with np.errstate(over="ignore"):
        h = np.arange(BANDS, dtype=np.uint64) * _U64(0x9E3779B97F4A7C15)
        for j in range(ROWS):
            h = _mix64(h ^ rows[:, j])
    return h.view(np.int64).tolist()


def band_keys_matrix(sigs: np.ndarray) -> np.ndarray:
    """`band_keys` of many signatures at once: (n, BINS) -> (n, BANDS) int64."""
    rows = sigs.reshape(-1, BANDS, ROWS)
    with np.errstate(over="ignore"):
        h = np.broadcast_to(
            np.arange(BANDS, dtype=np.uint64) * _U64(0x9E3779B97F4A7C15), rows.shape[:2]
        )
        for j in range(ROWS):
            h = _mix64(h ^ rows[:, :, j])
    return h.view(np.int64)


def similarity(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    """(Jaccard, containment of the smaller in the larger, size ratio) of two shingle sets."""
    if a.size == 0 or b.size == 0:
        return 0.0, 0.0, 0.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    small, large = sorted((a.size, b.size))
    return inter / (a.size + b.size - inter), inter / small, small / large


# Arabic numbers in a text (dates, amounts, counts): a reprint repeats them; two
# stories written from one template ("X项目开工，总投资N亿元") differ in them.
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
NUMBERS_SHARED_MIN = 0.8  # of the smaller number set, found in the other text


def numbers_agree(a_text: str, b_text: str) -> bool:
    """Whether the numbers of one text are (nearly) all in the other: the template guard."""
    a = set(_NUMBER.findall(normalize_text(a_text)))
    b = set(_NUMBER.findall(normalize_text(b_text)))
    small = min(len(a), len(b))
    return small == 0 or len(a & b) / small >= NUMBERS_SHARED_MIN


def is_reprint(
    a_text: str, b_text: str, a_hashes: np.ndarray | None = None, b_hashes: np.ndarray | None = None
) -> bool:
    """Whether two Simplified bodies are one story: similar shingle sets (see the
    thresholds above) and the same numbers."""
    a = shingle_hashes(a_text) if a_hashes is None else a_hashes
    b = shingle_hashes(b_text) if b_hashes is None else b_hashes
    jac, cont, ratio = similarity(a, b)
    near = jac >= JACCARD_MIN or (cont >= CONTAINMENT_MIN and ratio >= SIZE_RATIO_MIN)
    return near and numbers_agree(a_text, b_text)


class LshIndex:
    """LSH buckets in memory, rebuilt from the signatures stored in SQLite.

    The signatures (`article_minhash`: article -> 128 x uint64) are what
    persists: they survive restarts, and the buckets are recomputed from them
    with numpy on first use in a process (~1 s per 100,000 articles). Measured
    in bench/dedup.py, a bucket table in SQLite (one row per band per article,
    3.2 million rows at 100k articles) cost 0.5-0.7 ms per article at 10k and
    twice that at 100k (random B-tree inserts and 32 index seeks per article),
    missing the flat-cost and 60 s targets; sorted numpy arrays cost microseconds
    and ~40 MB at 100k.

    Other processes (a daemon's crawl children) write too: before each lookup
    the index reads signatures stored since the last one it saw. The store calls
    it inside its write transaction, so nothing committed by others is skipped.
    `conn` is a sqlite3 connection; the caller owns the transaction.
    """

    MAX_CANDIDATES = 20  # candidates checked per article, most shared buckets first
    BUCKET_SCAN = 50  # newest articles read per bucket
    MERGE_AT = 200_000  # pending bucket entries merged into the sorted arrays
    CHUNK = 5000  # signatures read at a time

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.keys = np.empty(0, dtype=np.int64)  # sorted by (key, article id)
        self.ids = np.empty(0, dtype=np.int64)
        self.pending: dict[int, list[int]] = {}
        self.pending_n = 0
        self.seen = 0  # highest article id indexed
        # signatures by article id (ids are dense rowids): 1 KiB per article
        self.sigs = np.zeros((1024, BINS), dtype=np.uint64)
        self.has_sig = np.zeros(1024, dtype=bool)

    def refresh(self) -> None:
        """Index signatures stored (by any process) since the last refresh, reading
        them in chunks so a first load of a large database stays small in memory."""
        cur = self.conn.execute(
            "SELECT article_id, signature FROM article_minhash WHERE article_id > ?"
            " ORDER BY article_id",
            [self.seen],
        )
        key_parts: list[np.ndarray] = []
        id_parts: list[np.ndarray] = []
        top = self.conn.execute("SELECT max(article_id) FROM article_minhash").fetchone()[0]
        self._reserve((top or 0) + 1)  # one allocation, not a series of doublings
        while rows := cur.fetchmany(self.CHUNK):
            ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
            sigs = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.uint64).reshape(-1, BINS)
            self._keep(ids, sigs)
            key_parts.append(band_keys_matrix(sigs).ravel())
            id_parts.append(np.repeat(ids, BANDS))
            self.seen = max(self.seen, int(ids[-1]))
        if not key_parts:
            return
        keys, ids = np.concatenate(key_parts), np.concatenate(id_parts)
        if keys.size > self.MERGE_AT // 4:  # first load, or a large batch from another process
            self._merge(keys, ids)
        else:
            for k, a in zip(keys.tolist(), ids.tolist(), strict=True):
                self.pending.setdefault(k, []).append(a)
            self.pending_n += keys.size

    def _reserve(self, size: int) -> None:
        if size > len(self.has_sig):
            grown = np.zeros((size, BINS), dtype=np.uint64)
            grown[: len(self.sigs)] = self.sigs
            self.sigs = grown
            self.has_sig = np.concatenate([self.has_sig, np.zeros(size - len(self.has_sig), bool)])

    def _keep(self, ids: np.ndarray, sigs: np.ndarray) -> None:
        top = int(ids.max()) + 1
        if top > len(self.has_sig):
            self._reserve(max(top, 2 * len(self.has_sig)))
        self.sigs[ids] = sigs
        self.has_sig[ids] = True

    def _pend(self, article_id: int, keys: list[int]) -> None:
        for k in keys:
            self.pending.setdefault(k, []).append(article_id)
        self.pending_n += len(keys)
        if self.pending_n >= self.MERGE_AT:
            self._merge(np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64))

    def _merge(self, keys: np.ndarray, ids: np.ndarray) -> None:
        """Fold pending entries (and `keys`/`ids`) into the sorted arrays: sort the new
        entries only, then insert them in place (one linear copy of the arrays)."""
        if self.pending:
            pk = np.fromiter(
                (k for k, v in self.pending.items() for _ in v),
                dtype=np.int64,
                count=self.pending_n,
            )
            pi = np.fromiter(
                (a for v in self.pending.values() for a in v), dtype=np.int64, count=self.pending_n
            )
            keys, ids = np.concatenate([keys, pk]), np.concatenate([ids, pi])
            self.pending, self.pending_n = {}, 0
        order = np.lexsort((ids, keys))
        keys, ids = keys[order], ids[order]
        del order
        if self.keys.size == 0:
            self.keys, self.ids = keys, ids
            return
        # new ids are larger than every indexed one, so they go after equal keys
        at = np.searchsorted(self.keys, keys, side="right")
        self.keys = np.insert(self.keys, at, keys)
        self.ids = np.insert(self.ids, at, ids)

    def _bucket_members(self, keys: list[int]) -> np.ndarray:
        """Up to BUCKET_SCAN newest articles of each bucket, concatenated.

        A bucket that thousands of articles share (stock phrases) costs no
        more than a rare one, so the cost per article stays flat as the
        database grows; a true reprint shares many buckets and is found
        through the others."""
        q = np.sort(np.asarray(keys, dtype=np.int64))  # sorted needles: fewer cache misses
        hi = np.searchsorted(self.keys, q, side="right")
        lo = np.maximum(np.searchsorted(self.keys, q, side="left"), hi - self.BUCKET_SCAN)
        parts = [self.ids[a:b] for a, b in zip(lo.tolist(), hi.tolist(), strict=True) if b > a]
        for k in keys:
            more = self.pending.get(k)
            if more:
                parts.append(np.asarray(more[-self.BUCKET_SCAN :], dtype=np.int64))
        return np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)

    def candidates(self, sig: np.ndarray, keys: list[int], exclude: int | None = None) -> list[int]:
        """Stored articles sharing a bucket whose signature estimate passes ESTIMATE_MIN,
        best first. Articles built from the same stock phrases share a bucket now
        and then; their signatures discard them without reading any text."""
        self.refresh()
        members = self._bucket_members(keys)
        if exclude is not None:
            members = members[members != exclude]
        if members.size == 0:
            return []
        ids, counts = np.unique(members, return_counts=True)
        top = np.lexsort((ids, -counts))[: self.MAX_CANDIDATES]
        ids = ids[top]
        estimates = np.count_nonzero(self.sigs[ids] == sig, axis=1) / BINS
        order = np.argsort(-estimates, kind="stable")
        return [int(ids[k]) for k in order if estimates[k] >= ESTIMATE_MIN]

    def add(self, article_id: int, sig: np.ndarray, keys: list[int]) -> None:
        """Store and index one article's signature."""
        self.refresh()
        self.conn.execute(
            "INSERT OR REPLACE INTO article_minhash (article_id, signature) VALUES (?, ?)",
            [article_id, sig.tobytes()],
        )
        self._keep(np.array([article_id]), sig[None, :])
        self._pend(article_id, keys)
        self.seen = max(self.seen, article_id)


def sketch(text: str) -> tuple[np.ndarray, np.ndarray | None, list[int]]:
    """(shingle hashes, signature, band keys) of one Simplified body."""
    hashes = shingle_hashes(text)
    sig = signature(hashes)
    return hashes, sig, (band_keys(sig) if sig is not None else [])
