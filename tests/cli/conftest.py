"""Run the CLI in-process, as `sales-desk` would, against a data folder in tmp_path."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from sales_desk.__main__ import main

ADMIN_PASSWORD = "admin password 1"
USER_PASSWORD = "user password 12"


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


Run = Callable[..., Result]


@pytest.fixture
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No real user's settings, data folder or password leak into a test."""
    monkeypatch.setenv("SALES_DESK_LANG", "en")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    for var in ("SALES_DESK_DATA", "SALES_DESK_DB", "SALES_DESK_PASSWORD", "SALES_DESK_DEBUG"):
        monkeypatch.delenv(var, raising=False)
    return tmp_path / "data"


@pytest.fixture
def cli(isolated_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    """cli("user", "list", "--user", "admin", password=..., stdin=...) → Result."""

    def run(*argv: str, stdin: str = "", password: str | None = None,
            location: list[str] | None = None) -> Result:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))  # not a terminal: never prompts
        if password is None:
            monkeypatch.delenv("SALES_DESK_PASSWORD", raising=False)
        else:
            monkeypatch.setenv("SALES_DESK_PASSWORD", password)
        capsys.readouterr()
        try:
            code = main([*(location or ["--data-dir", str(isolated_env)]), *argv])
        except SystemExit as exc:  # argparse: --help, --version, usage errors
            code = exc.code if isinstance(exc.code, int) else 1
        out, err = capsys.readouterr()
        return Result(code, out, err)

    run.data_dir = isolated_env  # type: ignore[attr-defined]
    return run


@pytest.fixture
def firm(cli: Run) -> Run:
    """A database with its administrator `admin` (password ADMIN_PASSWORD)."""
    result = cli("init", "--admin", "admin", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")
    assert result.code == 0, result.text
    return cli


def db_file(cli: Run) -> Path:
    return cli.data_dir / "sales-desk.sqlite"  # type: ignore[attr-defined]
