"""Project milestones from a cleaned article: who reached which milestone, when, for how much.

Rule-based on purpose. Local-government news states milestones in a small set
of patterns (a named project, a trigger verb, a status marker, a date), and
the failure modes that matter (aggregates read as milestones, a district total
read as a project's investment, "建成后" read as a completion) are easier to
keep out with explicit rules than with a statistical tagger.

Libraries weighed (all installed, all offline):
- jieba POS for name boundaries: 1.4 s to initialise and ~12 ms an article for
  `posseg` (the whole extraction here takes ~1.5 ms), and its tags put verbs
  inside names ("哈汽/j 重燃/v … 生产/vn 制造/v 基地/n") so verbs cannot be
  boundaries; names are cut at the words of pipelines/vocab_milestones.py instead.
- jionlp parse_time/parse_money: right answers, but 0.7 s to import and it
  prints a banner on stdout, which would corrupt `govwatch parse --json`;
  pipelines/dates.py and pipelines/money.py cover the grammar we meet.
- cn2an: only Chinese numerals were needed ("两亿元", "十二月"): a dozen lines
  in money.py/dates.py, no dependency.

How a sentence is read:
1. sentences split at 。！？； and clauses at ，：;
2. triggers (vocab TRIGGERS) found and filtered (noun uses, slogans, conditions);
3. project names found: lists ("A、B、C等8个项目") and single names ending in a
   project head ("…产业园项目", "…基地"), parts ("一期", "C号厂房") composed with
   the project in focus, abbreviations ("以下简称“哈汽项目”") resolved; a name must
   have a proper part (not only generic words of building with counts: "一半生产线",
   "厂房和公辅工程"), hold no verb or date ("到主厂房", "5月17日项目"), and a phase
   with a generic building ("一期主厂房") is that phase of the project in focus;
4. each trigger takes the names of its clause, else of the clause before it in
   the sentence, else the project in focus when the text points back to it
   ("该项目", "项目于…", a clause with no subject);
5. status from the markers before the trigger, date from the nearest date
   before it (resolved against the publication date), investment from "总投资X
   亿元" bound to its project;
6. undated milestones reported with the article's event ("9月12日，…集中签约
   活动举行。签约项目包括：…") take the event's date; "当天/此次/同日" too;
7. one milestone per project/type/status, dated with the latest date; short
   forms ("索普醋酸乙烯", "哈汽项目") resolved to the full name in the text.
"""

from __future__ import annotations

import bisect
import re
import re._constants as _sc  # regex internals, only to compute first-character guards
import re._parser as _sp
from dataclasses import dataclass, field
from functools import lru_cache

from pipelines import vocab_milestones as V
from pipelines.dates import (
    SAME_DAY_WORDS,
    DateMention,
    explicit_year,
    find_dates,
    later,
    parse_published,
)
from pipelines.money import find_money
from pipelines.records import Article, Milestone, Stat


def _first_chars(items) -> tuple[set[str] | None, bool]:
    """The characters a parsed regex can start with, and whether it can match empty."""
    out: set[str] = set()
    for op, av in items:
        chars, nullable = _first_chars_op(op, av)
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_chars_op(op, av) -> tuple[set[str] | None, bool]:
    if op is _sc.LITERAL:
        return {chr(av)}, False
    if op is _sc.IN:
        chars = set()
        for o, a in av:
            if o is _sc.LITERAL:
                chars.add(chr(a))
            elif o is _sc.RANGE:
                chars |= {chr(x) for x in range(a[0], a[1] + 1)}
            else:
                return None, False
        return chars, False
    if op is _sc.SUBPATTERN:
        return _first_chars(av[3])
    if op is _sc.BRANCH:
        out, nullable = set(), False
        for branch in av[1]:
            chars, n = _first_chars(branch)
            if chars is None:
                return None, False
            out |= chars
            nullable |= n
        return out, nullable
    if op in (_sc.MAX_REPEAT, _sc.MIN_REPEAT):
        low, _, sub = av
        chars, n = _first_chars(sub)
        return chars, (chars is not None and (low == 0 or n))
    if op in (_sc.ASSERT, _sc.ASSERT_NOT, _sc.AT):
        return set(), True
    return None, False


def _first_char_guard(pattern: str) -> str:
    """A lookahead on the characters `pattern` can start with: the regex engine then skips
    most positions of a sentence at once (a 3x speed-up on the trigger alternation)."""
    try:
        chars, nullable = _first_chars(list(_sp.parse(pattern)))
    except Exception:
        return ""
    if not chars or nullable:
        return ""
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"


# Work is linear in the text, but a runaway page (1 MB of junk) is cut here:
# real articles are a few thousand characters.
MAX_CHARS = 100_000
MAX_SENTENCE = 600  # a "sentence" longer than this is junk without punctuation: chopped
MAX_TRIGGERS = 24  # per sentence; more is junk (a page of "开工开工…")
MAX_ITEMS = 40  # per enumeration; more is junk

# Pinyin annotations a parser may have left ("镇(zhèn)江"): dropped defensively.
_PINYIN_RE = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}\)", re.I)
# Sentence ends. "；" ends a sentence too: news lists use it between unrelated items.
_SENT_RE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
# Clause separators inside a sentence (not "、": that separates list items).
_CLAUSE_SEP = "，,：:"
# "(以下简称“哈汽项目”)": an abbreviation defined in the text.
_ABBREV_RE = re.compile(
    r"[（(](?:以下简称|下称|简称|以下称)[“\"「]?([^”\"」）)]{2,16})[”\"」]?[）)]"
)
# "2月12日" style day-precision dates count as the event's date for "当天"/"此次".
_EVENT_WORDS = (*SAME_DAY_WORDS, "此次", "这次", "本次", "会上", "仪式上", "活动上")
# "同时开工的还有…", "同步签约": the same event, when written right before the trigger.
_SAME_EVENT_RE = re.compile(r"(?:同时|同步|一同|一并)(?:集中)?$")
# Money announced as the project's investment: "总投资9.5亿元", "投资总额达128亿元".
_INVEST_BEFORE_RE = re.compile(
    r"(?:计划总投资额?|总投资额?|投资总额|协议投资额?|计划投资|总投入|投资额?|投入)"
    r"(?:为|达到|达|约为|约|超过|超|近|逾|共|合计)?\s*$"
)
# A count of things: "8个", "两个".
_COUNT_RE = re.compile(V.COUNT_RE)
# Money spent so far or this year, not the project's total ("已完成投资12亿元").
_PROGRESS_RE = re.compile(
    r"(?:完成|累计|已|年度|年计划|当年|今年|实际|到位|预计完成|计划完成|占)(?:固定资产|有效)?投资[额达为约超近]*\s*$"
)
# The words of a total (outranks a bare "投资", which may be a phase's or a share).
_TOTAL_RE = re.compile(r"总投资|投资总额|计划总投资|协议投资")
# A count of projects: "12个新建项目", "项目8个", "新开工项目107个".
_AGGREGATE_RE = re.compile(
    rf"{V.COUNT_RE}[^，。；、]{{0,14}}?(?:项目|工程)|(?:项目|工程)\s*{V.COUNT_RE}"
    rf"|(?:开工|签约|投产|竣工|落地|开复工)\s*{V.COUNT_RE}"
    r"|开工率|投产率|签约率|全部开工|均已开工|全部实现|开复工"
)
# A year, an amount or a count inside a candidate: a sentence fragment, not a name.
_YEAR_IN_NAME_RE = re.compile(r"(?:19|20)\d{2}年|\d+(?:\.\d+)?(?:亿|万元)|\d+个")
# A day or month inside a candidate ("5月17日项目取得…"): the date of a clause, not a name.
_DATE_IN_NAME_RE = re.compile(r"\d{1,2}月(?:\d{1,2}[日号])?|\d{1,2}[日]|[上中下]旬|月底|年底|年初")
# Verbs and function words a name cannot hold (vocabulary NOT_NAME_PATTERNS).
_NOT_NAME_VERB_RE = re.compile("|".join(V.NOT_NAME_PATTERNS))
# Counts, shares and measures opening a candidate: "一半生产线", "第一条…", "8兆瓦…电站".
_QUANTIFIER_START_RE = re.compile(rf"^{V.QUANTIFIER_RE}")
_MEASURE_START_RE = re.compile(V.MEASURE_START_RE)
# What is dropped before asking whether a name is only generic words: counts, phases,
# numbers ("1号", "2#", "A座").
_GENERIC_NOISE_RE = re.compile(
    rf"{V.QUANTIFIER_RE}|[一二三四五六七八九十\d]+期|[A-Z\d一二三四五六七八九十]+[号#座栋]|[、和及与]"
)
_GENERIC_WORDS = frozenset(V.GENERIC_NAME_WORDS)
_GENERIC_MAXLEN = max(map(len, V.GENERIC_NAME_WORDS))
# Conjunctions inside a candidate: "厂房和公辅工程" is two generic things, not a name.
_CONJ_RE = re.compile(r"以及|和|及|与")
# Kinds of industry joined: "新兴产业和工业项目", "制造业及服务业项目".
_KINDS_RE = re.compile(
    r"^[^，。]{0,6}(?:产业|行业|企业|业|经济)(?:和|及|与)[^，。]{0,6}(?:项目|工程)$"
)
# Category words before 项目/工程 ("重点项目", "新建项目"): with little before them, generic.
_GENERIC_TAIL_RE = re.compile(
    r"(?:重点|重大|新建|续建|签约|招商引资|招商|在建|优质|民生|代表性|关联|新兴|产业类|工业类|工程类"
    r"|基础设施|城镇基础设施|新型基础设施|好|大|新|一批|这些|上述|其他|其它|各类|所有)"
    r"(?:产业)?(?:项目|工程)$"
)
_CATEGORY_PREFIX_RE = re.compile(V.CATEGORY_PREFIX_RE)  # see the vocabulary
# Parts and phases ("一期", "地块二", "C号厂房"): anywhere, at a clause start, at a
# name's end, or as what a longer name adds to a shorter one ("…项目一期").
_PART_RE = re.compile(V.PART_RE)
_PART_AT_START_RE = re.compile(rf"^{V.PART_RE}")
_PART_TAIL_RE = re.compile(rf"{V.PART_RE}$")
_REMAINDER_PART_RE = re.compile(rf"(?:项目|工程)?{V.PART_RE}")
# A building or plot (not a phase) at a name's end.
_SITE_PART_TAIL_RE = re.compile(
    r"(?:[A-Z\d一二三四五六七八九十]+号[\u4e00-\u9fff]{0,3}(?:厂房|楼|车间|地块|中心|仓库|库|馆|厂区|机组|泊位)"
    r"|地块[一二三四五六七八九十\d]+)$"
)
# A building of a project written after the project's name: "…项目主厂房",
# "…项目一期主厂房", "…项目1号联合厂房". The name is the building's; the project in
# focus, and the name its other mentions resolve to, is the parent's.
_BUILDING_TAIL = (
    r"(?:[（(]?[一二三四五六七八九十\d]+期[）)]?)?(?:[A-Z\d一二三四五六七八九十]+号)?"
    r"[\u4e00-\u9fff]{0,4}?(?:厂房|车间|楼|仓库|机房|厂区|生产线|产线)"
)
_BUILDING_TAIL_RE = re.compile(rf"(?<=项目|工程){_BUILDING_TAIL}$")
_REMAINDER_BUILDING_RE = re.compile(rf"(?:项目|工程)?{_BUILDING_TAIL}$")
# A phase opening a candidate, maybe after "项目"/"该项目": "一期主厂房", "项目二期6条生产线".
_LEAD_PHASE_RE = re.compile(
    r"^(?:该|此|本)?(?:项目|工程)?([一二三四五六七八九十\d]+期)(?!项目$|工程$)(?=[\u4e00-\u9fff\d])"
)
# What may follow a phase in a name that is only that phase: "二期厂房", "一期工程".
_GENERIC_PART_HEADS = {"厂房", "车间", "厂区", "主体", "工程", "项目", "建设", "园区"}
# Quotes inside a name are dropped: "“…压铸项目”（一期）".
_INNER_QUOTES_RE = re.compile(r"[“”\"‘’]")
_SUFFIX_ALT = (
    "(?:"
    + "|".join(
        [*sorted(map(re.escape, V.NAME_SUFFIXES), key=len, reverse=True), *V.NAME_SUFFIX_PATTERNS]
    )
    + ")"
)
# A head, then maybe a part, maybe after a closing quote: "“…压铸项目”（一期）".
_SUFFIX_RE = re.compile(_first_char_guard(_SUFFIX_ALT) + _SUFFIX_ALT + rf"(?:[”\"’]?{V.PART_RE})?")
# Only a head and a phase: "产业园二期项目", "园区一期".
_HEAD_PART_RE = re.compile(rf"{_SUFFIX_ALT}((?:[一二三四五六七八九十\d]+期)(?:项目|工程)?)")
# A company as the project's only name ("哈尔滨某某科技开发有限责任公司…领到施工许可证").
_COMPANY_RE = re.compile(r"(?:股份有限公司|有限责任公司|集团有限公司|有限公司)")
# "建设年产10GW…生产线", "新建3条…": what follows is what a project builds, not its name.
_BUILD_OBJECT_CUT = (
    r"(?:规划|将|拟|主要|计划|配套|同步|重点)?(?:建设|新建|扩建|打造)(?!项目|工程|中|的|指挥部)"
)
# Where a name may begin: after a cut word (vocabulary) or a construction verb.
_CUT_RE = re.compile(
    "|".join(sorted(map(re.escape, V.LEFT_CUT_WORDS), key=len, reverse=True))
    + "|在(?!线)|为(?!民)|"
    + "|".join(V.LEFT_CUT_PATTERNS)
    + "|"
    + _BUILD_OBJECT_CUT
)
# A construction verb before a name in its clause makes the name an object.
_BUILD_VERB_RE = re.compile(r"建设|新建|扩建|打造|配建|建成|布局")
# "拟投资45亿元在高新区建设X项目": a deal's money builds a project of its own, so the
# "…项目" after the build verb is a name (not a line or building the project makes).
_INVEST_TO_BUILD_RE = re.compile(r"投资[^，。；]{0,24}$")
# "签署《投资协议书》，拟投资45亿元在高新区建设X项目": the clause after a signing that
# opens with the deal's money and a build verb names the deal's project.
_DEAL_OBJECT_LEAD_RE = re.compile(r"(?:拟|将|计划)?(?:总)?投资[^，。；]{0,24}?(?:建设|新建|扩建|打造)")
# A name that starts with a count ("4条…生产线", "5栋标准化厂房") or an output
# ("年产…生产线") describes what is built; only "年产…项目" is a project's name.
_DESCRIPTION_RE = re.compile(
    r"^(?:[\d一二三四五六七八九十两余]+(?:条|栋|座|幢|个|套|台|处|家)|其余|剩余|年产(?!.*(?:项目|工程)$))"
)
# Adverbs, connectives and list numbers that open a clause but never a name.
_CLAUSE_START_RE = re.compile(
    "^(?:"
    + "|".join(
        [
            *sorted(map(re.escape, V.CLAUSE_START_WORDS), key=len, reverse=True),
            *V.CLAUSE_START_PATTERNS,
        ]
    )
    + ")+"
)
# All triggers in one alternation, in vocabulary order: at one position the
# compound ("竣工投产") is tried before its parts ("竣工").
_TRIGGER_RE = re.compile(
    _first_char_guard("|".join(f"(?:{p})" for p, _ in V.TRIGGERS))
    + "(?:"
    + "|".join(f"(?P<t{i}>{p})" for i, (p, _) in enumerate(V.TRIGGERS))
    + ")"
)
_TRIGGER_TYPES = {f"t{i}": types for i, (_, types) in enumerate(V.TRIGGERS)}
# Words that show a candidate is a fragment of a sentence, not a name (vocabulary).
_NOT_NAME_RE = re.compile("|".join(map(re.escape, V.NOT_NAME_WORDS)))
# The end of the last list item: "等", a status marker, a count, a verb of place.
_LIST_END_RE = re.compile(
    rf"等|{V.COUNT_RE}|已经|已|将|计划|预计|拟|正在|相继|均|全部|陆续|先后|实现|顺利|正式|亦|也"
    r"|在[^，。、]{0,8}(?:集中|举行|开工)|作为|纳入|列入|落户|项目现场|现场|施工现场"
)
# What may follow a name's head (other than 项目/工程) when the name really ends there.
_HEAD_FOLLOW_OK = set(
    "，,。；;：:、）)”》 \n等和及与已将正于在计预拟顺目今去近日项工一二三四五六七八九十年月由的是也亦均全并"
    "总占位规作自从（(主共约实获取完通启迎进举开投签落竣封动破达满试"
)
# A status word or a date right after the head of a place that is a project of its own:
# "…医院力争6月底前投入使用", "…管道9月建成". Not after a building or a line ("标准厂房
# 2万平方米", "首批6栋厂房力争年底封顶" are parts of a project).
_STATUS_FOLLOW_RE = re.compile(r"力争|确保|有望|争取|即将|\d{1,4}(?:年|月|日)")
_BUILDING_HEADS = ("厂房", "产线", "生产线", "工厂", "大楼", "大厦")
# Quotes and brackets stripped from a name's ends.
_QUOTES = "“”\"‘’'「」『』《》【】 \u3000"


@dataclass
class _Name:
    start: int
    end: int
    name: str
    kind: str  # "single" | "list" | "part" | "company"
    group: int = -1  # list id: the members of one enumeration
    raw_start: int = -1  # where the item's text began before cutting (investment prefix)


@dataclass
class _Trigger:
    start: int
    end: int
    types: tuple[str, ...]
    text: str


@dataclass
class _Found:
    project: str
    type: str
    status: str
    date: str | None
    evidence: str
    order: int


@dataclass
class _State:
    pub: tuple[int, int, int] | None
    topic: str | None = None  # the project in focus (last single name)
    topic_age: int = 99  # sentences since the focus was named
    event_date: str | None = None  # last day-precision date: "当天", "此次"
    abbrevs: dict[str, str] = field(default_factory=dict)
    # normalised name -> (priority, yuan): an explicit binding beats one through anaphora
    invest: dict[str, tuple[float, int]] = field(default_factory=dict)
    names_seen: list[str] = field(default_factory=list)
    found: list[_Found] = field(default_factory=list)
    prev_sentence: tuple[list[_Trigger], str, str | None] | None = None  # for "其中,…"
    prev_semicolon: bool = False
    prev_intro: bool = False  # the sentence before ends with "如下：", "包括：": items follow
    para: int = 0  # paragraph of the sentence being read
    # the article's event: the first dated sentence with a trigger ("2月25日，…签约暨开工活动")
    event: tuple[str, set[str], int] | None = None


# --- small helpers -------------------------------------------------------------


# What score.py drops before comparing names: spaces, quotes, brackets, punctuation.
_NORM_PUNCT_RE = re.compile(r"[\s\"'“”‘’「」『』《》〈〉()（）\[\]【】,，.。、:：;；!！?？·\-—_/]+")
# Negation between a name and its trigger: "尚未开工" is no start.
# Before a trigger in its clause: it did not happen ("尚未动工"), or was only the old plan
# ("原定7月开工，但…暂缓实施").
_NEGATION_RE = re.compile(r"未|没有|尚未|不能|无法|原定")
# "已有15家激光企业签约入驻": firms counted signing into a park, not the park's own deal.
_FIRMS_COUNTED_RE = re.compile(r"(?:\d+|[一二三四五六七八九十百两多]+)家[^，。；]{0,8}$")
_NON_CJK_RE = re.compile(r"[^\u4e00-\u9fff]")


@lru_cache(maxsize=8192)
def norm_name(name: str) -> str:
    """The key two mentions of one project share: no punctuation, no trailing 项目 (as score.py)."""
    s = _NORM_PUNCT_RE.sub("", name)
    return s[:-2] if s.endswith("项目") else s


# A dateline and byline before the first sentence ("本报讯（记者 郭丽 通讯员 牛建）"): the
# name starts after it. Only a bracket naming reporters, so "中国（南宁）…" stays whole.
_BYLINE_PREFIX_RE = re.compile(r"^[^（(]{0,12}[（(][^（()）]*(?:记者|通讯员|见习)[^（()）]*[)）]")


@lru_cache(maxsize=8192)
def _strip_name(s: str) -> str:
    s = s.strip(_QUOTES + "，,、：:；;")
    prev = None
    while prev != s:
        prev = s
        s = _CLAUSE_START_RE.sub("", s).strip(_QUOTES + "，,、：:")
        m = _CATEGORY_PREFIX_RE.match(s)
        if m and len(s) - m.end() >= 4:
            s = s[m.end() :].strip(_QUOTES)
    s = _BYLINE_PREFIX_RE.sub("", s)
    s = _INNER_QUOTES_RE.sub("", s)  # "“…压铸项目”（一期）" -> "…压铸项目（一期）"
    # a closing bracket with no opening one belongs to the text before the name
    while s and s[0] in ")）":
        s = s[1:]
    # "（记者 郭丽 通讯员 牛建）长治高新区…项目": everything up to an unmatched ")" is a
    # byline or an aside that ended before the name began
    depth, cut = 0, 0
    for i, ch in enumerate(s):
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth -= 1
            if depth < 0:
                depth, cut = 0, i + 1
    return s[cut:]


_PLACE_ONLY_RE = re.compile(r"^[\u4e00-\u9fff]{1,6}(?<!小)[市区县省镇乡村]$")
_ITEM_BAD_RE = re.compile(r"\d+(?:\.\d+)?\s*(?:亿|万)元|%|率|项目(?!$|[一二三四五六七八九十\d]+期)")


def _only_generic(text: str) -> bool:
    """True when `text` is made only of generic building/production words (vocabulary
    GENERIC_NAME_WORDS), counts, phases and numbers: "二期自建厂房", "数据中心机房"."""
    s = _GENERIC_NOISE_RE.sub("", _NORM_PUNCT_RE.sub("", text))
    if not s:
        return True
    # can s be cut into generic words? (dynamic programming over its prefixes)
    ok = [True] + [False] * len(s)
    for i in range(1, len(s) + 1):
        for j in range(max(0, i - _GENERIC_MAXLEN), i):
            if ok[j] and s[j:i] in _GENERIC_WORDS:
                ok[i] = True
                break
    return ok[len(s)]


def _has_proper_part(name: str) -> bool:
    """A name needs a proper part (a place, company or brand token, a distinctive product):
    not only generic nouns with counts, nor generic things joined by 和/及/与."""
    if _only_generic(name):
        return False
    parts = [p for p in _CONJ_RE.split(_NORM_PUNCT_RE.sub("", name)) if p]
    if len(parts) < 2 or _CONJ_RE.fullmatch(name[:1] or "x"):
        return True
    first, last = parts[0], parts[-1]
    if len(first) <= 1 or _only_generic(first):
        return False  # "线及研发中心", "厂房和公辅工程", "数据中心和中试厂房"
    # "轨道交通轴承和工程": a bare generic head at the end belongs to another noun
    return not (len(last) <= 2 and _only_generic(last))


@lru_cache(maxsize=8192)
def _is_good_name(name: str) -> bool:
    n = norm_name(name)
    if len(n) < 3 or len(name) > 48:
        return False
    head = _SUFFIX_RE.search(name)
    if head and head.end() == len(name) and head.start() < 2:
        return False  # only a head word ("科技城", "产业园项目")
    if name in V.GENERIC_NAMES or n in V.GENERIC_NAMES or n + "项目" in V.GENERIC_NAMES:
        return False
    if _GENERIC_TAIL_RE.search(name) and len(_GENERIC_TAIL_RE.sub("", name)) <= 6:
        return False
    if re.search(r"(?:重点|重大)(?:产业)?(?:项目|工程)$|类(?:项目|工程)$", name) or _KINDS_RE.match(
        name
    ):
        return False  # "德阳国际铁路物流港重点项目": a place's category
    if _PLACE_ONLY_RE.match(n) or re.search(r"[拼抓招引跑推促保干谋争]项目$", name):
        return False
    # "年产20GWh储能电池二期项目": the phase is cut before the check, the 项目 head is not
    if _DESCRIPTION_RE.match(_PART_TAIL_RE.sub("", name).rstrip('”"’')) and not (
        name.startswith("年产") and re.search(r"(?:项目|工程)$", name)
    ):
        return False
    if _YEAR_IN_NAME_RE.search(name) or _DATE_IN_NAME_RE.search(name):
        return False
    if _NOT_NAME_RE.search(name) or _NOT_NAME_VERB_RE.search(name):
        return False
    bare = _PART_TAIL_RE.sub("", name)
    if _QUANTIFIER_START_RE.match(bare) or (
        _MEASURE_START_RE.match(bare) and not bare.endswith(("项目", "工程"))
    ):
        return False  # "一半生产线", "部分发泡生产线", "8兆瓦分布式光伏电站"
    if not _has_proper_part(name):
        return False
    # all Latin/digits, or no Chinese at all: not a project name
    return bool(re.search(r"[\u4e00-\u9fff]{2}", name))


# The parties of a deal: "A与B", "A同B", "A和B" (the company is the last one).
_PARTY_SPLIT_RE = re.compile(r"与|同|和(?=[^和]*(?:有限公司|有限责任公司|集团)$)")
_BASED_ON_RE = re.compile(r"^(?:基于|面向|关于)")
# A name right after these is where a project is, not a project: "位于X产业园",
# "项目落户经开区电子信息产业园", "入驻X基地".
_LOCATION_BEFORE_RE = re.compile(r"(?:位于|坐落在|坐落于|地处)$")
# ... and where a project settles: "落户经开区电子信息产业园" (a park, not a project; but
# "新落户A、B等项目" lists projects, and "落户X项目" names one).
_SETTLE_BEFORE_RE = re.compile(r"(?:落户|落户于|落地|落地于|入驻|选址)$")
# A name after these in its clause is what a plant makes or serves, not a project:
# "产品主要用于航空发动机、医疗器械和海洋工程".
_USE_BEFORE_RE = re.compile(r"用于|应用于|适用于|服务于|主要生产|主要供应")
# A count or a share right after a candidate: it names a category ("…项目14个", "…项目占比").
_CATEGORY_AFTER_RE = re.compile(rf"\s*(?:{V.COUNT_RE}|占比|比重|数量|总数|均|合计|共计)")
# "X是…的Y基地(之一)": a description of a place, not a project.
_COPULA_DESCRIPTION_RE = re.compile(r"(?<![别其正就])是[^，。；、]{0,20}的$")  # not "特别是…的X"


def _left_cut(text: str, end: int, floor: int) -> int:
    """Where a name ending at `end` begins: after the last cut word or 的 between floor and end."""
    start = floor
    for m in _CUT_RE.finditer(text, floor):  # no endpos: lookaheads must see past `end`
        if m.end() > end:
            break
        if m.group() == "的":
            # "基于…的…项目": the 的 is inside the name
            seg = text[start : m.start()]
            if re.match(r"^(?:基于|面向|关于)", _CLAUSE_START_RE.sub("", seg)):
                continue
        if m.end() <= end:
            start = m.end()
    return start


def _cut_points(text: str, c0: int, c1: int) -> list[int]:
    """Every place in [c0, c1) where a name may begin (after a cut word), computed once per clause."""
    out: list[int] = []
    start = c0
    for m in _CUT_RE.finditer(text, c0):
        if m.end() > c1:
            break
        if m.group() == "的" and _BASED_ON_RE.match(
            _CLAUSE_START_RE.sub("", text[start : m.start()])
        ):
            continue  # "基于…的…项目": the 的 is inside the name
        out.append(m.end())
        start = m.end()
    return out


_CLAUSE_RE = re.compile(r"[^，,：:]+")


def _split_clauses(sent: str) -> list[tuple[int, int]]:
    if "(" not in sent and "（" not in sent:  # the common case, without a Python loop
        return [m.span() for m in _CLAUSE_RE.finditer(sent)]
    spans, start = [], 0
    depth = 0
    for i, ch in enumerate(sent):
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif ch in _CLAUSE_SEP and depth == 0:
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(sent)))
    return [(a, b) for a, b in spans if b > a]


# --- finders -----------------------------------------------------------------------


# "签约即服务、拿地即开工、竣工即投产": a slogan of the stages, not an event. Only a
# series of "X即Y" is one: "领证即开工" alone reports a start.
_SLOGAN_RE = re.compile(
    r"(?:[\u4e00-\u9fff]{2,3}即[\u4e00-\u9fff]{2,3}[”\"]?[、，,“\"\s]+)+[\u4e00-\u9fff]{2,3}即[\u4e00-\u9fff]{2,3}"
)


# A quoted motto named as a mechanism or a campaign: "深化“一月一签约、一季一开工”机制".
# Its stages are no events; a quoted project name ("“X项目”开工") is not followed by these.
_QUOTED_SLOGAN_RE = re.compile(
    r"“[^“”]{2,24}”(?=(?:工作)?(?:机制|模式|行动|理念|要求|活动|攻坚|竞赛|工作法|专项行动))"
)


# "建成达产后", "竣工投产后": a chain of stages, then "后", is a condition as a whole.
_CONDITION_CHAIN_RE = re.compile(
    r"(?:[并和及、]?(?:达产|投产|投用|投运|运营|竣工|建成|完工|达效))+后"
)


def _find_triggers(sent: str, dates: list[DateMention]) -> list[_Trigger]:
    out: list[_Trigger] = []
    slogans = [m.span() for m in _SLOGAN_RE.finditer(sent)] if "即" in sent else []
    if "“" in sent:
        slogans += [m.span() for m in _QUOTED_SLOGAN_RE.finditer(sent)]
    for m in _TRIGGER_RE.finditer(sent):
        # an excluded compound excludes its parts too: finditer resumes after it
        t = _Trigger(m.start(), m.end(), _TRIGGER_TYPES[m.lastgroup or ""], m.group())
        after = sent[t.end : t.end + 6]
        before = sent[max(0, t.start - 2) : t.start]
        if after.startswith(V.EXCLUDE_AFTER) or before.endswith(V.EXCLUDE_BEFORE):
            continue
        if any(a <= t.start < b for a, b in slogans):
            continue  # "签约即服务、拿地即开工": a slogan
        # "建成后将…" is a condition; "2026年10月建成后" is a dated plan
        if (
            after.startswith(V.CONDITIONAL_AFTER) or _CONDITION_CHAIN_RE.match(sent, t.end)
        ) and not any(0 <= t.start - d.end <= 2 for d in dates):
            continue
        out.append(t)
        if len(out) >= MAX_TRIGGERS:
            break
    return out


_EQUIPMENT_AFTER_DENG_RE = re.compile(V.EQUIPMENT_AFTER_DENG_RE)
# A verb of building or buying right before a list: its items are what is built.
_OBJECT_VERB_END_RE = re.compile(r"(?:建设|新建|扩建|配建|引进|引入|购置|采购|生产)$")


def _find_lists(sent: str, c0: int, c1: int, trigs: list[_Trigger], gid: int) -> list[_Name]:
    """Named items of an enumeration "A、B、C等…" inside clause [c0, c1)."""
    clause = sent[c0:c1]
    if "、" not in clause:
        return []
    segs = clause.split("、")
    if len(segs) > MAX_ITEMS:
        return []
    parts, pos = [], 0
    for seg in segs:
        parts.append((c0 + pos, c0 + pos + len(seg)))
        pos += len(seg) + 1
    # the first item starts after a trigger that introduces the list ("新开工A、B")
    first_s, first_e = parts[0]
    floor = first_s
    for t in trigs:
        if first_s <= t.end < first_e:
            floor = max(floor, t.end)
    items: list[tuple[int, int, int]] = []  # (raw_start, start, end)
    has_deng = False
    for k, (s, e) in enumerate(parts):
        raw = s
        if k == 0:
            s = floor
        # the list ends at "等", a status word, a count or a trigger
        m = (
            _LIST_END_RE.search(sent, s + 1, e)
            if k == len(parts) - 1 or "等" in sent[s:e]
            else None
        )
        cut_t = min((t.start for t in trigs if s < t.start <= e), default=e)
        if m and m.group() == "等" and m.start() <= cut_t:
            has_deng = True
        if k == len(parts) - 1 or has_deng:
            e = min(m.start() if m else e, cut_t)
        elif cut_t < e:
            return []  # a trigger inside a middle item: clauses, not names
        s = _left_cut(sent, e, s)
        items.append((raw, s, e))
        if has_deng:
            break
    # "建设A、B和C", "引进A、B等…": what a project builds or buys, not projects
    first_start = items[0][1]
    if _OBJECT_VERB_END_RE.search(sent, max(c0, first_start - 4), first_start) and not any(
        t.end == first_start for t in trigs
    ):
        return []
    # "的" modifiers: "国内最大、年产180颗卫星的X" is one name with a modifier list
    if (
        any("的" in sent[raw:s] for raw, s, _ in items[1:])
        and "的" not in sent[items[0][0] : items[0][1]]
    ):
        return []
    split: list[tuple[int, int, int]] = []
    for raw, s, e in items:
        sub = sent[s:e]
        m2 = re.search(r"(?:项目|工程)(?:和|及|以及|与)", sub)
        if m2:
            mid = s + m2.start() + 2
            split.append((raw, s, mid))
            split.append((mid, s + m2.end(), e))
        else:
            split.append((raw, s, e))
    names: list[_Name] = []
    for raw, s, e in split:
        # "A项目（总投资12亿元）、B…": the amount is about the item, not part of its name
        text = sent[s:e]
        paren = _ITEM_MONEY_PAREN_RE.search(text)
        if paren:
            e = s + paren.start()
        name = _strip_name(sent[s:e])
        if not name or _ITEM_BAD_RE.search(name):
            return []
        if not has_deng and _TRIGGER_RE.search(name):
            return []
        off = sent.find(name, s, e + 1)
        off = off if off >= 0 else s
        names.append(_Name(off, off + len(name), name, "list", gid, raw))
    good = [n for n in names if _is_good_name(n.name) and len(norm_name(n.name)) <= 40]
    if len(good) < 2 or len(good) < len(names) - (1 if has_deng else 0):
        return []
    last_end = split[-1][2]
    if has_deng:
        after = sent[last_end + 1 : c1]
        after = re.sub(rf"^(?:{V.COUNT_RE}|\d+余?家|一批|多个|[^，。]{{0,12}}?的)", "", after)
        if after.startswith(V.NOT_PROJECT_AFTER_DENG) or _EQUIPMENT_AFTER_DENG_RE.match(after):
            return []  # "引进冲压、激光焊接等自动化生产线24条": equipment, not projects
        if re.match(
            r"(?:\d+余?|多|数十|上百)?家|(?:知名|龙头|头部|重点)?(?:企业|公司|集团)", after
        ):
            # "比亚迪、宁德时代等30余家企业签约": companies, not projects, unless an item
            # reads as a project (a head word) or comes with its investment
            good = [
                n
                for n in good
                if _SUFFIX_RE.search(n.name)
                or _INVEST_BEFORE_RE.search(sent, n.raw_start, n.start)
                or "亿" in sent[n.raw_start : n.start]
            ]
            if not good:
                return []
    else:
        near_trigger = any(0 <= t.start - last_end <= 6 for t in trigs)
        if not near_trigger and not any(_SUFFIX_RE.search(n.name) for n in good):
            return []
    if _LOCATION_BEFORE_RE.search(sent, max(0, items[0][1] - 3), items[0][1]):
        return []
    return good


def _find_singles(
    sent: str, c0: int, c1: int, trigs: list[_Trigger], taken: list[_Name], has_trigger: bool = True
) -> list[_Name]:
    out: list[_Name] = []
    floor_marks = sorted({t.end for t in trigs if c0 <= t.end <= c1})
    cuts = _cut_points(sent, c0, c1) if _SUFFIX_RE.search(sent, c0, c1) else []
    for k, m in enumerate(_SUFFIX_RE.finditer(sent, c0, c1)):
        if k >= MAX_ITEMS:
            break
        end = m.end()
        if any(n.start <= m.start() < n.end for n in taken):
            continue
        if any(t.start <= m.start() < t.end for t in trigs):
            continue  # "领到《建筑工程施工许可证》": the head is inside a trigger
        if m.group().endswith(("项目", "工程")) and sent.startswith(V.HEAD_INSIDE_NOUN, end):
            continue  # "工程机械", "项目经理": the head is inside a longer noun
        floor = c0
        for f in floor_marks + [n.end for n in taken]:
            if floor < f <= m.start():
                floor = f
        if taken and sent.startswith("等", floor):
            continue  # "A、B等高端装备制造、电子信息产业项目": the category after a list
        nxt = sent[end : end + 1]
        if (
            not m.group().endswith(("项目", "工程"))
            and not _PART_RE.search(m.group())
            and nxt
            and nxt not in _HEAD_FOLLOW_OK
            and not any(t.start == end for t in trigs)
            and not sent.startswith(("建设", "前期工作"), end)  # "加快推进…产业园建设"
            and not (
                _STATUS_FOLLOW_RE.match(sent, end) and not m.group().endswith(_BUILDING_HEADS)
            )
        ):
            continue  # "科技城建圈强链…", "铁路物流港": the head is inside a longer noun
        i = bisect.bisect_right(cuts, m.start())
        start = max(floor, cuts[i - 1]) if i else floor
        name = _strip_name(sent[start:end])
        head_part = _HEAD_PART_RE.fullmatch(name) if name else None
        if head_part:  # "产业园二期项目开工": the next phase of the park in focus
            out.append(_Name(end - len(name), end, head_part.group(1), "part"))
            continue
        lead_phase = _LEAD_PHASE_RE.match(name) if name else None
        if lead_phase:
            # "一期主厂房", "二期自建厂房", "项目一期6条生产线": a building or line of a phase of
            # the project in focus, with no name of its own: that phase
            out.append(_Name(end - len(name), end, lead_phase.group(1), "part"))
            continue
        if not name or not _is_good_name(name):
            continue
        if len(norm_name(name)) <= 3 and name.endswith(("项目", "工程")):
            continue  # "新能源项目", "技改项目": a kind of project, not a name
        off = sent.rfind(name, start, end)
        if off < 0:  # the name lost inner quotes: its span is still where the text was
            off = max(start, end - len(name) - 2)
        bv = _BUILD_VERB_RE.search(sent, floor, off)
        if (
            bv
            and not sent.startswith(("的", "中的"), bv.end())  # "正在建设中的X项目" is X
            and not (name.endswith("项目") and _INVEST_TO_BUILD_RE.search(sent, floor, bv.start()))
        ):
            continue  # "规划建设…三条生产线": what the project builds, not a project
        if len(norm_name(name)) <= 6 and sent.startswith(V.GENERIC_FOLLOWERS, end):
            continue  # "实时监测项目动态": 项目 is generic here
        if _LOCATION_BEFORE_RE.search(sent, max(0, off - 3), off) or (
            _SETTLE_BEFORE_RE.search(sent, max(0, off - 3), off)
            and not name.endswith(("项目", "工程"))
        ):
            continue  # a location, not the project
        if _USE_BEFORE_RE.search(sent, c0, off) or (
            len(norm_name(name)) <= 8
            and _COPULA_DESCRIPTION_RE.search(sent, max(c0, off - 24), off)
        ):
            continue  # what a plant makes ("主要用于…"), a place described ("是…的基地")
        if _CATEGORY_AFTER_RE.match(sent, end):
            continue  # "新签约新能源汽车零部件项目14个", "…产业项目占比": a category counted
        out.append(_Name(off, end, name, "single"))
    # nested candidates ("…产业园" inside "…产业园建设项目"): keep the longest
    out.sort(key=lambda n: (n.start, -(n.end - n.start)))
    kept: list[_Name] = []
    for n in out:
        if kept and n.start < kept[-1].end:
            if n.end > kept[-1].end:
                kept[-1] = (
                    n
                    if n.start <= kept[-1].start
                    else _Name(kept[-1].start, n.end, sent[kept[-1].start : n.end], "single")
                )
            continue
        kept.append(n)
    # "该企业一期项目": an anaphor and a part; "A号厂房正在…", "二期厂房": parts of the
    # project in focus
    for i, n in enumerate(kept):
        bare = _ANAPHOR_PREFIX_RE.sub("", n.name)
        pm = _PART_AT_START_RE.match(bare)
        if _PART_RE.fullmatch(bare):
            kept[i] = _Name(n.end - len(bare), n.end, bare, "part")
        elif pm and bare[pm.end() :] in _GENERIC_PART_HEADS:
            kept[i] = _Name(n.end - len(bare), n.end, pm.group(), "part")
    kept = [n for n in kept if not _ANAPHOR_PREFIX_RE.match(n.name)]
    # "与X一路之隔的Y", "位于X的Y": X only describes Y
    kept = [
        n
        for i, n in enumerate(kept)
        if not (
            i + 1 < len(kept)
            and "的" in sent[n.end : kept[i + 1].start]
            and not re.search(r"[，,。；;、和及与]", sent[n.end : kept[i + 1].start])
        )
    ]
    # a category right before the real name ("代表性项目绵阳经开…项目"): drop the category
    kept = [n for i, n in enumerate(kept) if not (i + 1 < len(kept) and kept[i + 1].start == n.end)]
    if not kept and not taken and not has_trigger:
        return kept  # nothing else matters in a clause that names nothing
    if not _PART_RE.search(sent, c0, c1):
        head = ""
    else:
        head = _CLAUSE_START_RE.sub("", sent[c0:c1].lstrip(_QUOTES))
    # parts standing alone at a clause start: "一期规划…", "C号厂房正在…"
    lead = (c1 - c0) - len(head)
    pm = _PART_AT_START_RE.match(head) if head else None
    if pm and not any(n.start <= c0 + lead < n.end for n in kept + taken):
        kept.append(_Name(c0 + lead, c0 + lead + pm.end(), pm.group(), "part"))
    elif not kept and head:
        # "此次正式投产的一期项目投资21亿元": a part right after 的
        for pm2 in _PART_RE.finditer(sent, c0, c1):
            if sent[pm2.start() - 1 : pm2.start()] == "的" and not any(
                n.start <= pm2.start() < n.end for n in taken
            ):
                kept.append(_Name(pm2.start(), pm2.end(), pm2.group(), "part"))
                break
    if not kept and not taken and has_trigger:
        for cm in _COMPANY_RE.finditer(sent, c0, c1):
            start = _left_cut(sent, cm.start(), c0)
            if sent[start - 1 : start] == "、" or sent[cm.end() : cm.end() + 1] == "、":
                continue  # one of a list of attendees, not the subject
            name = _strip_name(sent[start : cm.end()])
            party = _PARTY_SPLIT_RE.split(name)
            if len(party) > 1:
                # "临颍县与湖南乐滋食品有限公司签订协议": the company is B, never "A与B"
                name = party[-1]
                start = cm.end() - len(name)
            if len(name) >= 6 and "分公司" not in name and _is_good_name(name):
                kept.append(_Name(start, cm.end(), name, "company"))
                break
    return kept


def _subject_phrase(sent: str, c0: int, t: _Trigger) -> _Name | None:
    """A name with no project head, written as the clause's subject: "联合飞机大型无人机完成主体工程"."""
    prefix = sent[c0 : t.start]
    m = re.match(
        r"^(.*?)(?:已经|已|正式|顺利|全面|将于|将|计划|预计|拟|目前|近日|日前|于|在)?$", prefix
    )
    core = m.group(1) if m else prefix
    stripped = _CLAUSE_START_RE.sub("", core.lstrip(_QUOTES))
    start = (
        c0
        + (len(prefix) - len(prefix.lstrip(_QUOTES)))
        + (len(core.lstrip(_QUOTES)) - len(stripped))
    )
    name = _strip_name(stripped)
    if not (4 <= len(name) <= 20) or re.search(
        r"[\d]|月|日|年|项目|工程|从|到|把|被|让|使|给", name
    ):
        return None
    if not _is_good_name(name) or re.search(
        r"[，,、与和同跟将要]|(?:集团|公司|[区市县省新])$|^全[省市区县镇]|计划|坚持|持续|继续|全力|积极",
        name,
    ):
        return None  # a party to a deal ("长沙经开区与三一集团"), not a project
    return _Name(start, start + len(name), name, "single")


# --- main ---------------------------------------------------------------------------


# Parts of a year and the month they begin: "下半年开工" in a May article is a plan.
_YEAR_PART_START = (
    ("下半年", 7), ("三季度", 7), ("第三季度", 7), ("四季度", 10), ("第四季度", 10),
    ("年底", 11), ("年末", 11), ("岁末", 11),
)  # fmt: skip


# A ceremony or event still being prepared after the trigger: "开工仪式筹备中",
# "的开工仪式正在筹备中". Not "筹备了开工仪式" (that one was held).
_PREPARING_AFTER_RE = re.compile(r"(?:仪式|典礼|活动)?[^，。；]{0,4}?(?:正在|正)?筹备(?:中|之中|阶段)")


def _status(sent: str, start: int, t: _Trigger, date: str | None, pub) -> str:
    prefix = sent[start : t.start]
    for w in V.PLANNED_NOT:
        prefix = prefix.replace(w, "")
    if any(w in prefix for w in V.PLANNED_MARKERS) or t.text.startswith(V.PLANNED_MARKERS):
        return "planned"
    if _PREPARING_AFTER_RE.match(sent, t.end):
        return "planned"  # "开工仪式正在筹备中": the start is still to come
    pub_day = f"{pub[0]:04d}-{pub[1]:02d}-{pub[2]:02d}" if pub else None
    if sent[t.end : t.end + 1] == V.CONDITIONAL_AFTER and not (
        date and pub_day and date <= pub_day[: len(date)]
    ):
        return "planned"  # "建成后将…"; but "7月12日取得施工许可证后开工" happened
    if pub and not any(w in prefix for w in V.DONE_MARKERS) and (not date or len(date) == 4):
        # "为项目下半年开工建设扫清了障碍" in May: a part of this year still to come
        for word, first_month in _YEAR_PART_START:
            if word in prefix and pub[1] < first_month and (not date or date == str(pub[0])):
                return "planned"
    if date and pub and not any(w in prefix for w in V.DONE_MARKERS):
        pub_s = f"{pub[0]:04d}-{pub[1]:02d}-{pub[2]:02d}"[: len(date)]
        if date > pub_s:
            return "planned"
    return "done"


def _resolve(name: str, st: _State) -> str:
    if not st.abbrevs:
        return name
    n = norm_name(name)
    for abbr, full in st.abbrevs.items():
        if n == norm_name(abbr):
            return full
    return name


def _compose_part(part: str, st: _State) -> str | None:
    if not st.topic:
        return None
    p = norm_name(part)
    t = norm_name(st.topic)
    core = re.sub(r"(?:工程|项目)$", "", p)
    if core and core in t:
        return st.topic
    phase = re.match(r"[一二三四五六七八九十\d]+期", p)
    if phase and re.search(r"[一二三四五六七八九十\d]+期", st.topic):
        # "…一期项目" in focus, "二期" named: the sibling phase, not a phase of the phase
        return re.sub(r"[一二三四五六七八九十\d]+期", phase.group(), st.topic, count=1)
    if st.topic.endswith("项目") and part.endswith("项目"):
        return st.topic + part[:-2]
    return st.topic + part


# "整个园区", "项目整体": the whole project in focus, without its part.
_WHOLE_RE = re.compile(r"整个|整体|全部建成|全面建成|全部项目")
# Calls to action and services around projects in general: no anaphora.
_EXHORT_RE = re.compile(
    r"要|推动|推进|促进|力促|加快|按期|按时|如期|尽快|早日|服务|助力|保障|督促|抓|坚持|持续"
)
# Waiting or hoping for a stage: "就等新厂投产", "盼着早日开工".
# "从签约到真正动工": a span between two stages, said of projects in general
_FROM_TO_RE = re.compile(r"^从[^，。；]{1,6}到")
_WAITING_RE = re.compile(r"就等|只等|等待|等着|期待|盼着|盼望|希望")
# Projects in the plural, none named: no anaphora.
_PLURAL_RE = re.compile(
    r"一批|多个|这些|一系列|一大批|各类|众多|诸多|所有|一个个|越来越多|每个|各个|各项"
    r"|(?:\d+|[两三四五六七八九十百]+)余?家"  # "已有26家企业与园区签订了入驻协议"
)
# "该企业…", "该公司…": a name that only points back.
_ANAPHOR_PREFIX_RE = re.compile(r"^(?:该|此|本|这个)(?:企业|公司|项目|工程|集团)?")
# Words that point back to the project in focus: "该项目", "整个园区", "企业拿到…".
_POINTED_RE = re.compile(
    r"(?:该|此|本|这个|整个|整体|全部)(?:项目|工程|园区|产业园|基地|企业)|项目整体|项目全面"
    r"|(?:该|这个|这一)[^，。；]{0,14}的(?:项目|工程)"  # "这个总投资15亿元的项目"
)
# Words that put a milestone before the article's event: it does not take the event's date.
_NOT_EVENT_RE = re.compile(r"去年|前年|此前|之前|以来|近年|累计|先后|已于|曾|早在|年初|上半年|至今")
# The end of a clause that announces the names in the next one ("签约项目包括：").
_INTRO_END_RE = re.compile(
    r"(?:项目|工程)?(?:中|当中|包括|主要有|还有|有|为|是|如下|分别是|分别为)$"
)
# "作为此次集中开工的代表项目之一": the project named next took part in the event.
_EVENT_REPRESENTATIVE_RE = re.compile(r"(?:此次|本次|这次)[^，。]{0,16}(?:代表|标志性|重点)项目")
# An amount in brackets after a list item: "（总投资12亿元）".
_ITEM_MONEY_PAREN_RE = re.compile(r"[（(][^（()）]*(?:亿|万)[^（()）]*[)）]\s*$")
# A numbered item: "1.", "（2）", "③", "一是".
_ENUM_RE = re.compile(
    r"^\s*(?:\d{1,2}\s*[.．、)）]|[（(]\d{1,2}[)）]|[①-⑳]|[一二三四五六七八九十]+是|[一二三四五六七八九十]+、)"
)
# A sentence that announces a list: "签约项目如下：", "开工项目包括："
_LIST_INTRO_RE = re.compile(r"(?:如下|包括|分别是|分别为|有)[：:]\s*$|[：:]\s*$")
# The start of a clause that lists what the clause before counted ("…共18个，其中包括A、B").
_INTRO_START_RE = re.compile(r"其中(?:包括|有)|包括|主要有|分别是|分别为")
# A year used as a label of a batch of projects: "2023年一季度重大项目集中开工".
_DATE_LABEL_RE = re.compile(
    r"(?:[一二三四]季度|第.{1,3}(?:批|季度)|春季|秋季|年度)?[^，。]{0,4}?(?:重大|重点|项目)"
)


def _event_fill(date: str | None, status: str, types, sent: str, st: _State) -> str | None:
    """An undated milestone reported with the article's event takes the event's date
    ("9月12日，…集中签约活动举行。签约项目包括：A、B…")."""
    if (
        date is None
        and status == "done"
        and st.event
        and set(types) & st.event[1]
        and st.para - st.event[2] <= 3
        and not _NOT_EVENT_RE.search(sent)
    ):
        return st.event[0]
    return date


# "9月26日取得施工许可证后当天开工": the second event is dated with the first.
_RIGHT_AFTER_RE = re.compile(r"后(?:当天|当日|随即|立即|即|马上|就)?(?:正式)?(?:便)?")


# "当天" right before a trigger (maybe after the project's name): that day.
_SAME_DAY_BEFORE_RE = re.compile(r"(?:当天|当日|同日|同一天)[^，。；]{0,3}$")


_ENUM_COLON_RE = re.compile(r"[：:]")


def _date_for(sent: str, t: _Trigger, trigs: list[_Trigger], dates: list[DateMention], st: _State):
    if _SAME_DAY_BEFORE_RE.search(sent, max(0, t.start - 8), t.start):
        # "…领取了施工许可证，X项目当天开工建设": the day named last before it
        days = [d for d in dates if d.end <= t.start and d.precision == "day" and d.value]
        if days:
            return days[-1].value
    usable: list[DateMention] = []
    for d in reversed(dates):
        if d.end > t.start:
            continue
        if any(
            o is not t
            and d.end <= o.start < t.start
            and o.types != t.types
            and not _RIGHT_AFTER_RE.fullmatch(sent, o.end, t.start)
            # "11月13日，…迎来两个节点：A开工建设，B主体结构封顶": one day, events listed
            and not (_ENUM_COLON_RE.search(sent, d.end, o.start) and "，" in sent[o.end : t.start])
            for o in trigs
        ):
            break  # "从5月28日签约到开工": the date belongs to the trigger right after it
        if re.search(r"第二天|次日|随后|此后|之后|以后|以来", sent[d.end : t.start]):
            break
        usable.append(d)
    if usable:
        # "3月15日,…举行2023年一季度重大项目集中开工": the year is a label, the day is the date
        if usable[0].precision == "year":
            days = [d for d in usable if d.precision == "day" and d.value]
            if days and _DATE_LABEL_RE.match(sent, usable[0].end):
                return days[0].value
        return usable[0].value
    if any(w in sent[: t.start] for w in _EVENT_WORDS) or _SAME_EVENT_RE.search(
        sent, max(0, t.start - 4), t.start
    ):
        return st.event_date
    return None


def _process_sentence(sent: str, st: _State, order: int, quote_topic: str | None) -> None:
    pub = st.pub
    if (
        not _TRIGGER_RE.search(sent)
        and not _SUFFIX_RE.search(sent)
        and "投资" not in sent
        and not sent.startswith(("其中", "此中", "包括"))
    ):
        # most sentences of a page name no project and report nothing: only bookkeeping
        st.topic_age += 1
        if "日" in sent or "天" in sent:
            day = [d for d in find_dates(sent, pub) if d.precision == "day" and d.value]
            if day:
                st.event_date = day[-1].value
        if not st.prev_semicolon:
            st.prev_sentence = None
        st.prev_semicolon = sent.rstrip().endswith(("；", ";"))
        return
    ctx_year = explicit_year(sent) if pub is None else None
    dates = find_dates(sent, pub, context_year=ctx_year)
    trigs = _find_triggers(sent, dates)
    clauses = _split_clauses(sent)
    aggregate_sent = bool(_AGGREGATE_RE.search(sent))
    topic = st.topic if st.topic_age <= 4 else None
    if quote_topic is not None:
        topic = quote_topic or None

    names: list[_Name] = []
    # lists matter where a trigger is, or after "其中" (continuing the sentence before)
    want_lists = bool(trigs) or (
        st.prev_sentence is not None and sent.startswith(("其中", "此中", "包括"))
    )
    for gid, (c0, c1) in enumerate(clauses):
        ctrigs = [t for t in trigs if c0 <= t.start < c1]
        lst = _find_lists(sent, c0, c1, ctrigs, gid) if want_lists else []
        singles = _find_singles(sent, c0, c1, ctrigs, lst, bool(trigs))
        names.extend(lst)
        names.extend(singles)
        if (
            not lst
            and not singles
            and ctrigs
            and not names
            and gid == 0
            and not _AGGREGATE_RE.search(sent, c0, c1)
        ):
            subj = _subject_phrase(sent, c0, ctrigs[0])
            if subj:
                names.append(subj)
    names.sort(key=lambda n: n.start)
    # triggers inside a name ("傲游游戏研发及运营") are part of the name
    trigs = [t for t in trigs if not any(n.start <= t.start < n.end for n in names)]
    day_dates = [d for d in dates if d.precision == "day" and d.value]

    def clause_of(pos: int) -> int:
        for k, (a, b) in enumerate(clauses):
            if a <= pos < b:
                return k
        return len(clauses) - 1

    def resolve_names(ns: list[_Name]) -> list[str]:
        out = []
        for n in ns:
            if n.kind == "part":
                owner = [o for o in names if o.kind in ("single", "company") and o.end <= n.start]
                saved = st.topic
                st.topic = _resolve(owner[-1].name, st) if owner else topic
                full = _compose_part(n.name, st)
                st.topic = saved
                if full:
                    out.append(full)
            else:
                out.append(_resolve(n.name, st))
        return out

    def group_of(ns: list[_Name], first: _Name) -> list[_Name]:
        if first.kind == "list":
            return [n for n in ns if n.kind == "list" and n.group == first.group]
        return [first]

    def _deal_project(k: int) -> list[str]:
        """The project named at the next clause's start: "A与B公司签署协议，C项目落户…"."""
        if k + 1 >= len(clauses):
            return []
        a, b = clauses[k + 1]
        lead = len(_CLAUSE_START_RE.sub("", sent[a:b])) - (b - a)
        nxt = [n for n in names if a <= n.start <= a - lead and n.kind == "single"]
        return resolve_names([nxt[0]]) if nxt else []

    def subject_names(k: int, t: _Trigger) -> tuple[list[str], str]:
        c0, c1 = clauses[k]
        before = [n for n in names if c0 <= n.start < t.start]
        if before and all(n.kind == "company" for n in before):
            # "A与B公司签约，C项目落户…", "B公司领取了施工许可证，C项目当天开工": the
            # company acts for the project it names next
            deal = _deal_project(k)
            if deal:
                return deal, "single"
        if before:
            lists = [n for n in before if n.kind == "list"]
            if lists:
                return resolve_names(group_of(before, lists[-1])), "list"
            # "X项目和投资9.6亿元的Y项目将于本月开建": both are the subject
            subj = [before[0]]
            for n in before[1:]:
                if re.match(r"^(?:和|及|以及|与|、)", sent[subj[-1].end : n.start]):
                    subj.append(n)
                else:
                    break
            return resolve_names(subj), "single" if len(subj) == 1 else "list"
        after = [n for n in names if t.end <= n.start < c1]
        if after:
            gap = sent[t.end : after[0].start]
            if len(gap) <= 2 or re.fullmatch(
                r"(?:的)?(?:项目|工程)?(?:主要)?(?:包括|包含|涵盖|有|为|是|如)?|的[^，。；、]{0,18}",
                gap,
            ):
                return resolve_names(group_of(after, after[0])), after[0].kind
        # "同时开工的重点项目还有：A、B", "签约项目中，X": the names follow in the next clause
        rest = sent[t.end : c1]
        if (
            not [n for n in names if c0 <= n.start < c1]
            and k + 1 < len(clauses)
            and (
                # "从签约到开工，X项目…", "作为本次开工的领头羊，X项目…"
                _CLAUSE_START_RE.sub("", sent[c0:c1].lstrip(_QUOTES)).startswith(("从", "作为"))
                or (
                    (len(rest) <= 14 and (sent[c1 : c1 + 1] in "：:" or _INTRO_END_RE.search(rest)))
                    or _INTRO_START_RE.match(sent, clauses[k + 1][0])
                )
            )
        ):
            a, b = clauses[k + 1]
            nxt = [n for n in names if a <= n.start < b]
            if nxt:
                return resolve_names(group_of(nxt, nxt[0])), nxt[0].kind
        # "A与B签署合作协议，C项目总投资…": the deal's project opens the next clause
        if (
            "signed" in t.types
            and k + 1 < len(clauses)
            and not [n for n in names if c0 <= n.start < c1 and n.kind != "company"]
        ):
            a, b = clauses[k + 1]
            lead = len(_CLAUSE_START_RE.sub("", sent[a:b])) - (b - a)
            nxt = [
                n
                for n in names
                if a <= n.start < b
                and n.kind != "part"
                and (n.start <= a - lead or _DEAL_OBJECT_LEAD_RE.fullmatch(sent, a, n.start))
            ]
            if nxt:
                return resolve_names([nxt[0]]), "single"
        if _AGGREGATE_RE.search(sent[c0:c1]):
            return [], ""
        for j in range(k - 1, -1, -1):
            a, b = clauses[j]
            prev = [n for n in names if a <= n.start < b]
            if prev:
                return resolve_names(group_of(prev, prev[0])), prev[0].kind
        return [], ""

    sentence_subject: str | None = None
    used_list_trigs: list[_Trigger] = []
    for t in trigs:
        k = clause_of(t.start)
        c0, c1 = clauses[k]
        if re.match(rf"\s*(?:{V.COUNT_RE}|率)", sent[t.end : t.end + 6]):
            continue  # "已开工23个", "开工率": a count, not a milestone
        neg_from = max([c0] + [n.end for n in names if n.end <= t.start])
        if _NEGATION_RE.search(sent, neg_from, t.start):
            continue
        if _FIRMS_COUNTED_RE.search(sent, c0, t.start):
            continue
        projects, how = subject_names(k, t)
        whole_prefix = sent[c0 : t.start]
        if (
            topic
            and _WHOLE_RE.search(whole_prefix)
            and not any(c0 <= n.start < t.start for n in names)
        ):
            # "整个园区预计明年6月建成": the whole project in focus, not the part named before
            projects, how = [_PART_TAIL_RE.sub("", topic) or topic], "topic"
        if not projects:
            if _AGGREGATE_RE.search(sent[c0:c1]) or _COUNT_RE.search(sent[c0 : t.start]):
                continue
            prefix = _CLAUSE_START_RE.sub("", sent[c0 : t.start].lstrip(_QUOTES))
            pointed = bool(_POINTED_RE.search(prefix)) or prefix.startswith(
                ("项目", "工程", "企业")
            )
            bare = len(_NON_CJK_RE.sub("", prefix)) <= 10
            named_before = any(n.start < t.start for n in names)
            if sent.startswith(("仪式", "活动", "大会"), t.end):
                continue  # "举行了项目签约仪式": the event, not a milestone of the project in focus
            if re.search(r"的(?:重点|重大)?(?:项目|工程|企业)", sent[t.end : c1]):
                continue  # "已开工但进度偏慢的项目": said of projects in general
            if _PLURAL_RE.search(sent, c0, t.end) or (
                # a count after the trigger ("…投用，建成后可承接中试项目20个") is not its subject
                _AGGREGATE_RE.search(sent, 0, t.end) and not _POINTED_RE.search(prefix)
            ):
                continue  # "一批新项目相继落地", "为两个项目…确保项目开工": many, none named
            if _EXHORT_RE.search(prefix) and not _POINTED_RE.search(prefix):
                continue  # "确保重点项目按期开工", "推动项目尽快落地": a call to action
            if _WAITING_RE.search(prefix):
                continue  # "现在就等新厂投产": a wish, not an event
            if _FROM_TO_RE.match(prefix):
                continue  # "从签约到真正动工，中间要办的手续…": stages in general, no project
            if (
                re.match(r"[、和及与]", sent[t.end : t.end + 1])
                or sent[t.start - 1 : t.start] == "、"
            ) and re.search(r"提供|服务|环节|节点|全过程|生命周期|流程", sent[t.end : c1]):
                continue  # "为项目落地、开工、投产提供服务": stages named as nouns
            chained = sentence_subject and any(
                c0 <= o.end <= t.start and _RIGHT_AFTER_RE.fullmatch(sent, o.end, t.start)
                for o in trigs
            )
            if sentence_subject and (pointed or bare or chained):
                # "…取得施工许可证后当天开工": the same subject as the stage just before
                projects, how = [sentence_subject], "topic"
            elif (
                topic
                and (pointed or (bare and not named_before and st.topic_age <= 2))
                and "项目" not in sent[t.end : t.end + 3]
            ):
                projects, how = [topic], "topic"
        if not projects:
            continue
        if how in ("single", "topic") and len(projects) == 1:
            sentence_subject = projects[0]
        date = _date_for(sent, t, trigs, dates, st)
        scope = max([c0] + [o.end for o in trigs if c0 <= o.end <= t.start])
        status = _status(sent, scope, t, date, pub)
        prev_t = [f for f in st.found if f.order == order]
        if (
            status == "done"
            and prev_t
            and prev_t[-1].status == "planned"
            and not any(w in sent[scope : t.start] for w in V.DONE_MARKERS)
        ):
            status = "planned"  # "计划明年5月竣工，6月投入运营": the plan goes on
        if date and len(date) == 10 and st.event is None:
            st.event = (date, set(t.types), st.para)
        elif st.event and date and date == st.event[0]:
            st.event[1].update(t.types)
        else:
            date = _event_fill(date, status, t.types, sent, st)
        if how == "list":
            used_list_trigs.append(t)
        evidence = sent.strip()[:160]
        for p in projects:
            for ty in t.types:
                st.found.append(_Found(p, ty, status, date, evidence, order))

    lists_here = [n for n in names if n.kind == "list"]
    # "其中,A、B、C等…项目": a list with no trigger of its own continues the sentence before
    if not trigs and lists_here and st.prev_sentence and re.match(r"^\s*(?:其中|此中|包括)", sent):
        ptrigs, pstatus, pdate = st.prev_sentence
        for n in group_of(lists_here, lists_here[0]):
            for t in ptrigs:
                for ty in t.types:
                    d = _event_fill(pdate, pstatus, (ty,), sent, st)
                    st.found.append(
                        _Found(_resolve(n.name, st), ty, pstatus, d, sent.strip()[:160], order)
                    )
    # "作为此次分会场的代表项目，X项目总投资…": X is one of the event's projects
    if not trigs and st.event and _EVENT_REPRESENTATIVE_RE.search(sent):
        reps = [n for n in names if n.kind == "single"]
        if reps:
            for ty in sorted(st.event[1]):
                st.found.append(
                    _Found(
                        _resolve(reps[0].name, st),
                        ty,
                        "done",
                        st.event[0],
                        sent.strip()[:160],
                        order,
                    )
                )
    # "签约项目包括：\n1. A项目，总投资10亿元；\n2. B项目…": numbered items after an intro
    enumerated = _ENUM_RE.match(sent)
    # "…开工的有：A项目，总投资30亿元；B项目，总投资15亿元；…": items cut at "；"
    item_after_intro = (
        st.prev_semicolon
        and st.prev_intro
        and bool(names)
        and names[0].start <= len(sent) - len(_CLAUSE_START_RE.sub("", sent))
    )
    if not trigs and (enumerated or item_after_intro) and st.prev_sentence and st.prev_intro:
        first = [n for n in names if n.kind in ("single", "company")][:1] or [
            n for n in names if n.kind == "list"
        ][:1]
        if first:
            ptrigs, pstatus, pdate = st.prev_sentence
            for n in group_of(names, first[0]):
                for t in ptrigs:
                    for ty in t.types:
                        d = _event_fill(pdate, pstatus, (ty,), sent, st)
                        st.found.append(
                            _Found(_resolve(n.name, st), ty, pstatus, d, sent.strip()[:160], order)
                        )
    # lists in later clauses ("包括A、B等…,以及C、D,还有E") share the trigger of the first
    if used_list_trigs:
        t = used_list_trigs[-1]
        k = clause_of(t.start)
        prev = next((f for f in reversed(st.found) if f.order == order and f.type in t.types), None)
        groups = []
        for n in lists_here:
            kn = clause_of(n.start)
            if n.start > t.end and kn > k and not any(clause_of(o.start) == kn for o in trigs):
                ctext = sent[clauses[kn][0] : clauses[kn][1]]
                if "等" not in ctext and not re.match(r"^(?:以及|还有|和|及|另有)", ctext):
                    continue
                if n.group not in groups:
                    groups.append(n.group)
        if prev:
            for n in lists_here:
                if n.group in groups:
                    for ty in t.types:
                        st.found.append(
                            _Found(
                                _resolve(n.name, st),
                                ty,
                                prev.status,
                                prev.date,
                                sent.strip()[:160],
                                order,
                            )
                        )

    _investments(sent, names, clauses, aggregate_sent, st, topic, resolve_names, clause_of)

    # the focus moves to the last single project named in this sentence
    singles = [n for n in names if n.kind in ("single", "company")]
    st.topic_age += 1
    if singles:
        # "…项目1号联合厂房封顶。项目预计10月竣工": the project, not the building, is in focus
        st.topic = _BUILDING_TAIL_RE.sub("", _resolve(singles[-1].name, st))
        st.topic_age = 0
    elif sentence_subject:
        st.topic_age = 0
    for n in names:
        if n.kind != "part":
            st.names_seen.append(_resolve(n.name, st))
    if day_dates:
        st.event_date = day_dates[-1].value
    if st.event is None and day_dates:
        # an event with no named project of its own ("9月12日，…7个项目集中签约",
        # "9月12日，…集中签约活动举行"): its triggers may be nouns ("…活动")
        for m in _TRIGGER_RE.finditer(sent):
            t = _Trigger(m.start(), m.end(), _TRIGGER_TYPES[m.lastgroup or ""], m.group())
            d = _date_for(sent, t, [t], dates, st)
            if d and len(d) == 10 and not _NOT_EVENT_RE.search(sent):
                st.event = (d, set(t.types), st.para)
                break
    if trigs:
        fs = [f for f in st.found if f.order == order]
        last = trigs[-1]
        k = clause_of(last.start)
        pdate = fs[-1].date if fs else _date_for(sent, last, trigs, dates, st)
        pstatus = fs[-1].status if fs else _status(sent, clauses[k][0], last, pdate, pub)
        st.prev_sentence = (trigs, pstatus, pdate)
        colon = max(sent.find("："), sent.find(":"))
        st.prev_intro = bool(_LIST_INTRO_RE.search(sent)) or (
            colon > trigs[0].start and sent.rstrip().endswith(("；", ";"))
        )
    elif not st.prev_semicolon and not enumerated and not item_after_intro:
        st.prev_sentence = None  # a sentence cut at "；" still belongs with the next one
    st.prev_semicolon = sent.rstrip().endswith(("；", ";"))


# What follows an amount that pays for building something: "…亿元在高新区建设", "…亿元建设".
_MONEY_THEN_BUILD_RE = re.compile(r"(?:在[^，。；]{0,12}?)?(?:建设|新建|扩建|打造)")


def _investments(sent, names, clauses, aggregate_sent, st, topic, resolve_names, clause_of) -> None:
    """Bind "总投资X亿元" to its project: "X的NAME", "NAME…总投资X", "该项目总投资X"."""
    for mo in find_money(sent):
        pre = sent[max(0, mo.start - 12) : mo.start]
        if mo.yuan is None or not _INVEST_BEFORE_RE.search(pre) or _PROGRESS_RE.search(pre):
            continue
        target, prio = None, 0
        if sent[mo.end : mo.end + 1] == "的":
            nxt = [
                n
                for n in names
                if n.start > mo.end and (n.raw_start <= mo.end or n.start - mo.end <= 20)
            ]
            if nxt:
                rn = resolve_names([nxt[0]])
                target, prio = (rn[0] if rn else None), 3
        if target is None and _MONEY_THEN_BUILD_RE.match(sent, mo.end):
            # "拟投资45亿元在高新区建设X项目": the money builds the project named next
            k = clause_of(mo.start)
            nxt = [n for n in names if mo.end < n.start < clauses[k][1] and n.kind == "single"]
            if nxt:
                rn = resolve_names([nxt[0]])
                target, prio = (rn[0] if rn else None), 3
        if target is None:
            # "A项目（总投资12亿元）": the item just before the bracket
            before = [n for n in names if n.end <= mo.start and mo.start - n.end <= 8]
            if before and re.fullmatch(r"\s*[（(][^，。；、]*", sent[before[-1].end : mo.start]):
                rn = resolve_names([before[-1]])
                target, prio = (rn[0] if rn else None), 3
        if target is None:
            k = clause_of(mo.start)
            c0 = clauses[k][0]
            inclause = [n for n in names if c0 <= n.start < mo.start and n.kind != "list"]
            prevs = [n for n in names if n.end <= mo.start and n.kind != "list"]
            lead = sent[c0 : mo.start]
            if inclause and not _COUNT_RE.search(lead):
                rn = resolve_names([inclause[-1]])
                target, prio = (rn[0], 2) if rn else (None, 0)
            elif (
                re.search(r"(?:该|此|本)?(?:项目|工程)[^，。]{0,4}$", lead)
                and topic
                and not _AGGREGATE_RE.search(sent[c0 : mo.end])
                and not _COUNT_RE.search(lead)
            ):
                # "X项目…签约，预计…建成，项目总投资22亿元": the one named in this sentence
                named = [n for n in prevs if n.kind == "single"]
                rn = resolve_names([named[-1]]) if named and len(named) == len(prevs) else []
                target, prio = (rn[0], 2) if rn else (topic, 1)
            elif prevs and not aggregate_sent:
                rn = resolve_names([prevs[-1]])
                target, prio = (rn[0], 2) if rn else (None, 0)
            elif (
                not aggregate_sent
                and topic
                and (
                    re.match(r"^(?:该|此|本)(?:项目|工程)", _CLAUSE_START_RE.sub("", sent))
                    or (k > 0 and not any(n.start < mo.start for n in names))
                )
            ):
                target, prio = topic, 1
        if target and _TOTAL_RE.search(pre):
            prio += 0.5  # "总投资" is the total; a bare "投资" may be a phase's or a share
        if target:
            # a building's or plot's money is its project's ("肯立科技项目A号厂房" -> 肯立科技)
            key = norm_name(_SITE_PART_TAIL_RE.sub("", target))
            old = st.invest.get(key)
            if old is None or prio > old[0]:
                st.invest[key] = (prio, mo.yuan)


def _sentences(text: str) -> list[str]:
    return [s for _, s in _numbered_sentences(text)]


def _numbered_sentences(text: str) -> list[tuple[int, str]]:
    """(paragraph number, sentence) for every sentence of the text."""
    out = []
    for p, para in enumerate(text.split("\n")):
        for m in _SENT_RE.finditer(para):
            s = m.group().strip()
            while len(s) > MAX_SENTENCE:
                out.append((p, s[:MAX_SENTENCE]))
                s = s[MAX_SENTENCE:]
            if s:
                out.append((p, s))
    return out


def _merge(st: _State) -> list[Milestone]:
    # abbreviations and short forms: "哈汽项目", "索普醋酸乙烯" -> the full name in the text
    longs = sorted(
        {n for n in st.names_seen + [f.project for f in st.found]}, key=len, reverse=True
    )

    def canonical(name: str) -> str:
        n = norm_name(name)
        if len(n) < 4:
            return name
        for full in longs:
            fn = norm_name(full)
            if len(fn) <= len(n) or n[:2] not in fn:
                continue
            at = fn.find(n)
            if at >= 0 and (
                _REMAINDER_PART_RE.match(fn, at + len(n))
                or _REMAINDER_BUILDING_RE.match(fn, at + len(n))
            ):
                continue  # "…项目一期", "…项目主厂房": a part of its own, not another name for "…项目"
            it = iter(fn)
            if all(ch in it for ch in n) and not re.search(
                r"[一二三四五六七八九十\d]期", n.replace(fn, "")
            ):
                if re.search(r"[一二三四五六七八九十]期|号|地块", n) and n[-2:] not in fn:
                    continue
                return full
        return name

    merged: dict[tuple[str, str, str], Milestone] = {}
    for f in st.found:
        project = canonical(f.project)
        key = (norm_name(project), f.type, f.status)
        m = merged.get(key)
        if m is None:
            merged[key] = Milestone(project, f.type, f.status, f.date, None, f.evidence)
        else:
            new = later(m.date, f.date)
            if new != m.date:
                m.date, m.evidence = new, f.evidence
    # "…项目主厂房封顶" and "主厂房已完成封顶" (said of the project): one milestone, the
    # building's name (as the text first gave it) kept
    for key, m in list(merged.items()):
        if key not in merged:
            continue
        parent = norm_name(_BUILDING_TAIL_RE.sub("", m.project))
        if parent == key[0]:
            continue  # not a building's name
        for okey, o in list(merged.items()):
            if (
                okey != key
                and okey[1:] == key[1:]
                and len(okey[0]) >= 3
                and parent.endswith(okey[0])
            ):
                m.date = later(m.date, o.date)
                del merged[okey]
    # investment: the project's own, else its parent's ("…项目一期" takes "…项目"'s)
    invest = dict(st.invest)
    for k, v in st.invest.items():
        ck = norm_name(canonical(k))
        if ck not in invest or v[0] > invest[ck][0]:
            invest[ck] = v
    st.invest = invest
    for m in merged.values():
        key = norm_name(m.project)
        if key in st.invest:
            m.investment_cny = st.invest[key][1]
            continue
        # a phase or building of a parent named with or without its place: "丹阳开发区
        # 明视光学…项目一期" takes "明视光学…项目"'s total
        parents = [
            k
            for k in st.invest
            if len(k) >= 3
            and (at := key.find(k)) >= 0
            and (
                at + len(k) == len(key)
                or _REMAINDER_PART_RE.match(key, at + len(k))
                or _REMAINDER_BUILDING_RE.match(key, at + len(k))
            )
        ]
        if parents:
            m.investment_cny = st.invest[max(parents, key=len)][1]
    return list(merged.values())


_STAT_PATTERNS = [
    (
        "projects_started",
        re.compile(
            rf"({V.COUNT_RE})[^，。；]{{0,12}}?项目[^，。；]{{0,6}}?(?:全部|均已|已|集中)?开工"
        ),
        "个",
    ),
    ("start_rate", re.compile(r"开工率(?:为|达到|达)?(\d+(?:\.\d+)?)%"), "%"),
    ("investment_completed", re.compile(r"完成(?:固定资产)?投资(\d+(?:\.\d+)?)(亿|万)元"), "元"),
    ("projects_signed", re.compile(r"签约[^，。；]{0,10}?项目(\d+)个|签约(\d+)个项目"), "个"),
    ("projects_started", re.compile(r"(?:已|新)?开工(\d+)个"), "个"),
    ("projects_completed", re.compile(r"(?:已|新)?竣工(?:投产)?(\d+)个"), "个"),
]


def _stats(sentences: list[str]) -> list[Stat]:
    out: list[Stat] = []
    for sent in sentences:
        if "个" not in sent and "%" not in sent and "投资" not in sent:
            continue
        for kind, rx, unit in _STAT_PATTERNS:
            for m in rx.finditer(sent):
                raw = next(g for g in m.groups() if g)
                num = re.sub(r"\s*个$", "", raw)
                try:
                    value = float(num)
                except ValueError:
                    continue
                if kind == "investment_completed":
                    value *= 1e8 if m.group(2) == "亿" else 1e4
                out.append(Stat(kind, value, unit, sent[:160]))
    return out


def clear_caches() -> None:
    """Forget memoised name checks (benchmarks use it to time a cold start)."""
    for fn in (norm_name, _strip_name, _is_good_name):
        fn.cache_clear()


def extract_milestones(article: Article) -> tuple[list[Milestone], list[Stat]]:
    """Every milestone of every named project in the article, plus aggregate figures.

    Never raises on odd input: an empty or junk body gives ([], []).
    """
    text = article.body_simplified or ""
    if not text.strip():
        return [], []
    text = _PINYIN_RE.sub("", text[:MAX_CHARS])
    st = _State(pub=parse_published(article.published))
    numbered = _numbered_sentences(text)
    sentences = [s for _, s in numbered]
    quote_topics = _quote_speakers(sentences)
    for order, (para, sent) in enumerate(numbered):
        st.para = para
        for m in _ABBREV_RE.finditer(sent):
            before = sent[: m.start()]
            floor = max(before.rfind(ch) for ch in "，,。；;：: ") + 1
            start = _left_cut(before, len(before), floor)
            full = _strip_name(before[start:])
            if full:
                abbr = m.group(1)
                if abbr.endswith("项目") and not full.endswith("项目"):
                    full += "项目"
                st.abbrevs[abbr] = full
        sent = _ABBREV_RE.sub("", sent)
        for abbr in sorted(st.abbrevs, key=len, reverse=True):
            full = st.abbrevs[abbr]
            if abbr in sent and abbr not in full:
                sent = sent.replace(abbr, full)
        _process_sentence(sent, st, order, quote_topics.get(order))
    return _merge(st), _stats(sentences)


def _quote_speakers(sentences: list[str]) -> dict[int, str]:
    """A quote's project named after it: "“…使项目快速取得施工许可证。”X项目负责人说" -> X.

    News puts the speaker after the quote; sentences inside the quote that say
    only "项目" mean the speaker's project.
    """
    out: dict[int, str] = {}
    for i, sent in enumerate(sentences):
        if not sent.startswith("“"):
            continue
        for j in range(i, min(i + 5, len(sentences))):
            close = sentences[j].find("”") if j > i else sentences[j].find("”", 1)
            if close < 0:
                continue
            tail = sentences[j][close + 1 :]
            m = re.match(
                r"^[，,]?([^，,。]{4,50}?)(?:负责人|相关负责人|总经理|董事长|介绍|表示|说)", tail
            )
            if m:
                singles = _find_singles(m.group(1), 0, len(m.group(1)), [], [])
                singles = [n for n in singles if n.kind == "single"]
                if singles:
                    for k in range(i, j + 1):
                        out[k] = singles[0].name
                elif re.search(r"公司|集团|企业", m.group(1)):
                    # a company speaks of its own affairs, not of the project in focus
                    for k in range(i, j + 1):
                        out[k] = ""
            break
    return out
