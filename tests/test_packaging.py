"""What a built wheel holds, and where the code finds the top-level resources/ folder.

The PyInstaller bundle is proven by `installer/build.py --check` (run by .ci/run); an
editable install by this suite itself, which runs on one."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sales_desk.config import resources_dir

ROOT = Path(__file__).resolve().parents[1]


def _tracked(*paths: str) -> list[str]:
    out = subprocess.run(["git", "ls-files", *paths], cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        pytest.skip("not a git checkout")  # a source tarball: nothing to compare against
    return out.stdout.split()


def test_resources_are_found_at_the_top_level_in_a_checkout() -> None:
    assert resources_dir() == ROOT / "resources"
    assert (resources_dir() / "icons" / "sales-desk-32.png").is_file()


@pytest.mark.slow
def test_a_built_wheel_holds_the_code_migrations_catalogues_and_resources(tmp_path: Path) -> None:
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    wheel = next(tmp_path.glob("sales_desk-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {p for p in _tracked("sales_desk") if p.endswith((".py", ".mo", ".mako"))}
    wanted |= {"sales_desk/" + p for p in _tracked("resources")}
    assert wanted - names == set()
    assert any(n.startswith("sales_desk/db/migrations/versions/0001") for n in names)
