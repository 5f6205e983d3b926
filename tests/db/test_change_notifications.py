"""Live views (issue 17): a committed change reaches the other seats; a rolled-back one
never does; a seat that lost its listening connection reconnects and refreshes."""

from __future__ import annotations

import queue

import pytest
from sqlalchemy import create_engine, text

from sales_desk.db.database import open_database
from sales_desk.db.notify import Change
from sales_desk.services.customers import files as customers
from sales_desk.services.customers.data import CustomerInput


def _hear(db) -> queue.Queue[Change]:  # noqa: ANN001
    heard: queue.Queue[Change] = queue.Queue()
    db.changes.subscribe(heard.put)
    listener = db.listen()
    if listener is not None:
        assert listener.wait_connected(5)
    return heard


def _next(heard: queue.Queue[Change], timeout: float = 2.0) -> Change | None:
    try:
        return heard.get(timeout=timeout)
    except queue.Empty:
        return None


def _rep(database, make_user):  # noqa: ANN001, ANN202
    return make_user("rep", "sales_rep")


def test_a_notification_arrives_after_commit_and_never_for_a_rolled_back_change(database, make_user) -> None:
    rep = _rep(database, make_user)
    heard = _hear(database)
    with database.uow(rep) as uow:  # written, then rolled back: nobody may hear of it
        uow.audit("customer.update", "customer", 1, None, {"phone": "1"})
        uow.session.flush()
    assert _next(heard, 1.0) is None

    customers.create_customer(database.uow(rep), CustomerInput(name="华东贸易"))
    change = _next(heard)
    assert change is not None and "customer" in change.entities and change.user_id == rep.user_id
    assert _next(heard, 0.5) is None  # once


@pytest.fixture
def second_seat(database):  # noqa: ANN001, ANN201
    if database.config.is_sqlite:
        pytest.skip("several seats share a PostgreSQL database; SQLite has one program")
    seat = open_database(database.config, migrate=False)
    yield seat
    seat.close()


def test_a_change_on_one_seat_reaches_the_other(database, make_user, second_seat) -> None:
    # how fast is the load benchmark's to measure (benchmarks/); a busy CI machine only proves arrival
    rep = _rep(database, make_user)
    heard = _hear(second_seat)
    for i in range(5):
        customers.create_customer(database.uow(rep), CustomerInput(name=f"客户{i}"))
        change = _next(heard, 10.0)
        assert change is not None and "customer" in change.entities


def test_a_seat_that_loses_the_connection_reconnects_and_refreshes(database, make_user, second_seat) -> None:
    rep = _rep(database, make_user)
    heard = _hear(second_seat)
    listener = second_seat.listen()
    lost = listener.backend_pid
    killer = create_engine(second_seat.engine.url, isolation_level="AUTOCOMMIT")
    with killer.connect() as c:  # the network drop, as the server sees it
        assert c.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": lost}).scalar()
    killer.dispose()

    refresh = _next(heard, 5.0)
    assert refresh is not None and refresh.everything  # it may have missed changes: refresh all
    assert listener.backend_pid not in (None, lost) and listener.reconnects == 1
    customers.create_customer(database.uow(rep), CustomerInput(name="重连以后"))
    change = _next(heard)
    assert change is not None and "customer" in change.entities
