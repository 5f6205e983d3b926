"""Build the release: the one-folder bundle, then (on Windows) the installer.

    python installer/build.py [--check] [--installer] [--no-font]

1. PyInstaller builds dist/sales-desk/ from installer/sales_desk.spec (a clean build).
   A TrueType CJK font for the PDFs goes in when one is found: $SALES_DESK_CJK_FONT,
   else the usual system places (WenQuanYi Micro Hei on Linux); Windows itself has
   Microsoft YaHei, which the app finds at run time, so a Windows build may go without.
2. --check starts the bundle as a user would, offscreen: `sales-desk --version` and
   `sales-desk --smoke-test` (a new database in a temporary folder, every window built).
3. --installer (Windows, Inno Setup 6 installed) compiles installer/windows/sales_desk.iss
   into dist/SalesDesk-<version>-setup.exe.

Prints how long each step took and the bundle's size. Needs the `build` extra:
pip install -e ".[build]".
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
BUNDLE = DIST / "sales-desk"
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
# Fonts we may ship (Apache-2.0 or GPL-3+ with the font exception), with their licence.
SHIPPABLE_FONTS = {
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc": "/usr/share/doc/fonts-wqy-microhei/copyright",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc": "/usr/share/doc/wqy-microhei-fonts/LICENSE_Apache2.txt",
}


def version() -> str:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def find_font() -> tuple[Path, Path | None] | None:
    """A CJK font we may ship, and its licence file if known."""
    env = os.environ.get("SALES_DESK_CJK_FONT")
    if env:
        return (Path(env), None) if Path(env).is_file() else None
    for font, licence in SHIPPABLE_FONTS.items():
        if Path(font).is_file():
            return Path(font), (Path(licence) if Path(licence).is_file() else None)
    return None


def run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess:
    print("$", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run(cmd, check=True, **kw)  # type: ignore[call-overload]


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def build(with_font: bool) -> None:
    env = dict(os.environ)
    found = find_font() if with_font else None
    if found:
        font, licence = found
        env["SALES_DESK_BUNDLE_FONT"] = str(font)
        if licence:
            env["SALES_DESK_BUNDLE_FONT_LICENCE"] = str(licence)
        print(f"bundling the CJK font {font}")
    else:
        print("no CJK font bundled: the PDFs use the system's (Windows: Microsoft YaHei)")
    run([sys.executable, "-m", "PyInstaller", str(ROOT / "installer" / "sales_desk.spec"),
         "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(DIST), "--workpath", str(ROOT / "build" / "pyinstaller")], env=env, cwd=ROOT)


def check() -> None:
    """Start the bundle with a clean environment: no Python path, no source tree."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "SALES_DESK_", "VIRTUAL_ENV"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    program = BUNDLE / f"sales-desk-cli{EXE_SUFFIX}"
    shown = run([str(program), "--version"], env=env, capture_output=True, text=True, cwd=DIST)
    print(shown.stdout.strip())
    if not shown.stdout.startswith(f"sales-desk {version()}"):
        raise SystemExit(f"unexpected version: {shown.stdout!r}")
    # On Windows the window program has no console to print to: the smoke test's report
    # comes from the console twin (the same code); elsewhere the window program runs it.
    smoke = "sales-desk-cli" if sys.platform == "win32" else "sales-desk"
    run([str(BUNDLE / f"{smoke}{EXE_SUFFIX}"), "--smoke-test"], env=env, cwd=DIST)


def installer() -> Path:
    iscc = shutil.which("ISCC") or shutil.which("iscc")
    default = Path(os.environ.get("ProgramFiles(x86)", r"C:\Program Files (x86)")) / "Inno Setup 6" / "ISCC.exe"
    if iscc is None and default.is_file():
        iscc = str(default)
    if iscc is None:
        raise SystemExit("Inno Setup 6 (ISCC.exe) not found: install it from jrsoftware.org")
    run([iscc, f"/DAppVersion={version()}", f"/DSourceDir={BUNDLE}", f"/O{DIST}",
         str(ROOT / "installer" / "windows" / "sales_desk.iss")])
    return DIST / f"SalesDesk-{version()}-setup.exe"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="start the bundle offscreen afterwards")
    parser.add_argument("--installer", action="store_true", help="compile the Windows installer too")
    parser.add_argument("--no-font", action="store_true", help="do not bundle a CJK font")
    args = parser.parse_args()

    t = time.perf_counter()
    build(with_font=not args.no_font)
    built = time.perf_counter() - t
    print(f"built {BUNDLE} in {built:.0f} s: {folder_size(BUNDLE) / 1e6:.0f} MB")
    if args.check:
        t = time.perf_counter()
        check()
        print(f"bundle started and passed the smoke test in {time.perf_counter() - t:.1f} s")
    if args.installer:
        setup = installer()
        print(f"installer: {setup} ({setup.stat().st_size / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
