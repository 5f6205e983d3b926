"""gettext for services, reports and the CLI; the Qt UI uses the same `_`.

One catalogue (domain ``sales_desk``) per language under ``sales_desk/locale``.
English is the source language, so it needs no catalogue. Reports that print in a
language other than the UI's ask for ``translator(lang)`` explicitly.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from sales_desk.config import SUPPORTED_LANGUAGES

DOMAIN = "sales_desk"
LOCALE_DIR = Path(__file__).with_name("locale")

_current = "en"


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    if lang == "en":
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def set_language(lang: str) -> None:
    global _current
    if lang not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}")
    _current = lang


def current_language() -> str:
    return _current


def _(message: str) -> str:
    """Translate into the current UI language."""
    return translations(_current).gettext(message)


def pgettext(context: str, message: str) -> str:
    """Translate a word whose meaning depends on where it stands (an opportunity "Lost", not a churned customer)."""
    return translations(_current).pgettext(context, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_current).ngettext(singular, plural, n)


def NP_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular/plural pair for extraction; pass it to `ngettext` where it is shown."""
    return singular, plural


def NC_(context: str, message: str) -> str:
    """Mark a word for extraction in its context; translate it later with `pgettext(context, word)`."""
    return message


def N_(message: str) -> str:
    """Mark a string for extraction; translate it later, where it is shown."""
    return message


def translator(lang: str) -> Callable[[str], str]:
    """A `_` bound to one language, for printed forms in the customer's language."""
    return translations(lang).gettext


def join_list(items: Iterable[str], gettext: Callable[[str], str] | None = None) -> str:
    """Items as one list in the reader's language ("a, b, c"; in Chinese "a、b、c"),
    each added through one format string so the translator picks the separator."""
    tr = gettext or _
    joined: str | None = None
    for item in items:
        # TRANSLATORS: one more item added to a list ("a, b" + "c" → "a, b, c").
        joined = item if joined is None else tr("{list}, {item}").format(list=joined, item=item)
    return joined or ""
