"""Reading a spreadsheet someone hands us (.xlsx or .csv) safely, for every importer.

A workbook is a zip of XML, and both layers can be turned into weapons:
- a zip bomb (a few KB that inflate to gigabytes): the sizes the zip's directory
  declares are checked before anything is opened (Python's zipfile never yields more
  than the declared size, so these caps hold), with a cap on the inflation ratio;
- XML entity expansion (a billion laughs) and external entities: openpyxl parses with
  defusedxml when it is installed (a dependency of ours), and we refuse to read a
  workbook if it is not; before that, any part that declares a DTD or an entity is
  refused outright (workbooks never need one);
- sheer size: capped bytes, rows and columns.
Formulas are read as the values Excel saved with them (openpyxl's data_only), never
evaluated. The result is plain rows with their spreadsheet row numbers.
"""

from __future__ import annotations

import codecs
import csv
import logging
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.customers.importing import MAX_COLUMNS, MAX_ROWS
from sales_desk.i18n import _

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 1_000
MAX_MEMBER_BYTES = 100 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # a sheet of text inflates ~5-20×; hundreds-fold is a bomb
RATIO_FROM_BYTES = 1024 * 1024  # tiny parts may inflate more (runs of the same byte)
MAX_READ_ROWS = MAX_ROWS + 100  # room for a title and blank rows above the header
_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY")


class UnreadableFile(DomainError):
    """The file cannot be imported; the message says why, for the person who chose it."""

    refusal = None  # a file to correct, like bad input


@dataclass(frozen=True)
class Table:
    """A sheet as rows of cell values, each with its row number as the spreadsheet shows it."""

    name: str  # the file's name
    sheet: str
    rows: tuple[tuple[int, tuple[object, ...]], ...]


def read_table(path: Path) -> Table:
    """The first sheet of an .xlsx workbook, or a .csv file (UTF-8, UTF-16, GB18030, Big5 or
    Western, recognised)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".csv", ".txt"):
        raise UnreadableFile(_("{name}: only .xlsx workbooks and .csv files can be imported "
                               "(save an .xls file as .xlsx first)").format(name=path.name))
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableFile(_("{name} cannot be opened: {reason}").format(
            name=path.name, reason=exc.strerror or exc)) from exc
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(_("{name} is larger than {mb} MB: import it in parts").format(
            name=path.name, mb=MAX_FILE_BYTES // (1024 * 1024)))
    if suffix in (".csv", ".txt"):
        rows, sheet = _read_csv(path), ""
    else:
        rows, sheet = _read_xlsx(path)
    return Table(path.name, sheet, tuple(rows))


def _kept(rows: Iterable[Sequence[object]], name: str) -> list[tuple[int, tuple[object, ...]]]:
    """Numbered, trimmed rows; blank ones dropped; the caps enforced."""
    out = []
    for number, cells in enumerate(rows, start=1):
        if not cells:  # a gap in the sheet's rows (openpyxl fills them with empty tuples)
            continue
        values = [_plain(v) for v in cells]
        while values and (values[-1] is None or values[-1] == ""):
            values.pop()
        if not values:
            continue
        if len(values) > MAX_COLUMNS:
            raise UnreadableFile(_("{name}: more than {n} columns").format(name=name, n=MAX_COLUMNS))
        if len(out) >= MAX_READ_ROWS:
            raise UnreadableFile(_("{name}: more than {n} rows: import the file in parts").format(
                name=name, n=MAX_ROWS))
        out.append((number, tuple(values)))
    return out


def _plain(value: object) -> object:
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if hasattr(value, "isoformat"):  # date, time
        return value
    return str(value)


# -- CSV -----------------------------------------------------------------------------------

# What a CSV from an office in China or abroad comes in, when it is not UTF-8: Excel saves
# "CSV" in the system's code page (GBK/GB18030 on the mainland, Big5 in Taiwan and Hong
# Kong, cp1252 in the West). charset-normalizer picks among them by how the text reads.
_LEGACY_ENCODINGS = ("gb18030", "big5", "cp1252")
_SAMPLE_BYTES = 256 * 1024


def csv_encoding(head: bytes, name: str) -> str:
    """The encoding of a CSV file from its first bytes: a byte-order mark, else UTF-8 if the
    bytes are UTF-8, else the legacy encoding they read best in."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)  # a cut last character is fine
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(head, cp_isolation=list(_LEGACY_ENCODINGS)).best()
    if best is None:
        raise UnreadableFile(_("{name}: its characters are in an encoding that could not be recognised "
                               "(tried UTF-8, UTF-16, GB18030, Big5 and Western): save it as “CSV UTF-8”")
                             .format(name=name))
    return best.encoding


def _read_csv(path: Path) -> list[tuple[int, tuple[object, ...]]]:
    """Read as a stream: memory stays flat however large the file, and a file over the row cap
    is refused at the cap, not after reading it whole."""
    with path.open("rb") as raw:
        head = raw.read(_SAMPLE_BYTES)
    encoding = csv_encoding(head, path.name)
    try:
        with path.open(encoding=encoding, newline="", errors="strict") as fh:
            try:
                delimiter = csv.Sniffer().sniff(fh.read(8192), delimiters=",;\t").delimiter
            except csv.Error:
                delimiter = ","
            fh.seek(0)
            return _kept(_text_rows(csv.reader(fh, delimiter=delimiter, strict=False), path.name), path.name)
    except UnicodeDecodeError as exc:
        raise UnreadableFile(_("{name} is not all in one encoding: it begins in {encoding}, but a later "
                               "part is not: save it as “CSV UTF-8”").format(name=path.name, encoding=encoding)) from exc
    except csv.Error as exc:
        raise UnreadableFile(_("{name} is not a readable CSV file ({reason})").format(
            name=path.name, reason=exc)) from exc


def _text_rows(rows: Iterable[list[str]], name: str) -> Iterator[list[str]]:
    for row in rows:
        if any("\x00" in cell for cell in row):  # a binary file read as text
            raise UnreadableFile(_("{name} is not a text file").format(name=name))
        yield row


# -- xlsx ----------------------------------------------------------------------------------

def check_zip(path: Path) -> None:
    """Refuse a workbook whose zip would inflate beyond the caps, or whose XML declares a DTD."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise UnreadableFile(_("{name} has too many parts to be a workbook").format(name=name))
            total = 0
            for m in members:
                total += m.file_size
                ratio = m.file_size / max(m.compress_size, 1)
                if (m.file_size > MAX_MEMBER_BYTES or total > MAX_UNPACKED_BYTES
                        or (m.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO)):
                    raise UnreadableFile(_(
                        "{name} would unpack to far more than a workbook holds (a “zip bomb”): "
                        "it was not opened").format(name=name))
            for m in members:
                if m.filename.lower().endswith((".xml", ".rels", ".vml")):
                    _check_xml(archive, m, name)
    except UnreadableFile:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError,
            RuntimeError) as exc:  # damaged, truncated, encrypted or oddly compressed
        raise UnreadableFile(_("{name} is not an Excel workbook").format(name=name)) from exc


def _check_xml(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str) -> None:
    tail = b""
    with archive.open(member) as part:
        while chunk := part.read(1024 * 1024):
            window = tail + chunk
            if any(marker in window for marker in _FORBIDDEN):
                raise UnreadableFile(_(
                    "{name} declares XML entities, which workbooks never need and attacks "
                    "use: it was not opened").format(name=name))
            tail = window[-16:]


def _read_xlsx(path: Path) -> tuple[list[tuple[int, tuple[object, ...]]], str]:
    import openpyxl

    if openpyxl.DEFUSEDXML is not True:  # fail closed: never parse a stranger's XML unguarded
        raise UnreadableFile(_("Workbooks cannot be imported: the XML guard (defusedxml) is "
                               "not installed. Save the sheet as CSV, or reinstall Sales Desk."))
    check_zip(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged or foreign file
        raise _unreadable(path, exc) from exc
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise UnreadableFile(_("{name} has no sheet").format(name=path.name))
        # The sheet's stated size (its <dimension>) is ignored: a forged "A1:XFD1048576"
        # would have every row padded to 16,384 cells. Rows come as wide as their cells.
        sheet.reset_dimensions()
        return _kept(sheet.iter_rows(values_only=True), path.name), sheet.title
    except UnreadableFile:
        raise
    except Exception as exc:
        raise _unreadable(path, exc) from exc
    finally:
        book.close()


def _unreadable(path: Path, exc: BaseException) -> UnreadableFile:
    """Why openpyxl failed, for people: defusedxml's refusal arrives wrapped in its errors."""
    from defusedxml import DefusedXmlException

    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, DefusedXmlException):
            log.warning("refused a workbook with XML entities: %s (%r)", path, seen)
            return UnreadableFile(_("{name} declares XML entities, which workbooks never need and "
                                    "attacks use: it was not opened").format(name=path.name))
        seen = seen.__cause__ or seen.__context__
    log.info("not a readable workbook %s: %r", path, exc)
    return UnreadableFile(_("{name} is not a readable Excel workbook").format(name=path.name))
