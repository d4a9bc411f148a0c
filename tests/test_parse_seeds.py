"""The five seed documents through the parser: exact metadata, a clean body, sentences kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.document import process_bytes
from pipelines.parse import parse_article
from pipelines.pinyin import PINYIN_ANNOTATION
from pipelines.records import Article
from pipelines.spam import has_spam_words

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def seed(prefix: str) -> Article:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return parse_article(path.read_text(encoding="utf-8"))


# title, published, outlet, city, spam, garbled
EXPECTED = {
    "000": (
        "哈汽重燃及核電裝備生產制造基地項目創造新速度",
        "2024-08-24 10:05",
        "镇江日报",
        "镇江市",
        True,
        True,
    ),
    "001": ("【經開區】推動項目建設“加速跑”", "2024-10-24 09:03", "绵阳日报", "绵阳市", True, True),
    "002": (None, None, "市场星报", "合肥市", False, True),
    "003": (
        "哈爾濱産業項目三年攻堅戰精彩開局",
        "2019-04-22 09:55:23",
        "黑龙江日报",
        "哈尔滨市",
        False,
        False,
    ),
    "004": (None, None, None, "漯河市", False, True),
}

# Sentences (or long fragments) of the article that must survive cleaning.
KEPT = {
    "000": [
        "8月23日上午,哈汽重燃及核電裝備生產制造基地(以下簡稱“哈汽項目”)項目組的王廣明",
        "“專窗”是在市政務服務大廳設置高新區項目服務專窗。",
        "180個新建項目已開工169個,開工率93.9%",
    ],
    "001": [
        "該項目是市區重點項目,占地面積123畝,計劃總投資9.5億元",
        "該區開工建設的高精密印刷電路板(PCB)項目,總投資30億元",
        "推動久遠化工、越昊科技、同源社等8個、計劃總投資19.2億元的工業項目竣工投產。",
    ],
    "002": [
        "市場星報、安徽財經網(m.xomn.cn)、掌中安徽訊",
        "三季度計劃再開工戴爾樂(征地)、中機五建、云海鎂合金建筑模板等項目。",
        "新投產宜安科技二期、江海泡沫等優質項目5個。",
    ],
    "003": [
        "預計月底前開復工重點産業項目將達186個,佔全年計劃的73%。",
        "今年初,投資20億元的黑龍江飛鶴乳業有限公司乳製品智慧産業園項目落戶雙城區。",
        "通過市區縣三級協調會辦機制快速解決。",
    ],
    "004": [
        "(記者 謝曉龍 通訊員 丁泉洋)日前,記者從市發改委獲悉",
        "其中總投資120億元的金大地聯堿綠色轉型產業園項目已開工建設。",
        "實現問題從收集到解決的閉環運行。",
    ],
}

# Lines (or parts) that are page furniture and must be gone from the body.
GONE = {
    "000": [
        "四虎",
        "無碼",
        "无码",
        "首頁 新聞中心",
        "返回首頁",
        "相關新聞",
        "返回頂部",
        "責任編輯",
        "(zhèn)",
    ],
    "001": ["男人的天堂", "您现在的位置", "发稿时间", "編輯:譚鵬", "相关新闻", "(xiàng)", "摘要:"],
    "002": ["(chǎng)", "(xiàng)", "?duì)"],
    "003": ["國際在線版權", "律師費", "來源:黑龍江日報", "責編", "侵權方承擔"],
    "004": ["(xiàng)", "責編:瘦馬", "?jī)"],
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_metadata_is_exact(prefix: str) -> None:
    a = seed(prefix)
    title, published, outlet, city, spam, garbled = EXPECTED[prefix]
    assert (a.title, a.published, a.outlet, a.city) == (title, published, outlet, city)
    assert (a.spam, a.garbled) == (spam, garbled)


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_body_keeps_article_sentences(prefix: str) -> None:
    body = seed(prefix).body
    for sentence in KEPT[prefix]:
        assert sentence in body


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_body_has_no_furniture_pinyin_or_spam(prefix: str) -> None:
    a = seed(prefix)
    for junk in GONE[prefix]:
        assert junk not in a.body
    assert not PINYIN_ANNOTATION.search(a.body)
    assert not has_spam_words(a.body_simplified)
    assert a.body == "\n".join(a.paragraphs)


def test_seed_spam_lines_are_kept_as_evidence() -> None:
    assert seed("000").spam_lines[0].startswith("4hc44四虎www在线影院")
    assert seed("001").spam_lines == [
        "男人的天堂亚洲av无码_欧美亚洲日韩视频在线_最近2019年中文字幕_亚洲乱码中文手机在线"
    ]


def test_seed_garbled_headline_stays_out_of_title_and_is_reported() -> None:
    a = seed("000")
    assert any("夙椖" in run for run in a.garbled_runs)
    assert "狈" not in a.body and "狈" not in (a.title or "")
    # The sentence around the damaged run survives.
    assert "標志著哈爾濱電氣集團有限公司南方制造基地和出" in a.body


def test_seed_outlet_under_mojibake_is_completed_from_its_pinyin() -> None:
    a = seed("001")
    assert a.outlet == "绵阳日报"
    assert "?qǐng)?bào)" in a.garbled_runs


def test_seed_bylines_and_editors_become_metadata() -> None:
    assert seed("000").editors == ["张宁"]
    assert seed("003").editors == ["吕丹丹", "刘征宇"]
    assert seed("003").authors == ["韩波"]
    assert seed("004").authors == ["谢晓龙", "丁泉洋"]
    assert seed("004").editors == ["瘦马"]
    assert seed("001").editors == ["谭鹏"]


def test_seed_simplified_twins_are_filled() -> None:
    a = seed("003")
    assert a.title_simplified == "哈尔滨产业项目三年攻坚战精彩开局"
    assert "哈尔滨市产业项目建设不负春光" in a.body_simplified


@pytest.mark.parametrize("encoding", ["gb18030", "big5"])
def test_seed_bytes_in_other_encodings_parse_the_same(encoding: str) -> None:
    (path,) = SEEDS.glob("003_*.txt")
    text = path.read_text(encoding="utf-8")
    data = text.encode(encoding, errors="ignore")
    a = process_bytes(data)
    assert a.encoding == encoding
    # Big5 has no 産: the characters the codec cannot hold are missing from the input too.
    title = EXPECTED["003"][0].encode(encoding, errors="ignore").decode(encoding)
    assert (a.title, a.published, a.outlet, a.city) == (title, *EXPECTED["003"][1:4])
