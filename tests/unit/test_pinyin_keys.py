"""Search keys for names [拼音检索]: characters, full pinyin and initials, a person's
surname read as a surname, pinyin order."""

from __future__ import annotations

from sales_desk.domain.common import pinyin_keys as pk
from sales_desk.domain.customers.files import name_keys


def _finds(needle: str, code: str, name: str, short: str = "", person: bool = False) -> bool:
    """The rule the indexes implement: a long needle is a run of the search text, a short
    one a term of the grams."""
    needle = pk.normalize_search(needle)
    if pk.is_short(needle):
        return needle in pk.search_grams([code], [name, short], person).split(" ")
    return needle in pk.search_text([code], [name, short], person)


def test_huatong_is_keyed_as_huatong_and_ht() -> None:
    assert pk.pinyin_full("华通") == "huatong"
    assert pk.pinyin_initials("华通") == "ht"


def test_a_customer_is_found_by_characters_full_pinyin_and_initials() -> None:
    name = "上海华通贸易有限公司"
    for typed in ("华通", "华通贸易", "huatong", "HuaTong", "ht", "shht", "华", "h", "C00042", "42"):
        assert _finds(typed, "C00042", name), typed
    for typed in ("华东", "huadong", "hd", "tongh x"):
        assert not _finds(typed, "C00042", name), typed


def test_a_short_name_is_keyed_like_the_name() -> None:
    assert _finds("hw", "C1", "深圳市某某科技有限公司", "华为")
    assert _finds("huawei", "C1", "深圳市某某科技有限公司", "华为")


def test_polyphonic_characters_are_read_in_their_phrase() -> None:
    assert pk.pinyin_full("重庆银行") == "chongqingyinhang"
    assert pk.pinyin_initials("重庆银行") == "cqyh"


def test_a_persons_surname_is_read_as_a_surname_and_the_common_reading_kept() -> None:
    assert pk.surname_readings("曾国藩") == ("zengguofan", "zgf")
    assert pk.surname_readings("单雄信") == ("shanxiongxin", "sxx")
    assert pk.surname_readings("张三") == ()
    for typed in ("zengguofan", "zgf", "cengguofan", "cgf", "曾国"):
        assert _finds(typed, "", "曾国藩", person=True), typed
    assert not _finds("zgf", "", "曾国藩", person=False)


def test_letters_and_digits_in_a_name_are_kept_whole_in_the_initials() -> None:
    assert pk.pinyin_initials("ABC华通 2号") == "abcht2h"
    assert pk.pinyin_full("ＡＢＣ华通") == "abchuatong"  # full-width folded


def test_names_sort_in_pinyin_order_not_by_code_point() -> None:
    names = ["张三贸易", "安徽建材", "北京华通", "ABC Trading", "重庆银行"]
    assert sorted(names, key=pk.sort_key) == ["ABC Trading", "安徽建材", "北京华通", "重庆银行", "张三贸易"]
    # by code point 北 (U+5317) comes before 安 (U+5B89) and 重 (U+91CD) last
    assert sorted(names) == ["ABC Trading", "北京华通", "安徽建材", "张三贸易", "重庆银行"]


def test_a_customer_row_carries_every_key() -> None:
    keys = name_keys("C7", "华通", "")
    assert keys == {"search_text": "c7\x1f华通\x1fht\x1ehuatong",
                    "search_grams": "c c7 7 华 华通 通 h ht t", "sort_key": "hua tong"}


def test_a_short_text_is_in_the_search_text_before_its_end_mark_exactly_when_it_is_a_gram() -> None:
    # The walk of a name-order index tests a short text on the search text the index
    # carries, before SHORT_END (services/common/search.py); the grams are the rule.
    names = [("C00042", "上海华通贸易有限公司", "华通", False), ("C7", "ABC Trading (HK)", "", False),
             ("", "曾国藩", "", True), ("K-9", "黄安机电", "安机", False), ("c1", "重庆银行", "重银", False)]
    for code, name, short, person in names:
        text = pk.search_text([code], [name, short], person)
        head = text.split(pk.SHORT_END)[0]
        grams = set(pk.search_grams([code], [name, short], person).split(" "))
        candidates = {text[i:i + n] for n in (1, 2) for i in range(len(text))} | {"an", "ua", "ng", "zg"}
        for needle in (c for c in candidates if c.isalnum()):
            assert (needle in head) == (needle in grams), (name, needle)
    assert pk.search_text(["C7"], ["ABC"]) == "c7\x1fabc\x1e"  # nothing after the mark: letters read as written
