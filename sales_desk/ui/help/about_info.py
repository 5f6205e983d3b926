"""What About shows: the version, where the data is, and the licences; no Qt.

The licences are written here, not read from each package's metadata: a PyInstaller bundle
carries no metadata for most packages, and the metadata's licence field is often the whole
licence text. The versions are read when the metadata is there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata

from sales_desk import __version__
from sales_desk.i18n import N_

PROJECT_LICENCE = N_("Proprietary: licensed to the firm that runs it; not for redistribution.")

# (distribution, what it is, licence) for what the program is built on and ships.
MAIN_DEPENDENCIES: tuple[tuple[str, str, str], ...] = (
    ("PySide6", N_("Qt for Python (the window)"), "LGPL-3.0-only"),
    ("SQLAlchemy", N_("database toolkit"), "MIT"),
    ("alembic", N_("schema upgrades"), "MIT"),
    ("psycopg", N_("PostgreSQL driver"), "LGPL-3.0-only"),
    ("reportlab", N_("printed forms (PDF)"), "BSD-3-Clause"),
    ("openpyxl", N_("reading spreadsheets"), "MIT"),
    ("XlsxWriter", N_("writing spreadsheets"), "BSD-2-Clause"),
    ("defusedxml", N_("safe XML parsing"), "PSF-2.0"),
    ("charset-normalizer", N_("text encodings of imported files"), "MIT"),
    ("cryptography", N_("signatures and sealed keys"), "Apache-2.0 OR BSD-3-Clause"),
    ("argon2-cffi", N_("password hashing"), "MIT"),
    ("zxcvbn", N_("password strength"), "MIT"),
    ("Babel", N_("numbers and dates per locale"), "BSD-3-Clause"),
    ("platformdirs", N_("the user-data folder"), "MIT"),
    ("filelock", N_("one program per data folder"), "Unlicense"),
)


@dataclass(frozen=True)
class Licence:
    name: str
    version: str
    purpose: str
    licence: str


def version_of(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""


def licences() -> list[Licence]:
    """The project's own first, then its main dependencies'."""
    import platform

    rows = [Licence("Sales Desk", __version__, "", PROJECT_LICENCE),
            Licence("Python", platform.python_version(), "", "PSF-2.0")]
    rows += [Licence(name, version_of(name), purpose, licence) for name, purpose, licence in MAIN_DEPENDENCIES]
    return rows



_PASSWORD_IN_URL = re.compile(r"(://[^/@:]*:)[^@/]*@")


def without_password(where: str) -> str:
    """A database URL as About shows it: `user:***@host`. The open database already hides it;
    this also covers a URL named before the database opened."""
    return _PASSWORD_IN_URL.sub(r"\1***@", where)
