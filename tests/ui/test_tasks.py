"""The background runner: work off the UI thread, answers on it, errors shown in one place."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel

from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.ui.tasks import CancelToken, TaskRunner


@pytest.fixture
def runner(qtbot):  # noqa: ANN001
    r = TaskRunner()
    yield r
    r.shutdown()


def _idle(qtbot, runner: TaskRunner) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not runner.busy(), timeout=10_000)


def test_work_runs_off_the_ui_thread_and_the_answer_comes_back_on_it(qtbot, runner) -> None:
    ui_thread = threading.get_ident()
    seen: dict[str, int] = {}

    def work() -> int:
        seen["work"] = threading.get_ident()
        return 42

    runner.run(work, lambda result: seen.update(done=threading.get_ident(), result=result))
    _idle(qtbot, runner)
    assert seen["work"] != ui_thread
    assert seen["done"] == ui_thread and seen["result"] == 42


def test_calls_run_one_at_a_time_in_order(qtbot, runner) -> None:
    order: list[int] = []
    for i in range(20):
        runner.run(lambda i=i: order.append(i))
    _idle(qtbot, runner)
    assert order == list(range(20))


def test_a_refusal_is_shown_with_its_own_message(qtbot, runner, messages) -> None:
    def refuse() -> None:
        raise ValidationError("Credit limit", "must not be negative")

    runner.run(refuse)
    _idle(qtbot, runner)
    assert messages.texts("error") == ["Credit limit: must not be negative"]


def test_a_bug_shows_a_plain_message_and_logs_the_traceback(qtbot, runner, messages, caplog) -> None:
    def crash() -> None:
        raise KeyError("secret_internal_detail")

    with caplog.at_level(logging.ERROR):
        runner.run(crash)
        _idle(qtbot, runner)
    [text] = messages.texts("error")
    assert "secret_internal_detail" not in text and "log file" in text
    assert "Traceback" in caplog.text and "secret_internal_detail" in caplog.text


def test_a_caller_that_shows_the_error_itself_gets_no_second_box(qtbot, runner, messages) -> None:
    got: list[BaseException] = []
    runner.run(lambda: (_ for _ in ()).throw(DomainError("inline")), on_error=lambda e: got.append(e) or True)
    _idle(qtbot, runner)
    assert [str(e) for e in got] == ["inline"] and messages == []


def test_data_changed_is_emitted_after_a_successful_write_only(qtbot, runner) -> None:
    topics: list[str] = []
    runner.sig_data_changed.connect(topics.append)
    runner.run(lambda: None, writes="users")
    runner.run(lambda: None)  # a read
    runner.run(lambda: (_ for _ in ()).throw(DomainError("no")), on_error=lambda e: True, writes="settings")
    _idle(qtbot, runner)
    assert topics == ["users"]


def test_a_long_job_reports_progress_and_stops_when_cancelled(qtbot, runner, messages) -> None:
    started = threading.Event()
    results: list[object] = []

    def job(token: CancelToken) -> str:
        n = 0
        while True:
            n += 1
            token.progress(n, 0, "step")  # raises Cancelled once cancelled
            started.set()
            threading.Event().wait(0.01)

    task = runner.run_long(job, "Working", results.append)
    assert started.wait(10)
    runner.cancel(task)
    _idle(qtbot, runner)
    assert results == [] and messages == []  # a cancel is not an error to report


def test_answers_for_a_closed_widget_are_dropped(qtbot, runner) -> None:
    label = QLabel()
    gate = threading.Event()
    delivered: list[str] = []
    runner.run(lambda: gate.wait(10) and "late", delivered.append, owner=label)
    label.deleteLater()
    qtbot.waitUntil(lambda: not _alive(label))
    gate.set()
    _idle(qtbot, runner)
    assert delivered == []  # not handed to a widget that is gone


def _alive(obj: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)
