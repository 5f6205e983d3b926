"""An amount in Chinese financial capitals [人民币大写], as contracts and notes print it:
壹万零伍佰元整, 壹佰元零伍分. Zeros inside the number are read once; 拾 keeps its 壹.
"""

from __future__ import annotations

DIGITS = "零壹贰叁肆伍陆柒捌玖"
_PLACES = ("", "拾", "佰", "仟")
_GROUPS = ("", "万", "亿", "万亿")


def _group(value: int) -> str:
    """0 < value < 10000, without leading zeros."""
    out, zero = "", False
    for place in range(3, -1, -1):
        d = value // 10 ** place % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += DIGITS[d] + _PLACES[place]
    return out


def _integer(n: int) -> str:
    groups = []
    while n:
        n, g = divmod(n, 10_000)
        groups.append(g)
    out, gap = "", False
    for index in range(len(groups) - 1, -1, -1):
        g = groups[index]
        if g == 0:
            gap = bool(out)
            continue
        if out and (gap or g < 1000):
            out += "零"
        out += _group(g) + _GROUPS[index]
        gap = False
    return out


def rmb_in_words(minor: int) -> str:
    """Minor units (fen) to 大写: 1234567 → 壹万贰仟叁佰肆拾伍元陆角柒分."""
    if isinstance(minor, bool) or not isinstance(minor, int):
        raise TypeError("an amount in minor units")
    sign = "负" if minor < 0 else ""
    yuan, rest = divmod(abs(minor), 100)
    jiao, fen = divmod(rest, 10)
    if yuan == 0 and rest == 0:
        return "零元整"
    out = _integer(yuan) + "元" if yuan else ""
    if rest == 0:
        return sign + out + "整"
    if jiao:
        out += DIGITS[jiao] + "角"
    elif yuan:
        out += "零"
    if fen:
        out += DIGITS[fen] + "分"
    return sign + out
