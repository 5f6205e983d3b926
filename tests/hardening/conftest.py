"""One demo-loaded SQLite folder per test module; each run or example works on a copy."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hardening.firm import make_template


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "data"
    make_template(folder)
    return folder
