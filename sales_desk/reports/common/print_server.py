"""Hand a PDF to the system's print server (CUPS: Linux, macOS) as it is.

The PDF goes to CUPS unchanged, so the printer gets the vector pages and the text (CUPS
filters it for the printer; a PDF printer keeps the text searchable), and the job is as
small as the file. The window and the CLI both print through `submit`; where there is no
CUPS (Windows) the window draws the pages onto the printer instead (ui/printing.py) and
the CLI tells the user to write the PDF with --out and print that.

`lp` and `lpstat` are CUPS's own commands: no library to bundle, and what they accept is
documented and stable. No Qt here: the CLI uses this too.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass

from sales_desk.domain.common.errors import DomainError
from sales_desk.i18n import _

TIMEOUT_S = 60  # lp returns once the job is queued, not printed: seconds at most
_JOB_ID = re.compile(r"request id is (\S+)")


class PrintError(DomainError):
    """The print server is missing, the printer unknown, or the job refused."""


@dataclass(frozen=True)
class JobOptions:
    """What the print dialog chose, as CUPS options. `pages` is CUPS's page-ranges
    syntax ("1-2,4"; "" all pages); `sides` one of one-sided, two-sided-long-edge,
    two-sided-short-edge ("" the printer's default)."""

    copies: int = 1
    collate: bool = True
    pages: str = ""
    sides: str = ""


def available() -> bool:
    """True when this machine has CUPS's `lp` (Linux, macOS; not Windows)."""
    return shutil.which("lp") is not None


def printers() -> list[str]:
    """The names of the print queues CUPS knows (`lpstat -e`), empty without CUPS."""
    lpstat = shutil.which("lpstat")
    if lpstat is None:
        return []
    done = subprocess.run([lpstat, "-e"], capture_output=True, text=True, timeout=TIMEOUT_S,
                          env=_c_locale())
    return [line.strip() for line in done.stdout.splitlines() if line.strip()]


def check_printer(name: str) -> None:
    """Raise PrintError unless CUPS is here and knows the printer `name`."""
    if not available():
        raise PrintError(_("This computer has no CUPS print server (the lp command), so the "
                           "program cannot print directly. Save the PDF and print it."))
    known = printers()
    if name not in known:
        listed = ", ".join(known) if known else _("none")
        raise PrintError(_("There is no printer named “{name}”. The printers are: {printers}.").format(
            name=name, printers=listed))


def submit(pdf: bytes, printer: str, title: str, options: JobOptions | None = None) -> str:
    """Queue `pdf` on `printer` under the job name `title`; return CUPS's job id
    ("PDF-12"). Raises PrintError when CUPS is missing, the printer unknown or the job
    refused. The bytes go through stdin: no temporary file to leave behind."""
    if not pdf.startswith(b"%PDF"):
        raise ValueError("not a PDF")
    lp = shutil.which("lp")
    if lp is None:
        check_printer(printer)  # raises: no CUPS
    o = options or JobOptions()
    argv = [str(lp), "-d", printer, "-t", title, "-n", str(max(1, o.copies))]
    if o.copies > 1:
        argv += ["-o", f"collate={'true' if o.collate else 'false'}"]
    if o.pages:
        argv += ["-o", f"page-ranges={o.pages}"]
    if o.sides:
        argv += ["-o", f"sides={o.sides}"]
    argv += ["-o", "media=A4"]
    done = subprocess.run(argv, input=pdf, capture_output=True, timeout=TIMEOUT_S, env=_c_locale())
    said = (done.stdout + done.stderr).decode(errors="replace")
    match = _JOB_ID.search(said)
    if done.returncode != 0 or match is None:
        check_printer(printer)  # an unknown printer gets the clearer message and the list
        raise PrintError(_("The printer “{name}” refused the job: {reason}").format(
            name=printer, reason=said.strip() or done.returncode))
    return match.group(1)


def _c_locale() -> dict[str, str]:
    """lp's messages are parsed ("request id is …"): ask for them untranslated."""
    return {**os.environ, "LC_ALL": "C", "LANG": "C"}
