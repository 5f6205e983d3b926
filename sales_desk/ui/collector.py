"""Python's cycle collector, run on the UI thread only.

Left to itself the collector runs in whichever thread happens to allocate past its
threshold: often the runner's worker, in the middle of a job. Qt objects caught in
reference cycles (a widget and the lambda connected to its signal) are then finalized
there, off the thread that owns them, and Qt crashes: the UI tests saw it ("Garbage-
collecting" in a segfault, tests/ui/conftest.py) and so did a benchmark of the app. So
the automatic collector is off; a timer on the UI thread collects with the same
thresholds, generation by generation, as CPython's own rule does.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class UiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> int:
        """Collect the generations past their threshold (the oldest one due, and the younger
        with it); the number of objects found unreachable."""
        counts = gc.get_count()
        due = -1
        for generation in range(3):
            if counts[generation] <= self._thresholds[generation]:
                break
            due = generation
        return gc.collect(due) if due >= 0 else 0

    def stop(self) -> None:
        """The automatic collector as it was before."""
        self._timer.stop()
        if self._was_enabled:
            gc.enable()
