"""The personal product-list page over HTTP: rendered from live database prices, escaped, nothing
internal; unknown and expired tokens get friendly pages; views and clicks are recorded."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from api.app import create_app
from copilot.customers import product_page
from copilot.drafting.selling import SellingContext
from core.ports import ProductListRecord
from core.settings import LLMSettings, Settings
from db.tables import ProductRow
from tests.integration.customers.conftest import NOW, shop  # noqa: F401  (fixture)
from tests.integration.sales.brand import FixedClock, RecordingNotifier

TOKEN = "t" * 32


@pytest.fixture
def notifier() -> RecordingNotifier:
    return RecordingNotifier()


@pytest.fixture
def web(database, shop, notifier):  # noqa: F811
    with TestClient(create_app(database, Settings(), FixedClock(NOW), notifier=notifier)) as client:
        yield client


def _list(uow_factory, customer_id, guide_id, items=(("CREAM", "快用完了"), ("MASK", "常一起买")), *,
          token=TOKEN, expires=NOW + timedelta(days=14)):
    with uow_factory() as uow:
        uow.product_lists.add(ProductListRecord(token, customer_id, guide_id, tuple(items), NOW, expires))
        uow.commit()


def _engagement(uow_factory, customer_id):
    with uow_factory() as uow:
        return {kind: n for c, kind, n in uow.scoring.interactions_since(NOW - timedelta(days=1)) if c == customer_id}


def test_the_page_shows_names_reasons_and_live_prices_in_the_customers_language(web, uow_factory, shop):  # noqa: F811
    _list(uow_factory, shop.customers["C2"], shop.guides["G1"])
    with uow_factory() as uow:
        uow.session.execute(update(ProductRow).where(ProductRow.sku == "MASK").values(price=Decimal("99.50")))
        uow.commit()
    page = web.get(f"/l/{TOKEN}")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "水润面霜" in page.text and "¥199" in page.text and "快用完了" in page.text
    assert "¥99.50" in page.text and "¥129" not in page.text  # the price of today, from the database
    assert 'name="viewport"' in page.text and page.headers["referrer-policy"] == "no-referrer"
    assert _engagement(uow_factory, shop.customers["C2"]) == {"list_view": 1}


def test_the_page_escapes_data_and_shows_nothing_internal(web, uow_factory, shop):  # noqa: F811
    with uow_factory() as uow:
        uow.session.execute(update(ProductRow).where(ProductRow.sku == "CREAM")
                            .values(name="<script>alert(1)</script>霜"))
        uow.commit()
    _list(uow_factory, shop.customers["C2"], shop.guides["G1"], items=(("CREAM", "<img src=x onerror=alert(1)>"),))
    page = web.get(f"/l/{TOKEN}").text
    assert "<script>alert" not in page and "&lt;script&gt;" in page and "<img" not in page
    for internal in ("张小红", "13900139000", "p_purchase", "score", "VIP"):
        assert internal not in page  # full name, phone, scores, tags


def test_an_unknown_token_gets_a_friendly_404_page(web):
    page = web.get("/l/" + "x" * 32)
    assert page.status_code == 404 and "链接无效" in page.text and "This link is not valid" in page.text


def test_an_expired_token_gets_a_friendly_410_page_and_records_nothing(web, uow_factory, shop):  # noqa: F811
    _list(uow_factory, shop.customers["C2"], shop.guides["G1"], expires=NOW - timedelta(seconds=1))
    page = web.get(f"/l/{TOKEN}")
    assert page.status_code == 410 and "已过期" in page.text
    assert web.post(f"/l/{TOKEN}/click/CREAM", follow_redirects=False).status_code == 410
    assert _engagement(uow_factory, shop.customers["C2"]) == {}


def test_a_click_is_recorded_tells_the_guide_and_returns_to_the_page(web, uow_factory, shop, notifier):  # noqa: F811
    _list(uow_factory, shop.customers["C2"], shop.guides["G1"])
    answer = web.post(f"/l/{TOKEN}/click/MASK", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith(f"/l/{TOKEN}?clicked=MASK")
    back = web.get(answer.headers["location"])
    assert "补水面膜" in back.text and 'id="thanks"' in back.text
    assert _engagement(uow_factory, shop.customers["C2"]) == {"list_click": 1}  # coming back is not a view
    assert notifier.sent == [(shop.guides["G1"], "👀 张小红 对「补水面膜」感兴趣（商品清单）")]


def test_a_click_on_a_product_not_on_the_list_is_refused(web, uow_factory, shop):  # noqa: F811
    _list(uow_factory, shop.customers["C2"], shop.guides["G1"])
    assert web.post(f"/l/{TOKEN}/click/BALM", follow_redirects=False).status_code == 404
    assert _engagement(uow_factory, shop.customers["C2"]) == {}


def test_a_click_is_a_touch_for_attribution(web, uow_factory, shop):  # noqa: F811
    _list(uow_factory, shop.customers["C2"], shop.guides["G2"])
    web.post(f"/l/{TOKEN}/click/CREAM", follow_redirects=False)
    with uow_factory() as uow:
        customer = shop.customers["C2"]
        [touch] = uow.sales.touches_of([customer], NOW - timedelta(days=7), NOW + timedelta(days=1))[customer]
    assert (touch.kind, touch.guide_id) == ("list_click", shop.guides["G2"])


def test_a_list_made_for_a_customer_has_an_unguessable_token_and_expires_in_two_weeks(uow_factory, shop):  # noqa: F811
    selling = SellingContext(LLMSettings())
    with uow_factory() as uow:
        selling.refresh(uow, NOW)
        customer = uow.customers.get(shop.customers["C1"])
        first = product_page.open_list(uow, customer, NOW, selling)
        again = product_page.open_list(uow, customer, NOW + timedelta(days=1), selling)
        fresh = product_page.open_list(uow, customer, NOW, selling, guide=uow.staff.get(shop.guides["G1"]))
        uow.commit()
    assert len(first.token) == 32 and first.expires_at == NOW + timedelta(days=14)
    assert again.token == first.token != fresh.token  # the menu reuses; a guide sends a fresh list
    assert "TONER" in dict(first.items)  # due again by their own history
