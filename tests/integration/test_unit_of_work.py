from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy.exc import InvalidRequestError

from core.domain import Customer, Order


def _store_and_customer(uow):
    uow.bulk.upsert("stores", [{"external_id": "S1", "name": "旗舰店", "city": "上海"}])
    uow.bulk.upsert("customers", [{"external_id": "C1", "name": "张小红", "tags": ["VIP"]}])


def test_leaving_without_commit_rolls_everything_back(uow_factory):
    with uow_factory() as uow:
        _store_and_customer(uow)
    with uow_factory() as uow:
        assert uow.customers.count() == 0
        assert uow.stores.list() == []


def test_an_exception_inside_the_block_loses_the_partial_writes(uow_factory):
    try:
        with uow_factory() as uow:
            _store_and_customer(uow)
            raise RuntimeError("crash mid-way")
    except RuntimeError:
        pass
    with uow_factory() as uow:
        assert uow.customers.count() == 0


def test_a_repository_used_after_its_unit_of_work_ended_raises_instead_of_opening_a_transaction(uow_factory):
    # A silently re-opened transaction is never ended: on PostgreSQL it holds its locks for good.
    with uow_factory() as uow:
        uow.customers.count()
    with pytest.raises(InvalidRequestError):
        uow.customers.count()


def test_committed_writes_come_back_as_domain_objects_with_exact_money(uow_factory):
    with uow_factory() as uow:
        _store_and_customer(uow)
        customer_id = uow.bulk.ids("customers", ["C1"])["C1"]
        when = datetime(2026, 3, 1, 2, 30, tzinfo=UTC)
        uow.bulk.upsert("orders", [{"external_id": "O1", "customer_id": customer_id, "ordered_at": when}])
        order_id = uow.bulk.ids("orders", ["O1"])["O1"]
        uow.bulk.upsert("order_lines", [{"order_id": order_id, "sku": "A", "quantity": 3,
                                          "unit_price": Decimal("0.10"), "amount": Decimal("0.30")}])
        uow.bulk.refresh_derived()
        uow.commit()
    with uow_factory() as uow:
        customer = uow.customers.get_by_external("C1")
        order = uow.orders.get_by_external("O1")
    assert isinstance(customer, Customer) and customer.tags == ("VIP",)
    assert customer.first_order_at == customer.last_order_at == when
    assert isinstance(order, Order) and order.total == Decimal("0.30")
    assert order.lines[0].amount == Decimal("0.30")
