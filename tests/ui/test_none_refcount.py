"""Guard against PySide6 6.12.0's none_dealloc abort (a reference to None leaked per void
Qt call; the interpreter aborts after some thousands). Run in a child process: an abort
there is a failed test here, not a crashed test session."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

CALLS = 50_000

SCRIPT = textwrap.dedent(
    f"""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication([])
    label = QLabel()
    model = QStandardItemModel(10, 1)
    for i in range({CALLS} // 2):
        label.setText(str(i))                     # void method
        model.setItem(i % 10, 0, QStandardItem())  # void method
    print("done")
    """
)


def test_fifty_thousand_void_qt_calls_do_not_abort() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                            env=env, timeout=240)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "done"
