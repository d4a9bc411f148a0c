"""Scores on gold-annotated pages, with the evaluation's own matching rules (../shared/eval/score.py).

- the dev set (../shared/eval/dev, read in place, never copied): the extractor on
  its own (gold publication date, pinyin dropped) and the whole parse path;
- our test articles (tests/files/articles, other provinces, written for govwatch)
  and our milestone fixtures (tests/files/milestones): the unseen-style check
  that the rules generalise.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from milestones_helpers import DEV_DIR, load_scorer, score_dir

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def scorer():
    mod = load_scorer()
    if mod is None:
        pytest.skip("../shared/eval/score.py (with an OpenCC binding) is not beside the repo")
    return mod


def _report(result: dict) -> str:
    return "\n".join(result["lines"][:40])


def test_dev_set_extractor_alone(scorer):
    if not DEV_DIR.is_dir():
        pytest.skip("../shared/eval/dev is not beside the repo")
    r = score_dir(DEV_DIR, scorer)
    assert r["f1"] >= 0.95, _report(r)
    assert r["date_acc"] >= 0.95, _report(r)
    assert r["inv_acc"] >= 0.95, _report(r)


def test_dev_set_through_the_parser(scorer):
    if not DEV_DIR.is_dir():
        pytest.skip("../shared/eval/dev is not beside the repo")
    r = score_dir(DEV_DIR, scorer, real_parser=True)
    assert r["f1"] >= 0.95, _report(r)
    assert r["date_acc"] >= 0.95, _report(r)
    assert r["inv_acc"] >= 0.95, _report(r)


@pytest.mark.parametrize("folder", ["articles", "milestones"])
def test_our_articles_from_other_provinces(scorer, folder):
    gold_dir = HERE / "files" / folder
    if not any(gold_dir.glob("*.json")):
        pytest.skip(f"no gold articles in tests/files/{folder}")
    r = score_dir(gold_dir, scorer, real_parser=True)
    assert r["f1"] >= 0.90, _report(r)
