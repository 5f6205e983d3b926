"""Search and sort keys for names, as a Chinese office looks them up [拼音检索].

A clerk finds 上海华通贸易 by any run of its characters (华通), by full pinyin
(huatong) or by initials (ht). The keys are computed once, when a name is saved, by
pypinyin (its phrase dictionary reads 银行 as yinhang, 重庆 as chongqing); a person's
surname is read as a surname (曾 zeng, 单 shan), the common reading kept beside it so
either finds the person.

Three keys per record:
- the search text: every searched part (code, names, their pinyin and initials),
  width- and case-folded, joined by separators no query contains (the full pinyin
  last, after SHORT_END); a trigram index (SQLite FTS5, PostgreSQL pg_trgm) finds a
  query of 3 characters or more in it;
- the grams: every 1- and 2-character run of the names and initials, space-separated,
  each an index term, so a 1- or 2-character query (华通, ht) is a term lookup too
  (a trigram index cannot look up fewer than 3 characters);
- the sort key: the name spelt in pinyin, which orders lists as a Chinese reader expects.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

SEPARATOR = "\x1f"
SHORT_END = "\x1e"  # in search_text: what a short text is looked for in ends here
SHORT_QUERY = 3  # a trigram index finds runs of at least this many characters

# Surnames whose reading as a surname differs from the character's common reading.
# Two-character (compound) surnames first: they are matched before single ones.
_SURNAMES: dict[str, tuple[str, ...]] = {
    "万俟": ('mo', 'qi'),
    "尉迟": ('yu', 'chi'),
    "长孙": ('zhang', 'sun'),
    "单于": ('chan', 'yu'),
    "澹台": ('tan', 'tai'),
    "曾": ('zeng',),
    "单": ('shan',),
    "解": ('xie',),
    "仇": ('qiu',),
    "朴": ('piao',),
    "查": ('zha',),
    "区": ('ou',),
    "乐": ('yue',),
    "覃": ('qin',),
    "盖": ('ge',),
    "缪": ('miao',),
    "翟": ('zhai',),
    "柏": ('bai',),
    "秘": ('bi',),
    "召": ('shao',),
    "折": ('she',),
    "黑": ('he',),
    "尉": ('yu',),
    "种": ('chong',),
    "员": ('yun',),
    "能": ('nai',),
    "过": ('guo',),
    "句": ('gou',),
    "阚": ('kan',),
    "繁": ('po',),
    "沈": ('shen',),
    "隗": ('wei',),
    "蕃": ('pi',),
    "祭": ('zhai',),
    "眭": ('sui',),
}


def normalize_search(text: str) -> str:
    """Fold width and case and drop spaces, so '华为 科技', '华为科技' and full-width
    'ＡＢＣ' match 'abc' (NFKC turns full-width into half-width)."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003134f"


@lru_cache(maxsize=65536)  # an import or a bulk load keys many names alike
def _runs(text: str) -> tuple[tuple[bool, tuple[str, ...]], ...]:
    """The text in runs: (True, syllables) for a run of Chinese characters (read with
    pypinyin's phrase dictionary), (False, (run,)) for letters, digits and the rest."""
    out: list[tuple[bool, tuple[str, ...]]] = []
    for han, run in _split_han(text):
        if han:
            from pypinyin import lazy_pinyin  # 0.16 s to import: only once a Chinese name is keyed

            out.append((True, tuple(lazy_pinyin(run))))
        else:
            out.append((False, (run,)))
    return tuple(out)


def _split_han(text: str) -> list[tuple[bool, str]]:
    runs: list[tuple[bool, str]] = []
    for ch in text:
        han = _is_han(ch)
        if runs and runs[-1][0] == han:
            runs[-1] = (han, runs[-1][1] + ch)
        else:
            runs.append((han, ch))
    return runs


def pinyin_full(text: str) -> str:
    """'华通' -> 'huatong'; letters and digits kept as they are ('ABC华通' -> 'abchuatong')."""
    return "".join("".join(syl) for _, syl in _runs(normalize_search(text)))


def pinyin_initials(text: str) -> str:
    """'华通' -> 'ht': the first letter of each Chinese character's syllable; runs of
    letters or digits kept whole ('ABC华通' -> 'abcht')."""
    return "".join("".join(s[:1] for s in syl) if han else syl[0]
                   for han, syl in _runs(normalize_search(text)))


def _surname(name: str) -> tuple[str, tuple[str, ...]] | None:
    """The surname at the head of a normalized name and its syllables as a surname, when
    that reading differs from the common one."""
    for length in (2, 1):
        head = name[:length]
        if len(head) == length and head in _SURNAMES:
            return head, _SURNAMES[head]
    return None


def surname_readings(full_name: str) -> tuple[str, ...]:
    """A person's name spelt with the surname read as a surname (曾国藩 -> zengguofan,
    zgf), when that differs from the common reading; () when it does not."""
    name = normalize_search(full_name)
    found = _surname(name)
    if found is None:
        return ()
    head, syllables = found
    rest = name[len(head):]
    return ("".join(syllables) + pinyin_full(rest), "".join(s[0] for s in syllables) + pinyin_initials(rest))


def search_text(codes: Iterable[str], names: Iterable[str], person: bool = False) -> str:
    """The text a trigram index searches: codes as typed, each name in all its spellings.

    The codes, the names as written and their initials come first, then SHORT_END, then
    the full pinyin: a 1- or 2-character text is found only before SHORT_END (as in the
    grams: 'an' must not find every 'huang'), a longer one anywhere. On SQLite the
    name-order indexes carry this text, so a search page tests it on the index entry."""
    short: list[str] = [normalize_search(c) for c in codes]
    full: list[str] = []
    for n in names:
        norm = normalize_search(n)
        if not norm:
            continue
        short += [norm, pinyin_initials(n)]
        full.append(pinyin_full(n))
        if person and (surname := surname_readings(n)):
            full.append(surname[0])
            short.append(surname[1])
    head = list(dict.fromkeys(p for p in short if p))
    tail = [p for p in dict.fromkeys(full) if p and p not in head]
    return SEPARATOR.join(head) + SHORT_END + SEPARATOR.join(tail)


def search_grams(codes: Iterable[str], names: Iterable[str], person: bool = False) -> str:
    """Every 1- and 2-character run of the codes, of the names as written and of their
    initials, space-separated (each one an index term for queries shorter than a trigram)."""
    grams: dict[str, None] = {}
    for code in codes:
        _runs_of(normalize_search(code), grams)
    for name in names:
        norm = normalize_search(name)
        if not norm:
            continue
        spellings = [norm, pinyin_initials(name)]
        if person:
            spellings += surname_readings(name)[1:]
        for s in spellings:
            _runs_of(s, grams)
    return " ".join(g for g in grams if g.isalnum())


def person_keys(codes: Iterable[str], name: str) -> dict[str, str]:
    """The search keys of a person (a colleague, a customer's contact), by column: the
    codes (a login) as typed, the name in characters, pinyin and initials, with the
    surname's own reading."""
    return {"search_text": search_text(codes, [name], person=True),
            "search_grams": search_grams(codes, [name], person=True)}


def _runs_of(s: str, grams: dict[str, None]) -> None:
    for i in range(len(s)):
        grams[s[i]] = None
        if i + 1 < len(s):
            grams[s[i:i + 2]] = None


def sort_key(name: str) -> str:
    """The name spelt in pinyin syllables, space-separated, so 'an' < 'ba' < 'zhang' orders
    Chinese names as a Chinese reader expects; names in letters sort among them."""
    norm = normalize_search(name)
    return " ".join(s for _, syl in _runs(norm) for s in syl)


def is_short(needle: str) -> bool:
    return len(needle) < SHORT_QUERY
