"""No Alt+key is given twice on any screen a user can reach: every role of the demo firm,
every tab and every page of it, in English and in Chinese (a label's Alt+key twice moves
the focus to neither field; a menu's and a label's, to the menu)."""

from __future__ import annotations

from collections import Counter

import pytest

from sales_desk import i18n
from sales_desk.demo import firm as demo
from sales_desk.services.admin import auth
from sales_desk.ui.main_window import MainWindow
from tests.ui.conftest import idle
from tests.ui.test_credit_customers import mnemonics


def _texts(window: MainWindow) -> dict[str, list[str]]:
    """Each Alt+key on screen and the texts that give it (for the failure's message)."""
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabBar, QWidget

    from tests.ui.test_credit_customers import _mnemonic

    out: dict[str, list[str]] = {}
    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window):
            continue
        texts = [w.tabText(i) for i in range(w.count())] if isinstance(w, QTabBar) else [
            w.text() if isinstance(w, (QAbstractButton, QLabel)) else w.title() if isinstance(w, QGroupBox) else ""]
        if isinstance(w, QLabel) and w.buddy() is None:
            continue
        for text in texts:
            if text and (k := _mnemonic(text)):
                out.setdefault(k, []).append(text)
    for a in window.menuBar().actions():
        if k := _mnemonic(a.text()):
            out.setdefault(k, []).append(a.text())
    return out


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_no_alt_key_twice_on_any_screen_of_any_role(qtbot, ctx, boss, language) -> None:  # noqa: ANN001
    result = demo.load_demo(ctx.uow(boss))
    i18n.set_language(language)
    twice: list[str] = []
    for user in result.users:
        actor = auth.login(ctx.uow(), user.username, user.password)
        window = MainWindow(ctx, actor)  # deletes itself once closed
        window.resize(1200, 760)
        window.show()
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            tab = window.tabs.widget(index)
            idle(qtbot, ctx)
            pages = list(getattr(tab, "pages", {})) or [None]
            for page in pages:
                if page is not None:
                    tab.show_page(page)
                    idle(qtbot, ctx)
                where = f"{user.username}: {tab.objectName()}/{page}"
                twice += [f"{where}: Alt+{k}: {', '.join(texts[k])}"
                          for k, n in Counter(mnemonics(window)).items() if n > 1 and (texts := _texts(window))]
        window.close()
    assert not twice, "\n".join(twice)
