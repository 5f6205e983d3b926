"""`python -m sales_desk` is the real entry point: exit codes, streams and no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.cli.conftest import ADMIN_PASSWORD


def _run(tmp_path: Path, *argv: str, stdin: str = "", password: str | None = None):
    env = {k: v for k, v in os.environ.items()
           if k not in ("SALES_DESK_DATA", "SALES_DESK_DB", "SALES_DESK_PASSWORD", "SALES_DESK_DEBUG")}
    env.update(SALES_DESK_LANG="en", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "xdg-data"))
    if password is not None:
        env["SALES_DESK_PASSWORD"] = password
    return subprocess.run(
        [sys.executable, "-m", "sales_desk", "--data-dir", str(tmp_path / "data"), *argv],
        input=stdin, capture_output=True, text=True, env=env, timeout=120,
    )


def test_the_module_entry_point_runs_the_commands(tmp_path: Path) -> None:
    version = _run(tmp_path, "--version")
    assert version.returncode == 0 and version.stdout.startswith("sales-desk ")

    init = _run(tmp_path, "init", "--admin", "boss", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")
    assert init.returncode == 0, init.stderr
    assert (tmp_path / "data" / "sales-desk.sqlite").is_file()

    listing = _run(tmp_path, "user", "list", "--user", "boss", password=ADMIN_PASSWORD)
    assert listing.returncode == 0, listing.stderr
    assert "boss" in listing.stdout

    refused = _run(tmp_path, "user", "list", "--user", "boss", password="wrong password")
    assert refused.returncode == 1
    assert refused.stdout == "" and "wrong password" in refused.stderr
    assert "Traceback" not in refused.stderr

    usage = _run(tmp_path, "user", "add", "li", "--role", "chief", "--password-stdin",
                 "--user", "boss", stdin="x" * 12 + "\n", password=ADMIN_PASSWORD)
    assert usage.returncode == 2 and "chief" in usage.stderr and "Traceback" not in usage.stderr
