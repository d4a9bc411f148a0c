"""Canonical URLs: one spelling per page, so a page is stored once."""

from __future__ import annotations

import pytest

from pipelines.dedup import canonical_url, normalize_text, text_hash


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "HTTP://WWW.Zhenjiang.gov.cn/art/2024/9/12/a.html",
            "http://www.zhenjiang.gov.cn/art/2024/9/12/a.html",
        ),
        ("http://x.gov.cn/a.htm?b=2&a=1", "http://x.gov.cn/a.htm?a=1&b=2"),
        ("http://x.gov.cn/a.htm#p2", "http://x.gov.cn/a.htm"),
        ("http://x.gov.cn/a.htm?utm_source=wx&utm_medium=share", "http://x.gov.cn/a.htm"),
        ("http://x.gov.cn/a.htm?id=7&from=timeline&isappinstalled=0", "http://x.gov.cn/a.htm?id=7"),
        ("http://x.gov.cn/a.htm?spm=a2c4g.1&id=7", "http://x.gov.cn/a.htm?id=7"),
        ("http://x.gov.cn:80/a.htm", "http://x.gov.cn/a.htm"),
        ("https://x.gov.cn:443/a.htm", "https://x.gov.cn/a.htm"),
        (
            "http://x.gov.cn/新闻/a.htm?q=开工",
            "http://x.gov.cn/%E6%96%B0%E9%97%BB/a.htm?q=%E5%BC%80%E5%B7%A5",
        ),
    ],
)
def test_spellings_of_one_page_share_a_canonical_url(a: str, b: str) -> None:
    assert canonical_url(a) == canonical_url(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("http://x.gov.cn/a.htm?id=7", "http://x.gov.cn/a.htm?id=8"),  # content parameter kept
        ("http://x.gov.cn/list.htm?page=2", "http://x.gov.cn/list.htm?page=3"),
        ("http://x.gov.cn/a.htm?t=20240912", "http://x.gov.cn/a.htm"),  # t may pick content
        ("http://x.gov.cn/a.htm", "http://y.gov.cn/a.htm"),
    ],
)
def test_different_pages_keep_different_canonical_urls(a: str, b: str) -> None:
    assert canonical_url(a) != canonical_url(b)


def test_text_hash_ignores_whitespace_and_full_width_digits_only() -> None:
    assert text_hash("总投资２０亿元。\n\u3000\u3000项目开工") == text_hash(
        "总投资20亿元。项目开工"
    )
    assert text_hash("项目开工") != text_hash("项目竣工")
    assert text_hash(" \n ") is None
    assert normalize_text("（一期），ＡＢ") == "（一期），AB"  # Chinese punctuation is kept
