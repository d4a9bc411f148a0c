"""Mojibake: repaired when the bytes survived, reported and cut out when they did not."""

from __future__ import annotations

from pipelines.mojibake import clean_mojibake
from pipelines.parse import parse_article


def garble(text: str) -> str:
    """UTF-8 bytes read as GBK, the commonest accident on Chinese sites."""
    return text.encode("utf-8").decode("gbk", errors="replace")


def test_mojibake_whose_bytes_survived_is_repaired_in_place() -> None:
    damaged = "今年" + garble("城市") + "取得进展。"
    assert damaged != "今年城市取得进展。"
    line, runs, repaired = clean_mojibake(damaged)
    assert (line, runs, repaired) == ("今年城市取得进展。", [], 1)


def test_mojibake_with_lost_bytes_keeps_what_survived_and_reports_the_run() -> None:
    sentence = "哈尔滨市重大项目集中开工，总投资超过二百亿元。"
    damaged = garble(sentence)
    assert "\ufffd" in damaged  # some bytes were lost by errors="replace"
    line, runs, _ = clean_mojibake("新闻：" + damaged)
    assert runs  # reported as garbled
    assert line.startswith("新闻：哈尔滨市重大项目")
    assert "总投资超过二百亿元" in line


def test_misaligned_gbk_run_is_cut_out_and_the_sentence_around_it_kept() -> None:
    # A GBK page that lost a byte: the run cannot come back, the words around it can.
    line, runs, _ = clean_mojibake("据悉，园区二期?！绊椖慷Y包已经启动招商。")
    assert runs == ["?！绊椖慷Y"]
    assert line == "据悉，园区二期包已经启动招商。"


def test_pinyin_fragment_left_by_mojibake_is_a_garbled_run() -> None:
    line, runs, _ = clean_mojibake("来源: 临江日?qǐng)?bào)")
    assert runs == ["?qǐng)?bào)"]
    assert line == "来源: 临江日"


def test_names_with_rare_characters_are_not_mojibake() -> None:
    for text in [
        "邯郸市鄢陵县肯立科技项目A号厂房",
        "譚國陞出席",
        "黑龍江省鶴畦生態農業",
        "?金山網訊?計劃",
    ]:
        assert clean_mojibake(text) == (text, [], 0)


def test_garbled_headline_is_never_the_title_or_outlet() -> None:
    page = (
        "“十?!狈沾夙椖拷ㄔO加速\n"
        "临江港区三期码头开港运营\n"
        "2025-06-01 09:12 来源:临江日?qǐng)?bào)\n"
        "本报讯 5月31日，临江港区三期码头开港运营，总投资18亿元。\n"
    )
    a = parse_article(page)
    assert a.title == "临江港区三期码头开港运营"
    assert a.outlet == "临江日报"  # the surviving pinyin names the lost character
    assert a.garbled is True
    assert "本报讯 5月31日，临江港区三期码头开港运营，总投资18亿元。" in a.body
