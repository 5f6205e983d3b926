"""What an exported workbook could make Excel compute or fetch, read straight from its XML parts.

No openpyxl: the .xlsx is a zip; the sheets' XML is searched with regular expressions for
formulas (and everything else that can run: links, DDE, data-validation formulas), and parsed
once with ElementTree (which also proves it well-formed) for the text of each column.
"""

from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

# A cell formula <f>…</f> or <f …/>, shared and array formulas included, with any prefix.
FORMULA = re.compile(rb"<(?:\w+:)?f(?:\s[^>]*)?(?:/>|>(.*?)</(?:\w+:)?f>)", re.S)
# Data-validation and conditional-format formulas, hyperlinks, OLE and DDE.
ACTIVE = re.compile(rb"<(?:\w+:)?(formula\d?|hyperlink|oleObject|ddeLink|oleLink|control)[\s>/]")
# Cell types only a formula produces: a string result, an error.
FORMULA_RESULT = re.compile(rb'<(?:\w+:)?c\s[^>]*\bt="(str|e)"')
# Parts that fetch or run something outside the workbook.
FOREIGN_PARTS = re.compile(r"^xl/(externalLinks|activeX|embeddings|vbaProject|connections|queryTables)")

# The formulas our exports write themselves. None: every total is summed in Python and
# written as a number (reports/xlsx/*), so any <f> in a sheet is somebody's text gone wrong.
OWN_FORMULAS: tuple[re.Pattern[str], ...] = ()
# Our own defined names: the autofilter over each table (the writer's Sheet._finish_worksheet),
# `'sheet name'!$A$1:$Q$9`; a quoted sheet name doubles its apostrophes.
OWN_DEFINED_NAME = "_xlnm._FilterDatabase"
FILTER_RANGE = re.compile(r"(?:'((?:[^']|'')+)'|([A-Za-z0-9_.]+))!\$[A-Z]{1,3}\$\d+:\$[A-Z]{1,3}\$\d+")
ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape_ooxml(text: str) -> str:
    """ST_Xstring: `_xHHHH_` is the character HHHH (the writer's escape for control characters;
    `_x005F_` before a literal `_xHHHH_`); one pass, left to right."""
    return ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


@dataclass
class SheetText:
    name: str
    titles: dict[str, str]  # column letters → header title
    cells: dict[str, list[str]] = field(default_factory=dict)  # column letters → texts of data rows

    def column(self, title: str) -> list[str]:
        letters = [k for k, v in self.titles.items() if v == title]
        assert letters, f"sheet {self.name!r} has no column {title!r}: {list(self.titles.values())}"
        return self.cells.get(letters[0], [])


@dataclass
class Scan:
    problems: list[str]  # anything that computes or fetches and is not our own
    formulas: list[str]  # every <f> body found (our own included), XML entities resolved
    sheets: list[SheetText]

    def sheet(self, index: int) -> SheetText:
        return self.sheets[index]


def _rich_text(item: ElementTree.Element) -> str:
    """A shared or inline string: its <t>, or its runs' <t>s (phonetic runs left out)."""
    parts = [item.find(f"{NS}t"), *(r.find(f"{NS}t") for r in item.findall(f"{NS}r"))]
    return unescape_ooxml("".join(t.text or "" for t in parts if t is not None))


def _strings(z: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in z.namelist():
        return []
    return [_rich_text(si) for si in ElementTree.fromstring(z.read("xl/sharedStrings.xml")).iter(f"{NS}si")]


def _sheet_parts(z: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, part name) in the workbook's order."""
    rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{PKG_REL_NS}Relationship")}
    book = ElementTree.fromstring(z.read("xl/workbook.xml"))
    out = []
    for s in book.iter(f"{NS}sheet"):
        t = target[s.get(f"{REL_NS}id")]
        out.append((s.get("name", ""), t.lstrip("/") if t.startswith("/") else "xl/" + t))
    return out


def _defined_name_problems(z: zipfile.ZipFile, sheet_names: set[str]) -> list[str]:
    out = []
    for d in ElementTree.fromstring(z.read("xl/workbook.xml")).iter(f"{NS}definedName"):
        body = d.text or ""
        m = FILTER_RANGE.fullmatch(body)
        named = m and (m.group(1).replace("''", "'") if m.group(1) is not None else m.group(2))
        if d.get("name") != OWN_DEFINED_NAME or not m or named not in sheet_names:
            out.append(f"defined name {d.get('name')!r} = {body!r}")
    return out


def _cell_text(c: ElementTree.Element, strings: list[str]) -> str | None:
    kind = c.get("t")
    if kind == "inlineStr":
        inline = c.find(f"{NS}is")
        return None if inline is None else _rich_text(inline)
    if kind == "s":
        v = c.find(f"{NS}v")
        return None if v is None or v.text is None else strings[int(v.text)]
    return None


def scan(path: Path) -> Scan:
    problems: list[str] = []
    formulas: list[str] = []
    sheets: list[SheetText] = []
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        problems += [f"part {n}" for n in names if FOREIGN_PARTS.match(n)]
        problems += [f"external relationship in {n}" for n in names
                     if n.endswith(".rels") and b'TargetMode="External"' in z.read(n)]
        strings = _strings(z)
        parts = _sheet_parts(z)
        problems += _defined_name_problems(z, {name for name, _part in parts})
        for name, part in parts:
            raw = z.read(part)
            for m in FORMULA.finditer(raw):
                body = html.unescape((m.group(1) or b"").decode("utf-8"))
                formulas.append(body)
                if not any(p.fullmatch(body) for p in OWN_FORMULAS):
                    problems.append(f"{name}: formula {m.group(0)[:200]!r}")
            problems += [f"{name}: <{m.group(1).decode()}> element" for m in ACTIVE.finditer(raw)]
            problems += [f"{name}: a cell of type {m.group(1).decode()!r}" for m in FORMULA_RESULT.finditer(raw)]
            sheet = SheetText(name, {})
            sheets.append(sheet)
            try:
                root = ElementTree.fromstring(raw)
            except ElementTree.ParseError as e:  # Excel would "repair" it, i.e. guess
                problems.append(f"{name}: not well-formed XML: {e}")
                continue
            for row in root.iter(f"{NS}row"):
                header = row.get("r") == "1"
                for c in row.iter(f"{NS}c"):
                    text = _cell_text(c, strings)
                    if text is None:
                        continue
                    letters = re.sub(r"\d+", "", c.get("r", ""))
                    if header:
                        sheet.titles[letters] = text
                    else:
                        sheet.cells.setdefault(letters, []).append(text)
    return Scan(problems, formulas, sheets)
