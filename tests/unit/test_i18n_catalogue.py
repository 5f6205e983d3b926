"""Every user-visible string has a Simplified Chinese translation, and the shipped
.mo matches its .po (run `python tools/i18n.py update` then `compile`)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import i18n as tool  # noqa: E402
from babel.messages.mofile import read_mo  # noqa: E402

from sales_desk import i18n  # noqa: E402

FIELD = re.compile(r"\{[a-z_0-9]*\}")


def forms(text: str | tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    """A message's id or string as a tuple: plural entries (ngettext) have several forms."""
    if text is None:
        return ()
    return tuple(text) if isinstance(text, tuple | list) else (text,)


@pytest.mark.parametrize("lang", tool.LANGUAGES)
def test_every_string_in_the_code_is_translated(lang: str) -> None:
    catalog = tool.read(lang)
    def missing(m) -> bool:  # noqa: ANN001
        entry = catalog.get(m.id, context=m.context)  # a word in a context (pgettext) is its own entry
        return entry is None or not all(forms(entry.string)) or entry.fuzzy

    untranslated = [m.id for m in tool.extract() if m.id and missing(m)]
    assert untranslated == [], f"{len(untranslated)} untranslated; run tools/i18n.py update: {untranslated[:10]}"


@pytest.mark.parametrize("lang", tool.LANGUAGES)
def test_translations_keep_every_format_field(lang: str) -> None:
    bad = [m.id for m in tool.read(lang) if m.id and m.string
           for text in forms(m.string) if sorted(FIELD.findall(forms(m.id)[-1])) != sorted(FIELD.findall(text))]
    assert bad == []


@pytest.mark.parametrize("lang", tool.LANGUAGES)
def test_compiled_catalogue_matches_its_source(lang: str) -> None:
    po = {(m.context, forms(m.id)): forms(m.string) for m in tool.read(lang) if m.id and m.string and not m.fuzzy}
    with tool.po_path(lang).with_suffix(".mo").open("rb") as fh:
        mo = {(m.context, forms(m.id)): forms(m.string) for m in read_mo(fh) if m.id}
    assert mo == po, "run `python tools/i18n.py compile`"


def test_chinese_ui_is_really_chinese() -> None:
    assert i18n.translator("zh_CN")("Sales rep") == "销售专员"
