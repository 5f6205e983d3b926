"""The demo firm's opportunities (issue 18): every stage, won ones with their orders, lost
ones with reasons and competitors, one stalled, a lead converted, quotations."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from sales_desk.demo import firm as demo
from sales_desk.domain.opportunities.stages import Stage
from sales_desk.models import Lead, Opportunity, Quotation
from sales_desk.services.admin import auth
from sales_desk.services.opportunities import pipeline


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):  # noqa: ANN001, ANN201
    from sales_desk.config import AppConfig
    from sales_desk.db.database import open_database

    db = open_database(AppConfig(data_dir=tmp_path_factory.mktemp("demo") / "data", language="en"))
    admin = auth.create_first_admin(db.uow(), "admin", "admin passphrase 2026")
    result = demo.load_demo(db.uow(admin))
    yield db, result
    db.close()


def test_the_demo_has_opportunities_at_every_stage_won_lost_and_stalled(loaded) -> None:  # noqa: ANN001
    db, result = loaded
    with db.uow() as uow:
        s = uow.session
        stages = set(s.scalars(select(Opportunity.stage).distinct()))
        outcomes = dict(s.execute(select(Opportunity.outcome, func.count()).group_by(Opportunity.outcome)).all())
        won_orders = s.scalar(select(func.count()).where(Opportunity.outcome == "won", Opportunity.order_id.is_not(None)))
        lost_ok = s.scalar(select(func.count()).where(Opportunity.outcome == "lost", Opportunity.loss_reason != "",
                                                      Opportunity.lost_to != ""))
        converted = s.scalar(select(func.count()).where(Lead.status == "converted"))
        quotes = s.scalar(select(func.count()).select_from(Quotation))
    assert stages == {s.value for s in Stage}
    assert won_orders == outcomes["won"] > 0 and lost_ok == outcomes["lost"] > 0 and outcomes["open"] > 0
    assert converted == 1 and quotes > 1
    mgr = next(u for u in result.users if "sales_manager" in u.roles)
    assert pipeline.pipeline_summary(db.uow(mgr.actor())).funnel.stalled >= 1
