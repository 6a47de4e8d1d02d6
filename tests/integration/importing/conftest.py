import csv
from pathlib import Path

import pytest

from copilot.importing import Importer

STAFF = [
    ["staff_id", "name", "role", "store_id", "telegram_user_id", "monthly_target", "language"],
    ["G1", "李娜", "guide", "S1", "1001", "60000", "zh"],
    ["G2", "Emma Wang", "guide", "S2", "", "45000.50", "en"],
    ["M1", "王经理", "manager", "S1", "", "", "zh"],
]
CUSTOMERS = [
    ["customer_id", "name", "guide_id", "store_id", "phone", "birthday", "gender", "language", "tags"],
    ["C1", "张小红", "G1", "", "13800000000", "1990-05-01", "F", "zh", "VIP;敏感肌"],
    ["C2", "Amy Chen", "G2", "S2", "", "", "F", "en", ""],
    ["C3", "赵六", "", "S1", "", "", "", "", ""],
]
PRODUCTS = [
    ["sku", "name", "category", "price", "description", "in_stock", "usage_cycle_days", "name_en"],
    ["SK-001", "玻尿酸保湿面霜 50ml", "护肤", "298.00", "深层补水", "true", "60", "Hyaluronic Cream 50ml"],
    ["AP-001", "纯棉T恤", "服饰", "129.00", "100%纯棉", "yes", "", "Cotton T-shirt"],
    ["FD-001", "挂耳咖啡 10包", "食品", "59.90", "阿拉比卡", "0", "30", ""],
]
ORDERS = [
    ["order_id", "customer_id", "ordered_at", "sku", "quantity", "unit_price", "store_id", "guide_id", "status"],
    ["O1", "C1", "2026-01-05T10:00:00+08:00", "SK-001", "1", "298.00", "S1", "G1", "paid"],
    ["O1", "C1", "2026-01-05T10:00:00+08:00", "FD-001", "2", "55.00", "S1", "G1", "paid"],
    ["O2", "C1", "2026-03-07 15:30:00", "SK-001", "1", "268.00", "S1", "", "paid"],
    ["O3", "C2", "2026-02-01", "AP-001", "3", "129.00", "S2", "G2", "refunded"],
]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture
def importer(uow_factory) -> Importer:
    return Importer(uow_factory, timezone="Asia/Shanghai", language="zh", batch_size=2)


@pytest.fixture
def files(tmp_path) -> dict[str, Path]:
    return {
        "staff": write_csv(tmp_path / "staff.csv", STAFF),
        "customers": write_csv(tmp_path / "customers.csv", CUSTOMERS),
        "products": write_csv(tmp_path / "products.csv", PRODUCTS),
        "orders": write_csv(tmp_path / "orders.csv", ORDERS),
    }


@pytest.fixture
def loaded(importer, files) -> Importer:
    """A brand with staff, customers and products, ready for orders."""
    for kind in ("staff", "customers", "products"):
        assert importer.run(kind, files[kind]).committed
    return importer
