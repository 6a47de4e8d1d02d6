"""The demo brand's files have the agreed columns, sizes and cross-references."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import datetime, timedelta

from cli.demo.brand.seasons import months_before

HEADERS = {
    "stores": "store_id,name,city",
    "staff": "staff_id,name,role,store_id,telegram_user_id,monthly_target,language",
    "customers": "customer_id,name,guide_id,store_id,phone,birthday,gender,language,tags,joined_at",
    "products": "sku,name,category,price,description,in_stock,usage_cycle_days,language,tags,brand,"
                "name_en,description_en",
    "orders": "order_id,customer_id,ordered_at,sku,quantity,unit_price,store_id,guide_id,status",
}
MONEY = re.compile(r"^\d+\.\d\d$")
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_file_starts_with_the_exact_header_the_importers_expect(brand):
    for kind, header in HEADERS.items():
        assert brand.header(kind) == header, kind


def test_paths_are_returned_by_kind_and_exist(brand):
    assert set(brand.paths) == {*HEADERS, "content"}
    assert all(path.exists() for path in brand.paths.values())
    assert brand.paths["content"].is_dir()


def test_the_team_is_three_stores_six_guides_and_one_manager_at_the_flagship(brand):
    staff = brand.rows["staff"]
    assert len(brand.rows["stores"]) == 3
    assert sum(s["role"] == "guide" for s in staff) == 6
    managers = [s for s in staff if s["role"] == "manager"]
    assert [m["store_id"] for m in managers] == [brand.rows["stores"][0]["store_id"]]
    assert all(s["telegram_user_id"] == "" for s in staff)
    assert Counter(s["language"] for s in staff if s["role"] == "guide") == {"zh": 5, "en": 1}


def test_guides_have_a_positive_decimal_monthly_target(brand):
    for guide in (s for s in brand.rows["staff"] if s["role"] == "guide"):
        assert MONEY.match(guide["monthly_target"]) and float(guide["monthly_target"]) > 0


def test_there_are_three_thousand_customers_with_unique_ids_and_phones(brand):
    customers = brand.rows["customers"]
    assert len(customers) == 3000
    assert len({c["customer_id"] for c in customers}) == 3000
    phones = [c["phone"] for c in customers]
    assert len(set(phones)) == 3000
    assert all(re.fullmatch(r"1[3-9]\d{9}", p) for p in phones)


def test_a_few_customers_have_no_owning_guide(brand):
    share = sum(c["guide_id"] == "" for c in brand.rows["customers"]) / 3000
    assert 0.01 <= share <= 0.06


def test_customer_fields_use_the_documented_vocabularies(brand):
    for c in brand.rows["customers"]:
        assert c["gender"] in ("F", "M") and c["language"] in ("zh", "en")
        assert c["birthday"] == "" or re.fullmatch(r"\d{4}-\d\d-\d\d", c["birthday"])
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", c["joined_at"])
        assert "" not in c["tags"].split(";") or c["tags"] == ""


def test_the_catalogue_has_about_two_hundred_products_in_five_categories(brand):
    products = brand.rows["products"]
    assert 180 <= len(products) <= 220
    assert set(Counter(p["category"] for p in products)) == {"护肤", "服饰", "母婴", "食品", "家居"}
    assert len({p["sku"] for p in products}) == len(products)


def test_products_are_bilingual_priced_and_mostly_in_stock(brand):
    products = brand.rows["products"]
    for p in products:
        assert CJK.search(p["name"]) and CJK.search(p["description"])
        assert p["name_en"].isascii() and p["description_en"] and p["language"] == "zh"
        assert MONEY.match(p["price"]) and p["in_stock"] in ("true", "false")
    out = sum(p["in_stock"] == "false" for p in products) / len(products)
    assert 0.02 <= out <= 0.1


def test_consumables_have_a_usage_cycle_and_apparel_has_none(brand):
    by_sku = {p["sku"]: p for p in brand.rows["products"]}
    assert all(p["usage_cycle_days"] == "" for p in by_sku.values() if p["category"] == "服饰")
    assert by_sku["SK-HYA-CRM"]["usage_cycle_days"] == "60"
    assert by_sku["BB-DIA-M"]["usage_cycle_days"] == "20"
    assert by_sku["FD-COF-YN"]["usage_cycle_days"] == "30"


def test_every_order_line_refers_to_known_customers_products_guides_and_stores(brand):
    customers = {c["customer_id"] for c in brand.rows["customers"]}
    skus = {p["sku"] for p in brand.rows["products"]}
    guides = {s["staff_id"] for s in brand.rows["staff"] if s["role"] == "guide"}
    stores = {s["store_id"] for s in brand.rows["stores"]}
    for line in brand.rows["orders"]:
        assert line["customer_id"] in customers and line["sku"] in skus
        assert line["store_id"] in stores and line["guide_id"] in guides | {""}


def test_orders_have_one_to_three_lines_that_agree_on_customer_time_and_status(brand):
    orders = defaultdict(list)
    for line in brand.rows["orders"]:
        orders[line["order_id"]].append(line)
        assert int(line["quantity"]) >= 1 and MONEY.match(line["unit_price"])
    assert all(1 <= len(lines) <= 3 for lines in orders.values())
    for lines in orders.values():
        assert len({(x["customer_id"], x["ordered_at"], x["status"], x["store_id"]) for x in lines}) == 1
    assert max(Counter(len(v) for v in orders.values())) == 3


def test_orders_fall_in_store_hours_china_time_within_the_months_before_end(brand):
    start = months_before(brand.end, 24)
    for line in brand.rows["orders"]:
        at = datetime.fromisoformat(line["ordered_at"])
        assert at.utcoffset() == timedelta(hours=8)
        assert 10 <= at.hour < 22
        assert start <= at.date() < brand.end


def test_about_two_percent_of_orders_are_refunded(brand):
    status = {line["order_id"]: line["status"] for line in brand.rows["orders"]}
    assert set(status.values()) == {"paid", "refunded"}
    assert 0.01 <= sum(s == "refunded" for s in status.values()) / len(status) <= 0.04


def test_most_orders_credit_the_owning_guide_and_some_credit_nobody(brand):
    owner = {c["customer_id"]: c["guide_id"] for c in brand.rows["customers"]}
    lines = brand.rows["orders"]
    by_owner = sum(x["guide_id"] == owner[x["customer_id"]] != "" for x in lines) / len(lines)
    nobody = sum(x["guide_id"] == "" for x in lines) / len(lines)
    assert by_owner > 0.7 and 0.03 < nobody < 0.2
