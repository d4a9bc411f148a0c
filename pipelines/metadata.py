"""Read a page's own metadata: the date line, the outlet, bylines and editors.

Printed dates themselves are read by pipelines/dates.py (find_printed_date),
shared with the HTML extractor; here they only mark and strip meta lines.

All functions take Simplified text (OpenCC t2s of a cleaned line) so one
pattern serves both scripts; values come back Simplified.
"""

from __future__ import annotations

import re

from pipelines.dates import PRINTED_DMY, PRINTED_YMD
from pipelines.vocab_clean import (
    AUTHOR_ROLES,
    DATE_LABELS,
    EDITOR_LABELS,
    OUTLET_STOP,
    OUTLET_SUFFIXES,
)

# LABELLED: `来源: 绵阳日报`, `作者:吴昊`, `编辑:赵晓娜` — a label and its value on a meta line.
_LABEL_WORDS = "来源|来自|出处|作者|记者|通讯员|编辑|责任编辑|责编|审核|校对|发布者|发布人|供稿|稿源|浏览次数|浏览|阅读|点击|点击数|访问量|字号|评论"
LABELLED = re.compile(rf"(?:{_LABEL_WORDS})\s*[:：]\s*[^\s|｜:：]*")
SOURCE = re.compile(
    r"(?:来源|稿源|出处)\s*[:：]\s*(?P<v>[^\s|｜]+(?:\s(?=[^\s|｜:：]*$))?[^\s|｜]*)"
)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_DATE_LABEL = re.compile("|".join(sorted(DATE_LABELS, key=len, reverse=True)) + r"|[:：|｜/]")
_FORUM_META = re.compile(r"显示全部楼层|阅读模式|只看该作者|倒序浏览|楼主|电梯直达")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE = re.compile(r"[，。；！？,;]")

# LEAD: a news lead `金山网讯 …`, `【文汇网讯】`, `生活报5月25日讯 `, `河南日报讯:`.
# The name list before 讯 may hold several outlets `市场星报、安徽财经网(m.xomn.cn)、掌中安徽讯`.
LEAD = re.compile(
    r"^[?？\s]*[【\[]?(?P<names>[\u4e00-\u9fff·、()（）a-zA-Z.]{2,40}?)"
    r"(?:\d{1,2}月\d{1,2}日)?讯[】\]]?(?=[\s(（:：?？\u4e00-\u9fff\u3000]|$)"
)
# The last character of a word that ends in 讯 without being a lead (资讯, 通讯, 快讯...).
_NOT_LEAD_END = set("资通快简喜音视死审传问短电新")
# A wire-service dateline: `新华社北京5月25日电`, `中新网南宁3月2日电`.
WIRE = re.compile(
    r"^(?P<name>[\u4e00-\u9fff]{2,6}?(?:社|网))[\u4e00-\u9fff]{2,8}?\d{1,2}月\d{1,2}日电"
)

# BYLINE: `(记者 谢晓龙 通讯员 丁泉洋)`, `(晏培娟 钱飞 薛诚)`, `(香港文汇网记者 赵臣)` at a line's
# start (after a lead) or end: role words and two-to-four-character names only.
_ROLE = "|".join(sorted(map(re.escape, AUTHOR_ROLES), key=len, reverse=True))
BYLINE = re.compile(
    rf"[(（](?P<inner>(?:[\u4e00-\u9fff]{{0,8}}?(?:{_ROLE}))?\s*[\u4e00-\u9fff]{{2,4}}"
    rf"(?:\s+(?:(?:{_ROLE})\s*)?[\u4e00-\u9fff]{{2,4}})*(?:\s*(?:{_ROLE}))?)\s*[)）]?"
)
_ROLES_LONGEST = sorted(AUTHOR_ROLES, key=len, reverse=True)
# BYLINE_PLAIN: `通讯员 许庆勇 李丽娟 报道:` at a paragraph's start.
BYLINE_PLAIN = re.compile(
    r"^(?:记者|通讯员|本报记者)\s*(?P<inner>(?:[\u4e00-\u9fff]{2,4}\s*){1,4})(?:报道)?[:：]"
)
# TRAILING_CREDIT: `（来源：江城日报）` closing a paragraph.
TRAILING_CREDIT = re.compile(
    r"[(（]\s*(?:来源|稿源|信息来源|文章来源)\s*[:：]\s*(?P<v>[^()（）]{2,24})[)）]\s*$"
)
# REPORTED_BY: `据《江城日报》报道，` / `据江城网消息，` opening a paragraph.
REPORTED_BY = re.compile(r"^据《?(?P<v>[\u4e00-\u9fff]{2,12}?)》?(?:报道|消息|讯)[,，:：]")
EDITOR = re.compile(
    r"[\[【(（]?\s*(?:" + "|".join(sorted(EDITOR_LABELS, key=len, reverse=True)) + r")\s*[:：]\s*"
    r"(?P<v>[\u4e00-\u9fff·]{2,4}(?:[\s、,，]+(?![\u4e00-\u9fff]*[:：])[\u4e00-\u9fff·]{2,4})*)\s*[\]】)）]?"
)
EDITOR_LINE = re.compile(
    r"^\s*[\[【(（]?\s*(?:"
    + "|".join(sorted(EDITOR_LABELS, key=len, reverse=True))
    + r")\s*[:：][^。]{0,40}$"
)


def meta_residue(simplified: str) -> str:
    """What is left of a line once dates, labels, URLs and separators are taken out."""
    s = _URL.sub(" ", simplified)
    s = PRINTED_YMD.sub(" ", s)
    s = PRINTED_DMY.sub(" ", s)
    s = LABELLED.sub(" ", s)
    s = _FORUM_META.sub(" ", s)
    s = _DATE_LABEL.sub(" ", s)
    return s.strip()


def is_meta_line(simplified: str) -> bool:
    """A date line / source line: a date or a 来源 label, and little else."""
    has_date = bool(PRINTED_YMD.search(simplified) or PRINTED_DMY.search(simplified))
    has_source = bool(SOURCE.search(simplified))
    if not (has_date or has_source):
        return False
    rest = meta_residue(simplified)
    if _SENTENCE.search(rest):
        return False
    return len(_CJK.findall(rest)) <= 16


# META_START: where a date line's matter begins: a printed date or a date/source/author label.
META_START = re.compile(
    "|".join(
        [
            PRINTED_YMD.pattern,
            *(re.escape(label) for label in sorted(DATE_LABELS, key=len, reverse=True)),
            r"(?:来源|稿源|出处|作者|记者|发布者|发布人)\s*[:：]",
        ]
    )
)
_HEADLINE_PUNCT = re.compile(r"[。，,；;！!？?]")


def headline_meta_cut(simplified: str) -> int | None:
    """Where the date line starts when a headline and its date line share one line.

    Some dumps glue them (`【图片新闻】某某项目建设忙 2026-11-19 09:12 来源：某某日报`);
    read as one they give neither a title nor a clean date line. The part before
    must read as a headline (no sentence marks, five CJK characters or more) and
    the part after as a date line. An outlet name before a date (`江城日报
    2024-08-24`) is no headline: None.
    """
    m = META_START.search(simplified)
    if not m or m.start() == 0:
        return None
    head, tail = simplified[: m.start()].strip(), simplified[m.start() :]
    if len(_CJK.findall(head)) < 5 or _HEADLINE_PUNCT.search(head) or len(head) > 80:
        return None
    if head.endswith((*OUTLET_SUFFIXES, ":", "：", "|", "｜")) or not is_meta_line(tail):
        return None
    return m.start()


def clean_outlet(value: str) -> str | None:
    """A 来源 value or a lead name -> an outlet name, or None for generic words."""
    v = re.sub(r"[《》“”\"'【】\[\]]", "", value).strip()
    v = re.split(
        r"[\s|｜,，;；]|(?:作者|编辑|记者|责任编辑|责编|发布时间|发布日期|时间|日期)[:：]", v
    )[0]
    v = re.sub(r"[(（][^)）]*[)）]?$", "", v).strip(" :：-—·)）")
    if not v or v in OUTLET_STOP or not _CJK.search(v) or len(v) > 20:
        return None
    return v


def source_value(simplified: str) -> str | None:
    """The outlet named by a `来源:` label in a meta line."""
    m = SOURCE.search(simplified)
    return clean_outlet(m["v"]) if m else None


def residue_outlet(simplified: str) -> str | None:
    """A date line's leftover word when it names an outlet (`河南日报  2019-07-15`)."""
    for word in meta_residue(simplified).split():
        if 2 <= len(word) <= 12 and _CJK.match(word) and word.endswith(OUTLET_SUFFIXES):
            v = clean_outlet(word)
            if v:
                return v
    return None


def lead_outlet(simplified: str) -> tuple[str | None, int]:
    """The outlet credited by a lead (`金山网讯`), and where the lead ends (0 if none)."""
    m = WIRE.match(simplified)
    if m:
        return clean_outlet(m["name"]), m.end()
    m = LEAD.match(simplified)
    if not m:
        return None, 0
    names = m["names"]
    if names[-1] in _NOT_LEAD_END:
        return None, 0
    first = re.sub(r"[(（][^)）]*[)）]", "", names).split("、")[0].strip()
    if len(first) < 2:
        return None, 0
    return clean_outlet(first), m.end()


def byline_names(simplified: str) -> list[str]:
    """Author names from a parenthesised byline or a `记者 X` opening of the line."""
    names: list[str] = []
    for m in list(BYLINE.finditer(simplified))[:3]:
        inner = m["inner"]
        # Only bylines at the start (after a lead) or the end of the line count.
        before = simplified[: m.start()]
        at_start = len(before) <= 20 and not _SENTENCE.search(before)
        at_end = m.end() >= len(simplified.rstrip()) - 1
        if not (at_start or at_end):
            continue
        if not (re.search(_ROLE, inner) or " " in inner.strip()):
            continue
        names.extend(_names(inner))
    m = BYLINE_PLAIN.match(simplified)
    if m:
        names.extend(_names(m["inner"]))
    return names


def _names(inner: str) -> list[str]:
    out = []
    for token in re.split(r"[\s/、]+", inner):
        for role in _ROLES_LONGEST:  # peel role words off both ends: 香港文汇网记者 -> 香港文汇网
            if token.endswith(role) and len(token) > len(role):
                token = token[: -len(role)]
            if token.startswith(role) and len(token) - len(role) >= 2:
                token = token[len(role) :]
        if token in AUTHOR_ROLES:
            continue
        if 2 <= len(token) <= 4 and _CJK.match(token) and not token.endswith(("网", "报", "社")):
            out.append(token)
    return out


# One word of a byline line: a role, a name, or both glued (`记者张三`, `文/图`, `摄`).
_BYLINE_ROLES = "|".join(
    sorted(map(re.escape, [*AUTHOR_ROLES, "文/图", "图/文", "本报记者"]), key=len, reverse=True)
)
_BYLINE_TOKEN = re.compile(
    rf"^(?P<r1>{_BYLINE_ROLES})?[:：/]?(?P<name>[\u4e00-\u9fff·]{{2,4}})?[:：/]?(?P<r2>{_BYLINE_ROLES})?$"
)


def byline_line(simplified: str) -> list[str] | None:
    """Author names when the whole line is a byline (`(记者 韩波)`, `梁锐 记者 夏宁 文/图)`)."""
    s = simplified.strip().strip("()（）[]【】 ")
    if not s or len(s) > 40:
        return None
    names: list[str] = []
    has_role = False
    for token in re.split(r"[\s、,，]+", s):
        m = _BYLINE_TOKEN.match(token)
        if not m or not any(m.groupdict().values()):
            return None
        has_role = has_role or bool(m["r1"] or m["r2"])
        name = m["name"]
        if name and name not in AUTHOR_ROLES:
            if name.endswith(("网", "报", "社", "台")):
                return None
            names.append(name)
    return names if has_role and names else None


def credit_outlet(simplified: str) -> str | None:
    """A credit at a paragraph's end, `…。（来源：江城日报）`."""
    m = TRAILING_CREDIT.search(simplified)
    return clean_outlet(m["v"]) if m else None


def reported_by(simplified: str) -> str | None:
    """`据江城日报报道，…` at a paragraph's start names the outlet."""
    m = REPORTED_BY.match(simplified)
    if not m or not m["v"].endswith(OUTLET_SUFFIXES):
        return None
    return clean_outlet(m["v"])


AUTHOR_LABEL = re.compile(
    r"(?:作者|记者|通讯员|撰稿)\s*[:：]\s*(?P<v>[\u4e00-\u9fff·]{2,4}(?:[\s、,，]+(?![\u4e00-\u9fff]*[:：])[\u4e00-\u9fff·]{2,4})*)"
)


def labelled_authors(simplified: str) -> list[str]:
    """`作者：吴昊` on a meta line."""
    return [
        n
        for m in AUTHOR_LABEL.finditer(simplified)
        for n in re.split(r"[\s、,，]+", m["v"])
        if n and not any(label in n for label in EDITOR_LABELS)
    ]


def editor_names(simplified: str) -> list[str]:
    return [
        n
        for m in EDITOR.finditer(simplified)
        for n in re.split(r"[\s、,，]+", m["v"])
        if n and not any(label in n for label in EDITOR_LABELS)
    ]


def is_editor_line(simplified: str) -> bool:
    return bool(EDITOR_LINE.match(simplified))
