"""A real print server for the printing tests: CUPS with a PDF printer (cups-pdf).

SALES_DESK_TEST_PRINTER names the queue (e.g. PDF) and SALES_DESK_TEST_PRINTER_OUT the
folder its printed files land in (cups-pdf's `Out`, e.g. /root/PDF); `.ci/run` sets up
both. Without them the tests that print are skipped, saying what they need.

cups-pdf names a job's file `<title>…-job_<n>.pdf`; a job is read back once CUPS lists it
as completed and its file is there and no longer growing.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

SKIP_REASON = ("needs a CUPS print queue that writes PDF files: set SALES_DESK_TEST_PRINTER (e.g. PDF) and "
               "SALES_DESK_TEST_PRINTER_OUT (the folder its files land in, e.g. /root/PDF); .ci/run does")


@dataclass(frozen=True)
class PrintQueue:
    name: str
    out: Path

    def printed(self, job_id: str, timeout: float = 60) -> Path:
        """The file a job printed, once CUPS has finished it."""
        number = job_id.rsplit("-", 1)[-1]
        deadline = time.monotonic() + timeout
        last_size = -1
        while time.monotonic() < deadline:
            files = list(self.out.glob(f"*-job_{number}.pdf"))
            if files and self._completed(job_id):
                size = files[0].stat().st_size
                if size > 0 and size == last_size:
                    return files[0]
                last_size = size
            time.sleep(0.2)
        raise AssertionError(f"job {job_id} did not print within {timeout} s into {self.out}")

    def _completed(self, job_id: str) -> bool:
        done = subprocess.run(["lpstat", "-W", "completed", "-o", self.name], capture_output=True,
                              text=True, env={**os.environ, "LC_ALL": "C"})
        return any(line.split()[:1] == [job_id] for line in done.stdout.splitlines())


def print_queue_from_env() -> PrintQueue:
    name, out = os.environ.get("SALES_DESK_TEST_PRINTER"), os.environ.get("SALES_DESK_TEST_PRINTER_OUT")
    if not name or not out:
        pytest.skip(SKIP_REASON)
    return PrintQueue(name, Path(out))


def pdf_text(path: Path) -> str:
    """The text of a PDF as poppler reads it (what a user's viewer would find)."""
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def page_count(path: Path) -> int:
    return len(PdfReader(path).pages)
