"""Near-duplicate indexing benchmark: generated articles with planted reprints.

    .venv/bin/python bench/dedup.py                # index at 10k and 100k, comparison, whole store at 10k
    .venv/bin/python bench/dedup.py --sizes 20000  # other sizes
    .venv/bin/python bench/dedup.py --no-compare --store-size 0   # the index figures only

Each run is a fresh child process, so peak RSS is that run's own. The index
figures are the store's own near-duplicate code (pipelines.dedup: exact hash,
one-permutation MinHash, signatures written to `article_minhash` in a SQLite
file, the in-memory LSH buckets, verification on the text); the whole-store
figure goes through `pipelines.store.save_articles` (article rows, full-text
index, representatives) for comparison. Articles are written from templates in the style of local-government news (our own sentences),
sharing many stock phrases so that different stories look alike the way real
ones do. About 10% of stories get one or two reprints, each with one or more
of: an added lead, an added credit line, the last paragraph cut, a trip
through Traditional script and back, re-flowed whitespace.

Targets (issue 5): <= 60 s and <= 1 GiB at 100k, flat per-article cost,
pairwise precision and recall >= 0.98 on the planted reprints.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "明华强伟芳娜敏静丽军杰涛超勇艳磊洋刚平辉鹏霞飞斌宇浩凯健俊帆峰"
BRAND = "恒顺盛泰华宏远鑫隆瑞达安丰昌源海天宝金中新东方长江明德诚信博晟嘉禾正大永利汇通"
INDUSTRY = [
    "新能源汽车零部件",
    "高端装备制造",
    "锂电池材料",
    "半导体封装测试",
    "生物医药",
    "智能家居",
    "光伏组件",
    "精密铸造",
    "食品加工",
    "冷链物流",
    "数据中心",
    "新型建材",
    "氢能装备",
    "轨道交通装备",
    "电子信息",
    "绿色化工",
    "航空零部件",
    "医疗器械",
    "纺织新材料",
    "储能电池",
]
KIND = ["生产基地", "产业园", "研发中心", "扩建", "技改", "智能工厂", "总部基地", "生产线"]
PLACE = [
    "经开区",
    "高新区",
    "新区",
    "工业园区",
    "综合保税区",
    "临港产业园",
    "城南片区",
    "北部新城",
    "东部园区",
    "滨江片区",
]
PHASE = ["", "", "", "一期", "二期", "三期"]

TEMPLATES = [
    "{md}上午，{place}举行{season}重大项目集中开工仪式，{proj}等{n}个项目集中开工，总投资{money}亿元。",
    "{proj}由{co}投资建设，总投资{money}亿元，占地约{area}亩，主要建设{ind}生产线及配套设施。",
    "项目建成后，预计可实现年产值{money2}亿元，年纳税{tax}亿元，新增就业岗位{jobs}个。",
    "{md}，{co}与{place}管委会正式签署投资协议，{proj}正式落户{place}。",
    "目前，{proj}主体结构已全面封顶，正在进行设备安装，预计{year}年{m}月竣工投产。",
    "{proj}于{md}取得施工许可证，实现拿地即开工，刷新了{place}项目建设的新速度。",
    "据悉，{proj}计划于{year}年底前建成投用，将进一步完善{place}{ind}产业链。",
    "{place}负责人表示，将持续优化营商环境，全力做好要素保障，推动项目早建成、早投产、早见效。",
    "今年以来，{place}坚持项目为王，新签约亿元以上项目{n}个，完成固定资产投资{money}亿元。",
    "活动现场，{person}宣布项目开工，{person2}介绍了{proj}的建设情况。",
    "{co}是一家专注于{ind}研发、生产和销售的高新技术企业，产品远销{n}个国家和地区。",
    "{proj}建设单位倒排工期、挂图作战，截至{md}已完成投资{money3}亿元，占年度计划的{pct}%。",
    "下一步，{place}将围绕{ind}等主导产业，强化招商引资，推动更多优质项目落地见效。",
    "{md}，记者在{proj}施工现场看到，塔吊林立，工人们正在紧张有序地进行钢结构吊装作业。",
    "{proj}一期工程已于{year}年{m}月投产，二期工程预计{year2}年{m2}月开工建设。",
    "据{person}介绍，项目采用数字化管理平台，施工效率比传统方式提高约{pct}%。",
    "{place}{ind}产业集群已集聚规模以上企业{n}家，{year}年实现产值{money2}亿元。",
    "会上，{person}强调，要牢固树立抓项目就是抓发展的理念，以项目建设的加速度推动高质量发展。",
]
# Sentences are also composed from parts, so two stories share stock phrases
# (as real ones do) without sharing whole paragraphs.
OPENERS = [
    "{md}",
    "{md}上午",
    "近日",
    "日前",
    "今年以来",
    "截至{md}",
    "{year}年{m}月",
    "连日来",
    "据了解",
    "记者获悉",
]
SUBJECTS = [
    "{place}", "{co}", "{proj}", "{place}管委会", "项目建设单位", "市发展改革委", "{place}招商部门",
    "{person}带领的项目专班", "{co}负责人{person}", "{place}重点项目办",
]  # fmt: skip
PREDICATES = [
    "完成投资{money3}亿元", "新增就业岗位{jobs}个", "主体结构全面封顶", "取得施工许可证",
    "签署投资协议", "举行开工仪式", "建成{n}条{ind}生产线", "引进{n}家上下游配套企业",
    "完成土地摊销{area}亩", "启动设备安装调试", "实现首台产品下线", "通过竣工验收",
    "新开工项目{n}个", "推进{n}个续建项目", "组织召开项目推进会", "协调解决问题{n}个",
    "完成厂房建设{area}平方米", "实现产值{money2}亿元", "入库税收{tax}亿元", "开展安全生产检查",
    "落实{ind}专项资金{money3}亿元", "帮助企业办理审批事项{n}项", "完成环评批复", "完成项目备案",
    "安装桩基{jobs}根", "浇筑混凝土{area}立方米", "投入施工人员{jobs}人", "投入机械设备{n}台套",
    "完成年度计划的{pct}%", "比计划提前{n}天", "实现当年签约当年开工", "聚焦{ind}延链补链",
]  # fmt: skip
TAILS = [
    "", "", "", "，为全年目标任务奠定了坚实基础", "，跑出了项目建设加速度", "，进一步壮大了{ind}产业集群",
    "，确保项目早日建成投产", "，项目建设驶入快车道", "，形成比学赶超的浓厚氛围", "，受到企业广泛好评",
    "，推动{place}高质量发展", "，全力冲刺{year}年目标",
]  # fmt: skip


def compose(rng: random.Random, slots: dict[str, object]) -> str:
    preds = "，".join(rng.sample(PREDICATES, rng.randint(1, 2)))
    parts = f"{rng.choice(OPENERS)}，{rng.choice(SUBJECTS)}{preds}{rng.choice(TAILS)}。"
    return parts.format(**slots)


LEADS = [
    "本报讯（记者 {person} 通讯员 {person2}）",
    "{place}讯（记者 {person}）",
    "【{place}融媒体中心讯】",
]
CREDITS = [
    "来源：{place}日报",
    "责任编辑：{person}",
    "（来源：{place}发布 编辑：{person2}）",
    "稿源：{place}融媒体中心",
]


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def _slots(rng: random.Random, proj: tuple[str, str, str, str]) -> dict[str, object]:
    co, ind, place, name = proj
    year = rng.randint(2021, 2026)
    return {
        "co": co, "ind": ind, "place": place, "proj": name,
        "md": f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日", "season": rng.choice("春夏秋冬"),
        "n": rng.randint(3, 60), "money": rng.randint(2, 300), "money2": rng.randint(5, 500),
        "money3": round(rng.uniform(0.5, 30), 1), "area": rng.randint(30, 900),
        "tax": round(rng.uniform(0.2, 9), 1), "jobs": rng.randint(100, 3000), "pct": rng.randint(10, 99),
        "year": year, "year2": year + 1, "m": rng.randint(1, 12), "m2": rng.randint(1, 12),
        "person": _name(rng), "person2": _name(rng),
    }  # fmt: skip


def make_projects(rng: random.Random, n: int) -> list[tuple[str, str, str, str]]:
    out = []
    for _ in range(n):
        co = "".join(rng.choice(BRAND) for _ in range(rng.randint(2, 3))) + rng.choice(
            ["科技", "集团", "新材料", "智能", "股份", "实业"]
        )
        ind, place = rng.choice(INDUSTRY), rng.choice(PLACE)
        out.append((co, ind, place, f"{co}{ind}{rng.choice(KIND)}{rng.choice(PHASE)}项目"))
    return out


def make_story(rng: random.Random, projects: list) -> list[str]:
    """Paragraphs of one story about one (often popular) project."""
    proj = projects[int(len(projects) * rng.random() ** 2)]  # a few projects get many stories
    slots = _slots(rng, proj)
    paras = [TEMPLATES[0].format(**slots) if rng.random() < 0.3 else compose(rng, slots)]
    for _ in range(rng.randint(2, 7)):
        sents = [
            rng.choice(TEMPLATES).format(**slots) if rng.random() < 0.2 else compose(rng, slots)
            for _ in range(rng.randint(1, 3))
        ]
        paras.append("".join(sents))
    return paras


def make_reprint(rng: random.Random, paras: list[str], s2t) -> str:
    paras = list(paras)
    slots = _slots(rng, ("某公司", "制造", rng.choice(PLACE), "某项目"))
    edits = rng.sample(["lead", "credit", "cut", "trad", "space"], rng.randint(1, 3))
    if "cut" in edits and len(paras) >= 3:
        paras = paras[:-1]
    if "lead" in edits:
        paras[0] = rng.choice(LEADS).format(**slots) + paras[0]
    if "credit" in edits:
        paras.append(rng.choice(CREDITS).format(**slots))
    text = "\n".join(paras)
    if "space" in edits:
        text = "\n\n".join("\u3000\u3000" + p for p in text.split("\n"))
    if "trad" in edits:
        text = s2t.convert(text)
    return text


def generate(n: int, seed: int = 7) -> list[tuple[str, int]]:
    """(text as a site prints it, truth story id) for n articles, shuffled."""
    import opencc

    s2t = opencc.OpenCC("s2t")
    rng = random.Random(seed)
    projects = make_projects(rng, max(50, n // 5))
    out: list[tuple[str, int]] = []
    story = 0
    while len(out) < n:
        paras = make_story(rng, projects)
        out.append(("\n".join(paras), story))
        if rng.random() < 0.10:
            for _ in range(rng.randint(1, 2)):
                out.append((make_reprint(rng, paras, s2t), story))
        story += 1
    out = out[:n]
    rng.shuffle(out)
    return out


def pair_scores(pred: list[int], truth: list[int]) -> tuple[float, float, int]:
    """Pairwise precision and recall of predicted clusters against the planted stories."""

    def pairs(counter: Counter) -> int:
        return sum(c * (c - 1) // 2 for c in counter.values())

    both = pairs(Counter(zip(pred, truth, strict=True)))
    p_pairs, t_pairs = pairs(Counter(pred)), pairs(Counter(truth))
    return (both / p_pairs if p_pairs else 1.0), (both / t_pairs if t_pairs else 1.0), t_pairs


def _to_simplified_bodies(items: list[tuple[str, int]]) -> list[str]:
    """What the parsers hand the store: body_simplified (script folded, lines stripped)."""
    from pipelines.script import to_simplified

    return [
        "\n".join(ln.strip() for ln in to_simplified(t).split("\n") if ln.strip()) for t, _ in items
    ]


def run_index(n: int) -> dict[str, float]:
    """Child process: the store's near-duplicate index (pipelines.dedup.sketch, LshIndex with
    signatures in SQLite, is_reprint) over n articles; texts held in memory, as the store
    would read them from `articles`."""
    from pipelines.dedup import LshIndex, is_reprint, shingle_hashes, similarity, sketch, text_hash
    from pipelines.store import open_db

    items = generate(n)
    bodies = _to_simplified_bodies(items)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "bench.db")
        conn = db.conn
        conn.execute("PRAGMA foreign_keys = OFF")  # index rows only: no article rows here
        index = LshIndex(conn)
        exact: dict[str, int] = {}
        pred: list[int] = []
        marks: dict[int, float] = {}
        cpu_marks: dict[int, float] = {}
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        t0 = time.perf_counter()
        c0 = time.process_time()
        for start in range(0, n, 1000):
            conn.execute("BEGIN")
            for i in range(start, min(n, start + 1000)):
                body = bodies[i]
                h, sig, keys = sketch(body)
                cluster = exact.get(text_hash(body) or "")
                if cluster is None and sig is not None:
                    best = None
                    for j in index.candidates(sig, keys):
                        hj = shingle_hashes(bodies[j])  # as the store does: from the text
                        if is_reprint(body, bodies[j], h, hj):
                            jac = similarity(h, hj)[0]
                            if best is None or jac > best[0]:
                                best = (jac, pred[j])
                    cluster = best[1] if best else None
                if sig is not None:
                    index.add(i, sig, keys)
                pred.append(i if cluster is None else cluster)
                exact.setdefault(text_hash(body) or "", pred[-1])
            conn.execute("COMMIT")
            if (start + 1000) % 10000 == 0 or start + 1000 >= n:
                marks[min(n, start + 1000)] = time.perf_counter() - t0
                cpu_marks[min(n, start + 1000)] = time.process_time() - c0
                print(f"  .. {min(n, start + 1000):,} articles, {marks[min(n, start + 1000)]:.1f} s",
                      file=sys.stderr, flush=True)  # fmt: skip
        elapsed = time.perf_counter() - t0
        cpu = time.process_time() - c0
        db.close()
    prec, rec, t_pairs = pair_scores(pred, [s for _, s in items])
    last_10k = elapsed - marks.get(n - 10000, 0.0) if n > 10000 else elapsed
    last_10k_cpu = cpu - cpu_marks.get(n - 10000, 0.0) if n > 10000 else cpu
    return {
        "n": n, "seconds": elapsed, "cpu_seconds": cpu, "ms_per_article": elapsed / n * 1000,
        "cpu_ms_per_article": cpu / n * 1000, "cpu_ms_last_10k": last_10k_cpu / min(n, 10000) * 1000,
        "first_10k_cpu_ms": cpu_marks.get(min(n, 10000), cpu) / min(n, 10000) * 1000,
        "rss_before_mib": rss_before,
        "ms_per_article_last_10k": last_10k / min(n, 10000) * 1000,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "precision": prec, "recall": rec, "planted_pairs": t_pairs,
    }  # fmt: skip


def run_store(n: int) -> dict[str, float]:
    """Child process: index n articles through the real store; report figures as JSON."""
    from pipelines.records import Article
    from pipelines.store import open_db, save_articles

    items = generate(n)
    bodies = _to_simplified_bodies(items)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "bench.db")
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t0 = time.perf_counter()
        c0 = time.process_time()
        marks = {}
        ids = []
        for start in range(0, n, 10000):
            arts = [
                Article(url=f"http://bench.example/{i}.htm", title=f"t{i}", body=body,
                        body_simplified=body, published="2024-01-01")
                for i, body in enumerate(bodies[start : start + 10000], start)
            ]  # fmt: skip
            ids.extend(save_articles(db, arts, source="bench"))
            marks[len(ids)] = time.perf_counter() - t0
            print(
                f"  .. {len(ids):,} articles, {marks[len(ids)]:.1f} s", file=sys.stderr, flush=True
            )
        elapsed = time.perf_counter() - t0
        cpu = time.process_time() - c0
        cluster = dict(db.execute("SELECT id, cluster_id FROM articles").fetchall())
        pred = [cluster[i] for i in ids]
        db.close()
    prec, rec, t_pairs = pair_scores(pred, [s for _, s in items])
    last_10k = elapsed - marks.get(n - 10000, 0.0) if n > 10000 else elapsed
    return {
        "n": n, "seconds": elapsed, "cpu_seconds": cpu, "ms_per_article": elapsed / n * 1000,
        "ms_per_article_last_10k": last_10k / min(n, 10000) * 1000,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_before_mib": rss0 / 1024, "precision": prec, "recall": rec, "planted_pairs": t_pairs,
    }  # fmt: skip


def run_compare(n: int) -> list[dict[str, float]]:
    """Child process: datasketch MinHash LSH vs SimHash vs our one-permutation MinHash, in memory."""
    import numpy as np
    from datasketch import MinHash, MinHashLSH

    from pipelines.dedup import (
        SHINGLE,
        band_keys,
        is_reprint,
        normalize_text,
        shingle_hashes,
        signature,
    )

    items = generate(n)
    bodies = _to_simplified_bodies(items)
    truth = [s for _, s in items]
    results = []

    def cluster_with(candidates_of, name: str, prep_seconds: float) -> None:
        t0 = time.perf_counter()
        pred: list[int] = []
        for i in range(n):
            found = None
            for j in candidates_of(i):
                if j < i and is_reprint(bodies[i], bodies[j], hs[i], hs[j]):
                    found = pred[j]
                    break
            pred.append(found if found is not None else i)
        p, r, _ = pair_scores(pred, truth)
        results.append({"method": name, "n": n, "signature_ms": prep_seconds / n * 1000,
                        "cluster_s": time.perf_counter() - t0, "precision": p, "recall": r})  # fmt: skip

    hs = [shingle_hashes(b) for b in bodies]

    # datasketch: 128 permutations, LSH at the same 0.5 threshold.
    t0 = time.perf_counter()
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    for i, b in enumerate(bodies):
        norm = normalize_text(b)
        m = MinHash(num_perm=128)
        m.update_batch([norm[k : k + SHINGLE].encode() for k in range(len(norm) - SHINGLE + 1)])
        lsh.insert(i, m)
    ds_prep = time.perf_counter() - t0

    def ds_cands(i: int, _lsh=lsh, _bodies=bodies):
        norm = normalize_text(_bodies[i])
        m = MinHash(num_perm=128)
        m.update_batch([norm[k : k + SHINGLE].encode() for k in range(len(norm) - SHINGLE + 1)])
        return sorted(_lsh.query(m))

    cluster_with(ds_cands, "datasketch MinHash(128)+MinHashLSH", ds_prep)

    # SimHash, 64 bits over the same shingle hashes; candidates within Hamming 3
    # (pigeonhole: 4 blocks of 16 bits, one must match exactly).
    t0 = time.perf_counter()
    sims = []
    for h in hs:
        bits = np.unpackbits(h.view(np.uint8).reshape(-1, 8), axis=1, bitorder="little")
        sims.append(
            int(
                np.packbits((bits.sum(0) * 2 > len(h)).astype(np.uint8), bitorder="little").view(
                    np.uint64
                )[0]
            )
        )
    tables: list[dict[int, list[int]]] = [{} for _ in range(4)]
    for i, s in enumerate(sims):
        for t in range(4):
            tables[t].setdefault((s >> (16 * t)) & 0xFFFF, []).append(i)
    sim_prep = time.perf_counter() - t0

    def sim_cands(i: int):
        s = sims[i]
        cands = {j for t in range(4) for j in tables[t].get((s >> (16 * t)) & 0xFFFF, ())}
        return sorted(j for j in cands if bin(s ^ sims[j]).count("1") <= 3)

    cluster_with(sim_cands, "SimHash(64, Hamming<=3)", sim_prep)

    # Ours: one-permutation MinHash, 32 bands x 4 rows.
    t0 = time.perf_counter()
    buckets: dict[int, list[int]] = {}
    keys = []
    for h in hs:
        sig = signature(h)
        keys.append(band_keys(sig) if sig is not None else [])
    for i, ks in enumerate(keys):
        for k in ks:
            buckets.setdefault(k, []).append(i)
    own_prep = time.perf_counter() - t0

    def own_cands(i: int):
        c = Counter(j for k in keys[i] for j in buckets[k])
        return [j for j, _ in c.most_common(20)]

    cluster_with(own_cands, "one-permutation MinHash(128 bins, 32x4 bands)", own_prep)
    return results


def _child(kind: str, n: int) -> dict | list:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(n)],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    ap.add_argument("--no-compare", action="store_true")
    ap.add_argument("--compare-size", type=int, default=10000)
    ap.add_argument("--store-size", type=int, default=10000, help="0: skip the whole-store run")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        kind, n = args.child[0], int(args.child[1])
        run = {"store": run_store, "index": run_index, "compare": run_compare}[kind]
        print(json.dumps(run(n)))
        return
    if not args.no_compare:
        print(
            f"== method comparison at {args.compare_size:,} articles (in memory, same verification)"
        )
        for r in _child("compare", args.compare_size):
            print(f"{r['method']:<48} signature {r['signature_ms']:.3f} ms/article  "
                  f"cluster {r['cluster_s']:.1f} s  P {r['precision']:.4f}  R {r['recall']:.4f}")  # fmt: skip
    print(
        "== near-duplicate index (MinHash, signatures in SQLite, LSH buckets in memory, verification)"
    )
    rows = []
    for n in args.sizes:
        r = _child("index", n)
        rows.append(r)
        print(f"{n:>7,} articles: {r['seconds']:.1f} s wall, {r['cpu_seconds']:.1f} s CPU; "
              f"CPU per article {r['first_10k_cpu_ms']:.3f} ms (first 10k) -> {r['cpu_ms_last_10k']:.3f} ms "
              f"(last 10k); peak RSS {r['peak_rss_mib']:.0f} MiB ({r['rss_before_mib']:.0f} MiB of it "
              f"the generated texts); P {r['precision']:.4f} R {r['recall']:.4f} over "
              f"{r['planted_pairs']:,} planted pairs")  # fmt: skip
    if len(rows) >= 2:
        print(f"CPU per article, {rows[-1]['n']:,} vs {rows[0]['n']:,}: "
              f"{rows[-1]['cpu_ms_per_article'] / rows[0]['cpu_ms_per_article']:.2f}x overall, "
              f"{rows[-1]['cpu_ms_last_10k'] / rows[0]['cpu_ms_per_article']:.2f}x for the last 10k")  # fmt: skip
    if args.store_size:
        print(
            "== whole store path (save_articles: article rows, URL and exact keys, index, representatives)"
        )
        r = _child("store", args.store_size)
        print(f"{r['n']:>7,} articles: {r['seconds']:.1f} s wall ({r['cpu_seconds']:.1f} s CPU), {r['ms_per_article']:.3f} ms/article, "
              f"peak RSS {r['peak_rss_mib']:.0f} MiB, P {r['precision']:.4f} R {r['recall']:.4f}")  # fmt: skip


if __name__ == "__main__":
    main()
