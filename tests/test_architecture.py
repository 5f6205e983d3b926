"""The picture of the house is a checked file: import contracts and lint run with the tests."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert found, f"{name} is not installed (pip install -e '.[test]')"
    return found


def test_import_contracts_hold() -> None:
    result = subprocess.run([_tool("lint-imports")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_finds_nothing() -> None:
    result = subprocess.run([_tool("ruff"), "check", "sales_desk", "tests", "tools", "benchmarks"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _import_cycles() -> list[list[str]]:
    """Strongly connected groups of more than one module in sales_desk's import graph
    (Tarjan, iterative), every import statement counted, in functions too."""
    import grimp

    graph = grimp.build_graph("sales_desk", cache_dir=None)
    modules = sorted(graph.modules)
    edges = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    for root in modules:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            for j in range(i, len(edges[node])):
                nxt = edges[node][j]
                if nxt not in index:
                    work += [(node, j + 1), (nxt, 0)]
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                if low[node] == index[node]:
                    group = []
                    while True:
                        m = stack.pop()
                        on_stack.discard(m)
                        group.append(m)
                        if m == node:
                            break
                    if len(group) > 1:
                        cycles.append(sorted(group))
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
    return cycles


def test_no_module_takes_part_in_an_import_cycle() -> None:
    assert _import_cycles() == []


def test_import_cycle_finder_sees_a_cycle(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """The finder itself: two modules importing each other are one cycle."""
    pkg = tmp_path / "cyclepkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from cyclepkg import b\n")
    (pkg / "b.py").write_text("def f():\n    from cyclepkg import a\n")
    (pkg / "c.py").write_text("from cyclepkg import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import grimp

    real = grimp.build_graph
    monkeypatch.setattr(grimp, "build_graph", lambda _name, **kw: real("cyclepkg", **kw))
    assert _import_cycles() == [["cyclepkg.a", "cyclepkg.b"]]


MAX_LINES = 400


def test_every_module_is_readable_in_one_sitting() -> None:
    """At most MAX_LINES lines per file in sales_desk/ (migrations aside): split a longer one
    along the domain's seams."""
    too_long = {
        str(p.relative_to(ROOT)): n
        for p in sorted((ROOT / "sales_desk").rglob("*.py"))
        if "migrations" not in p.parts and (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}
