"""A choice typed rather than picked: a combo box whose text is typed (a product's code or
name in an order line, an expense item in a claim), the matches listed under it as one
types, and nothing chosen that the user did not type or pick.

Shared by the order lines' product editor and the claim form's item (the grids' keys
themselves are in entry_grid)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter


def typed_combo(combo: QComboBox, placeholder: str) -> QComboBox:
    """Make `combo` typed into: its items matched anywhere in their text, any case."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(combo.model(), combo)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)  # the matches, listed
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    combo.setCompleter(completer)
    combo.lineEdit().setPlaceholderText(placeholder)
    return combo


def unique_match(choices: Iterable[tuple[Any, Iterable[str]]], typed: str) -> Any | None:
    """The choice a typed text names: one of its names in full (any case), else the one
    choice one of whose names contains it; None when none or several do."""
    text = typed.strip().casefold()
    if not text:
        return None
    listed = [(value, [n.casefold() for n in names]) for value, names in choices]
    for value, names in listed:
        if text in names:
            return value
    found = [value for value, names in listed if any(text in n for n in names)]
    return found[0] if len(found) == 1 else None


def typed_data(combo: QComboBox) -> Any | None:
    """The data of the item the combo's text names (None for none or several)."""
    return unique_match(((combo.itemData(i), (combo.itemText(i),)) for i in range(combo.count())),
                        combo.currentText())


def clear_choice(combo: QComboBox) -> None:
    """No item chosen and no text: the user chooses."""
    combo.setCurrentIndex(-1)
    combo.clearEditText()


def take_typed(combo: QComboBox) -> None:
    """The item the typed text names made the current one (Tab or Enter out of the field)."""
    i = combo.findData(typed_data(combo))
    if i >= 0 and i != combo.currentIndex():
        combo.setCurrentIndex(i)


def still_wrong(read: Callable[[], object], error: type[Exception]) -> str:
    """What is still wrong with a form (`read` raising `error`), "" when nothing is: a
    problem shown is taken away once it is put right."""
    try:
        read()
    except error as e:
        return str(e)
    return ""
