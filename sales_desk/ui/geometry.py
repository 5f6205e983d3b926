"""Window and table layout remembered between sessions (Anki's saveGeom/restoreGeom).

Layout is per machine and per user account of the OS, so it lives in QSettings,
not in the database or the app's config file.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter, QWidget

from sales_desk.config import APP_AUTHOR, APP_NAME

_held: QSettings | None = None  # one object for a batch of writes (see `held`)


def settings() -> QSettings:
    if _held is not None:
        return _held
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_AUTHOR, APP_NAME)


@contextmanager
def held() -> Iterator[None]:
    """Write a batch through one QSettings, saved once at the end: each object writes the
    whole file when it goes, and a window's forty tables took half a second to close."""
    global _held
    if _held is not None:
        yield
        return
    _held = settings()
    try:
        yield
    finally:
        _held.sync()
        _held = None


def _load(key: str) -> QByteArray | None:
    value = settings().value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def save_geom(widget: QWidget, key: str) -> None:
    s = settings()
    s.setValue(f"geometry/{key}", widget.saveGeometry())
    if isinstance(widget, QMainWindow):
        s.setValue(f"state/{key}", widget.saveState())


def restore_geom(widget: QWidget, key: str, default_size: tuple[int, int] | None = None) -> bool:
    """Put the widget where it was; False (and the default size) the first time."""
    geom = _load(f"geometry/{key}")
    if geom is not None and widget.restoreGeometry(geom):
        if isinstance(widget, QMainWindow) and (state := _load(f"state/{key}")) is not None:
            widget.restoreState(state)
        return True
    if default_size:
        widget.resize(*default_size)
    return False


_user = ""  # who is logged in: tables are laid out per person, as each left them


def set_user(username: str) -> None:
    global _user
    _user = username


def _header_key(key: str) -> str:
    return f"header/{key}" if not _user else f"user/{_user}/header/{key}"


def save_header(header: QHeaderView, key: str) -> None:
    """Widths, order, hidden columns and the sort: one state, the person's own."""
    settings().setValue(_header_key(key), header.saveState())


def restore_header(header: QHeaderView, key: str) -> bool:
    # Someone's first time at a table: the layout this seat last saved for anyone.
    state = _load(_header_key(key)) or _load(f"header/{key}")
    return state is not None and header.restoreState(state)


def save_splitter(splitter: QSplitter, key: str) -> None:
    settings().setValue(f"splitter/{key}", splitter.saveState())


def restore_splitter(splitter: QSplitter, key: str) -> bool:
    state = _load(f"splitter/{key}")
    return state is not None and splitter.restoreState(state)
