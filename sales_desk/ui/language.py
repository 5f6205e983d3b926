"""Switching the UI language: our gettext catalogue plus Qt's own strings (buttons,
context menus, date pickers) and the locale used for numbers and dates."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from sales_desk import i18n

LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}  # each in its own language
_installed: list[QTranslator] = []


def apply_language(lang: str) -> None:
    i18n.set_language(lang)
    QLocale.setDefault(QLocale("zh_CN" if lang == "zh_CN" else "en_US"))
    app = QCoreApplication.instance()
    if app is None:
        return
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if lang == "zh_CN":
        translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(f"qtbase_{lang}", folder):
            app.installTranslator(translator)
            _installed.append(translator)
