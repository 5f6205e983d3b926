"""Products are found as customers are: by code, characters, full pinyin and initials."""

from __future__ import annotations

from sales_desk.services.orders import products
from tests.services.order_flow import product, team


def _codes(database, actor, typed: str) -> list[str]:  # noqa: ANN001
    return [p.code for p in products.list_products(database.uow(actor), typed)]


def test_a_product_is_found_by_code_characters_pinyin_and_initials(database, make_user) -> None:
    t = team(make_user)
    pid = product(database, t, code="P-100", name="工业控制器")
    product(database, t, code="P-200", name="变频器", list_price="50.00", floor="45.00", ceiling="60.00")
    for typed in ("p-1", "控制", "kongzhi", "gykzq", "kzq", "GongYe"):
        assert _codes(database, t.rep, typed) == ["P-100"], typed
    assert _codes(database, t.rep, "q") == ["P-100", "P-200"]  # 器 qi in both
    assert _codes(database, t.rep, "%") == []
    old = products.get_product(database.uow(t.rep), pid)
    products.update_product(database.uow(t.vp), pid, products.ProductInput(
        old.code, "交流电机", old.unit, old.list_price, old.floor_price, old.ceiling_price, spec=old.spec))
    assert _codes(database, t.rep, "gykzq") == []
    assert _codes(database, t.rep, "jldj") == ["P-100"]
