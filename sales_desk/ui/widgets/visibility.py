"""Showing or hiding a widget that may not be laid out yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def shown_if(widget: QWidget, on: bool) -> None:
    """`widget.setVisible(on)`, safe before the widget has a parent: shown parentless, it
    would open as a window of its own for a moment and take the focus from the main
    window (seen when tabs are built after it is up). It then shows with its parent."""
    if widget.parentWidget() is not None:
        widget.setVisible(on)
    elif not on:
        widget.hide()
    else:  # forget an earlier hide: the layout that adopts it shows it
        widget.setAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide, False)
