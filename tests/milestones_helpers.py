"""Helpers for the milestone tests: build an Article from text, score against gold with score.py.

The scorer is imported from ../shared/eval/score.py (never copied) so the tests
use exactly the matching rules the evaluation uses.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

from pipelines.milestones import extract_milestones
from pipelines.records import Article
from pipelines.script import to_simplified

ROOT = Path(__file__).resolve().parents[1]
SCORE_PY = ROOT.parent / "shared" / "eval" / "score.py"
DEV_DIR = ROOT.parent / "shared" / "eval" / "dev"

# Dev-loop pre-clean only (the real parser drops these): pinyin after characters.
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}\)")


def load_scorer() -> ModuleType | None:
    if not SCORE_PY.is_file():
        return None
    spec = importlib.util.spec_from_file_location("govwatch_eval_score", SCORE_PY)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    argv = sys.argv
    try:
        spec.loader.exec_module(mod)
    except SystemExit:  # no OpenCC binding: the scorer refuses to load
        return None
    finally:
        sys.argv = argv
    return mod


def article_from_text(text: str, published: str | None = None, title: str | None = None) -> Article:
    """An Article as the parser would give it, for text we wrote (or a dev dump, pre-cleaned)."""
    body = "\n".join(ln.strip() for ln in _PINYIN.sub("", text).splitlines() if ln.strip())
    return Article(
        title=title,
        title_simplified=to_simplified(title) if title else None,
        published=published,
        body=body,
        body_simplified=to_simplified(body),
    )


def predict(article: Article) -> list[dict]:
    milestones, _ = extract_milestones(article)
    return [m.to_dict() for m in milestones]


def score_dir(
    gold_dir: Path, scorer: ModuleType, *, verbose: bool = False, real_parser: bool = False
) -> dict:
    """Score the extractor on every NAME.txt/NAME.json in gold_dir, gold `published` given.

    Returns tp, n_gold, n_pred, f1, date and investment accuracy, as score.py computes them.
    """
    tp = n_gold = n_pred = 0
    date_ok = date_n = inv_ok = inv_n = 0
    lines = []
    for gf in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        txt = gf.with_suffix(".txt")
        if not txt.is_file():
            continue
        if real_parser:  # the whole path: decode, parse, clean, extract
            from pipelines.document import process_bytes

            art = process_bytes(txt.read_bytes())
        else:
            art = article_from_text(txt.read_text(encoding="utf-8"), gold.get("published"))
        pms = predict(art)
        gms = gold.get("milestones", [])
        pairs = scorer.match(gms, pms)
        tp += len(pairs)
        n_gold += len(gms)
        n_pred += len(pms)
        for g, p in pairs:
            if g.get("date"):
                date_n += 1
                ok = (p.get("date") or "") == g["date"]
                date_ok += ok
                if not ok:
                    lines.append(
                        f"  {gf.stem} DATE {g['project']} {g['type']} gold {g['date']} pred {p.get('date')}"
                    )
            if g.get("investment_cny"):
                inv_n += 1
                pv = p.get("investment_cny")
                ok = bool(pv) and abs(float(pv) - g["investment_cny"]) <= 0.01 * g["investment_cny"]
                inv_ok += ok
                if not ok:
                    lines.append(
                        f"  {gf.stem} INV {g['project']} gold {g['investment_cny']} pred {pv}"
                    )
        matched_g = {id(g) for g, _ in pairs}
        matched_p = {id(p) for _, p in pairs}
        for g in gms:
            if id(g) not in matched_g:
                lines.append(
                    f"  {gf.stem} missed   {g['type']}/{g['status']} {g['project']} | {g.get('evidence', '')}"
                )
        for p in pms:
            if id(p) not in matched_p:
                lines.append(
                    f"  {gf.stem} spurious {p['type']}/{p['status']} {p['project']} {p['date']}"
                )
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    if verbose:
        print("\n".join(lines))
        print(
            f"F1 {f1:.3f} P {prec:.3f} R {rec:.3f} tp {tp} gold {n_gold} pred {n_pred} "
            f"dates {date_ok}/{date_n} inv {inv_ok}/{inv_n}"
        )
    return {
        "tp": tp, "n_gold": n_gold, "n_pred": n_pred, "f1": f1, "precision": prec, "recall": rec,
        "date_acc": date_ok / date_n if date_n else 1.0,
        "inv_acc": inv_ok / inv_n if inv_n else 1.0,
        "lines": lines,
    }  # fmt: skip


if __name__ == "__main__":  # dev loop: python -m tests.milestones_helpers [DIR]
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    target = Path(args[0]) if args else DEV_DIR
    sc = load_scorer()
    assert sc, "score.py not found"
    score_dir(target, sc, verbose=True, real_parser="--real" in sys.argv)
