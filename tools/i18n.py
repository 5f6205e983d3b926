"""Keep the gettext catalogues in step with the code.

    python tools/i18n.py update    # extract every _()/N_() string, merge into each .po
    python tools/i18n.py compile   # .po → .mo (the app loads .mo with stdlib gettext)
    python tools/i18n.py missing OUT.json        # the untranslated msgids, each mapped to ""
    python tools/i18n.py fill IN.json [IN.json…]  # msgid → translation, written into the .po

`missing` and `fill` let translations travel as JSON beside a branch, so two branches that
add strings merge by re-running `update` and filling from both files, not by merging .po.

tests/unit/test_i18n_catalogue.py fails on any string without a translation and on a
.mo that is older than its .po, so run both after changing user-visible text.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "sales_desk"
LOCALE_DIR = PACKAGE / "locale"
DOMAIN = "sales_desk"
LANGUAGES = ("zh_CN",)
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "NP_": (1, 2), "pgettext": ((1, "c"), 2), "NC_": ((1, "c"), 2),
            "tr": None}


def extract() -> Catalog:
    catalog = Catalog(project="Sales Desk", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    ):
        catalog.add(message, None, [(f"sales_desk/{filename}", lineno)], auto_comments=comments, context=context)
    return catalog


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, domain=DOMAIN)
    with path.open("rb") as fh:
        return read_po(fh, locale=lang, domain=DOMAIN)


def update() -> None:
    template = extract()
    for lang in LANGUAGES:
        catalog = read(lang)
        created = catalog.creation_date  # kept: a new date on every update conflicted on merge
        catalog.update(template, no_fuzzy_matching=True)
        catalog.creation_date = created
        catalog.fuzzy = False
        catalog.project, catalog.version = "Sales Desk", "0"
        po_path(lang).parent.mkdir(parents=True, exist_ok=True)
        _write(lang, catalog)
        missing = [m.id for m in catalog if m.id and not m.string]
        print(f"{lang}: {len(catalog)} messages, {len(missing)} untranslated")


def _write(lang: str, catalog: Catalog) -> None:
    with po_path(lang).open("wb") as fh:
        write_po(fh, catalog, width=100, omit_header=False, sort_output=False, ignore_obsolete=True,
                 include_lineno=False)  # file names only: line numbers made every change conflict


def missing(out: str) -> None:
    lang = LANGUAGES[0]
    # A plural entry's string is a tuple of forms, ("",) when untranslated: not empty, still missing.
    ids = {_key(m): "" for m in read(lang) if m.id and not _translated(m.string)}
    Path(out).write_text(json.dumps(ids, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{lang}: {len(ids)} untranslated written to {out}")


def _translated(string: str | tuple[str, ...]) -> bool:
    return all(string) if isinstance(string, tuple) else bool(string)


def _key(m: Message) -> str:
    """A message's key in the JSON files: its msgid (a plural's singular), after "context\x04" if it has one."""
    msgid = m.id if isinstance(m.id, str) else m.id[0]
    return f"{m.context}\x04{msgid}" if m.context else msgid


def fill(*files: str) -> None:
    lang = LANGUAGES[0]
    catalog = read(lang)
    given: dict[str, str | list[str]] = {}
    for f in files:
        given.update(json.loads(Path(f).read_text(encoding="utf-8")))
    filled = 0
    for m in catalog:
        text = given.get(_key(m)) if m.id else None
        if not text:
            continue
        if isinstance(m.id, tuple):  # zh_CN has one plural form
            m.string = tuple(text) if isinstance(text, list) else (text,)
        else:
            m.string = text if isinstance(text, str) else text[0]
        filled += 1
    _write(lang, catalog)
    left = sum(1 for m in catalog if m.id and not _translated(m.string))
    print(f"{lang}: {filled} filled, {left} still untranslated")


def compile_all() -> None:
    for lang in LANGUAGES:
        catalog = read(lang)
        with po_path(lang).with_suffix(".mo").open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "update"
    {"update": update, "compile": compile_all, "missing": missing, "fill": fill}[command](*sys.argv[2:])
