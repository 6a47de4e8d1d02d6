from datetime import UTC, datetime
from decimal import Decimal

from openpyxl import Workbook

from core.domain import Role
from tests.integration.importing.conftest import PRODUCTS, write_csv


def test_staff_import_creates_staff_and_the_stores_they_name(importer, files, uow_factory):
    report = importer.run("staff", files["staff"])
    assert (report.committed, report.inserted, report.rejected) == (True, 3, 0)
    with uow_factory() as uow:
        lina = uow.staff.get_by_telegram(1001)
        assert lina.name == "李娜" and lina.role is Role.GUIDE and lina.monthly_target == Decimal("60000")
        assert uow.staff.get_by_external("G2").monthly_target == Decimal("45000.50")
        assert sorted(uow.stores.ids_by_external()) == ["S1", "S2"]


def test_customers_get_their_owner_and_the_owners_store_when_none_is_given(loaded, uow_factory):
    with uow_factory() as uow:
        c1 = uow.customers.get_by_external("C1")
        g1 = uow.staff.get_by_external("G1")
        assert c1.owner_id == g1.id and c1.store_id == g1.store_id
        assert c1.tags == ("VIP", "敏感肌") and c1.birthday.isoformat() == "1990-05-01"
        c3 = uow.customers.get_by_external("C3")
        assert c3.owner_id is None and c3.language == "zh"


def test_products_keep_translations_stock_and_usage_cycle(loaded, uow_factory):
    with uow_factory() as uow:
        cream = uow.products.get_by_sku("SK-001")
        coffee = uow.products.get_by_sku("FD-001")
        tee = uow.products.get_by_sku("AP-001")
    assert cream.name_in("en") == "Hyaluronic Cream 50ml" and cream.price == Decimal("298.00")
    assert cream.usage_cycle_days == 60 and tee.usage_cycle_days is None
    assert coffee.in_stock is False and coffee.name_in("en") == "挂耳咖啡 10包"


def test_order_lines_become_orders_with_exact_totals_and_customer_dates(loaded, files, uow_factory):
    report = loaded.run("orders", files["orders"])
    assert (report.committed, report.inserted) == (True, 4)
    with uow_factory() as uow:
        o1 = uow.orders.get_by_external("O1")
        c1 = uow.customers.get_by_external("C1")
        c2 = uow.customers.get_by_external("C2")
    assert o1.total == Decimal("408.00") and len(o1.lines) == 2
    assert o1.ordered_at == datetime(2026, 1, 5, 2, 0, tzinfo=UTC)
    # A naive time in the file is the brand's local time (Asia/Shanghai, UTC+8).
    assert c1.last_order_at == datetime(2026, 3, 7, 7, 30, tzinfo=UTC)
    assert c2.first_order_at is None  # its only order was refunded


def test_reimporting_the_same_files_changes_nothing(loaded, files, uow_factory):
    loaded.run("orders", files["orders"])
    for kind in ("staff", "customers", "products", "orders"):
        again = loaded.run(kind, files[kind])
        assert (again.inserted, again.updated, again.rejected) == (0, 0, 0), kind
        assert again.unchanged == again.rows
    with uow_factory() as uow:
        assert uow.orders.count() == 3 and uow.customers.count() == 3


def test_a_changed_row_updates_the_record_with_the_same_external_id(loaded, tmp_path, uow_factory):
    changed = [row[:] for row in PRODUCTS]
    changed[1][3] = "318.00"
    report = loaded.run("products", write_csv(tmp_path / "p2.csv", changed))
    assert (report.updated, report.unchanged, report.inserted) == (1, 2, 0)
    with uow_factory() as uow:
        assert uow.products.get_by_sku("SK-001").price == Decimal("318.00")


def test_an_xlsx_file_imports_like_the_csv(importer, tmp_path, uow_factory):
    book = Workbook()
    sheet = book.active
    sheet.append(["SKU", "Name", "Category", "Price", "Description", "Usage Cycle Days"])
    sheet.append(["SK-9", "洁面乳 120ml", "护肤", 89.5, "氨基酸", 45])
    book.save(tmp_path / "products.xlsx")
    report = importer.run("products", tmp_path / "products.xlsx")
    assert report.committed and report.inserted == 1
    with uow_factory() as uow:
        product = uow.products.get_by_sku("SK-9")
    assert product.price == Decimal("89.50") and product.usage_cycle_days == 45


def test_content_imports_from_a_folder_of_markdown_files(importer, tmp_path, uow_factory):
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "script-silent-recall.md").write_text(
        "# 沉睡客户唤醒话术\nkind: script\ntags: 唤醒;话术\n\n先问候，再提上次购买的产品。\n", encoding="utf-8")
    (folder / "winter-care.txt").write_text("Winter dry skin care\nlanguage: en\n\nUse a rich cream.\n")
    report = importer.run("content", folder)
    assert report.committed and report.inserted == 2
    with uow_factory() as uow:
        docs = {d.external_id: d for d in uow.content.list()}
    assert docs["script-silent-recall"].kind == "script" and docs["script-silent-recall"].tags == ("唤醒", "话术")
    assert docs["winter-care"].language == "en" and docs["winter-care"].body == "Use a rich cream."
