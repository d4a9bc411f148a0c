"""The evaluation pages beside the repo (read, never copied): metadata fields and clean bodies."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipelines.document import process_bytes
from pipelines.script import to_simplified

# The scorer's own normalisation of titles: punctuation and spaces do not count.
_PUNCT = re.compile(r"[\s\"'“”‘’「」『』《》〈〉()（）\[\]【】,，.。、:：;；!！?？·\-—_/]+")


def _cases(dev: Path) -> list[tuple[dict, object]]:
    out = []
    for gold_path in sorted(dev.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        out.append((gold, process_bytes(gold_path.with_suffix(".txt").read_bytes())))
    return out


def test_dev_metadata_fields_match_the_gold(dev_dir: Path) -> None:
    misses = []
    for gold, a in _cases(dev_dir):
        pred = {
            "title": _PUNCT.sub("", to_simplified(a.title or "")) or None,
            "published": (a.published or "")[:10] or None,
            "outlet": a.outlet,
            "city": a.city,
        }
        want = {
            "title": _PUNCT.sub("", gold["title"]) if gold["title"] else None,
            "published": gold["published"],
            "outlet": gold["outlet"],
            "city": gold["city"],
        }
        misses += [(gold["id"], k, want[k], pred[k]) for k in want if want[k] != pred[k]]
    assert misses == []


def test_dev_bodies_hold_no_leftovers_and_spam_is_flagged(dev_dir: Path) -> None:
    for gold, a in _cases(dev_dir):
        body = to_simplified(a.body)
        assert [s for s in gold["must_not_contain"] if to_simplified(s) in body] == [], gold["id"]
        assert a.spam == gold["spam"], gold["id"]
        assert a.paragraphs, gold["id"]


@pytest.mark.parametrize("name", ["dev-a010"])
def test_dev_injected_title_suffix_is_cut(dev_dir: Path, name: str) -> None:
    a = process_bytes((dev_dir / f"{name}.txt").read_bytes())
    assert a.title == "德阳国际铁路物流港重点项目全面封顶"
    assert "皇冠手机娱乐游戏平台" in a.spam_lines
