"""Reference cycles are collected on the UI thread, never on a worker in the middle of a job
(Qt objects finalized off their thread crash the program)."""

from __future__ import annotations

import gc
import threading

from sales_desk.ui.collector import UiThreadCollector


def _make_cycles(n: int) -> None:
    for _ in range(n):
        cycle: list[object] = []
        cycle.append(cycle)


def test_cycles_made_on_a_worker_are_collected_on_the_ui_thread_only(qtbot) -> None:  # noqa: ANN001
    gc.enable()  # as a program starts (the UI tests' fixture keeps it off)
    collector = UiThreadCollector(interval_ms=10)
    collected_on: list[int] = []

    def note(phase: str, _info: dict) -> None:
        if phase == "start":
            collected_on.append(threading.get_ident())

    gc.callbacks.append(note)
    try:
        assert not gc.isenabled()
        worker = threading.Thread(target=_make_cycles, args=(50_000,))  # far past every threshold
        worker.start()
        worker.join()
        assert collected_on == []  # the worker never collected
        qtbot.waitUntil(lambda: bool(collected_on))  # the UI thread's timer did
        assert set(collected_on) == {threading.get_ident()}
    finally:
        gc.callbacks.remove(note)
        collector.stop()
    assert gc.isenabled()  # as it was
