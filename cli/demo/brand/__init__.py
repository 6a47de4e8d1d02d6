"""A seeded generator of a realistic demo brand: 栖木生活 (Qimu Living), a lifestyle store chain.

    write_demo_brand(out_dir, *, seed=7, customers=3000, months=24, end) -> dict[str, Path]

writes the files below into `out_dir` and returns their paths under the keys
"stores", "staff", "customers", "products", "orders" and "content". Orders fall in the `months`
calendar months before `end` (never on `end` itself, so the demo never has future orders).
The same seed and `end` give byte-identical files.

CSV files: UTF-8 without BOM, comma-separated, "\\n" line ends, a header row, quoting only where a
value needs it. Money has two decimals (CNY). Lists are ";"-separated. Empty means "unknown/none".

- stores.csv     store_id,name,city
- staff.csv      staff_id,name,role,store_id,telegram_user_id,monthly_target,language
                 role is guide|manager; telegram_user_id is always empty (staff join by invite);
                 monthly_target is set for guides only (recent monthly sales x 1.15, rounded up to
                 1,000 yuan), empty for the manager.
- customers.csv  customer_id,name,guide_id,store_id,phone,birthday,gender,language,tags,joined_at
                 birthday and joined_at are YYYY-MM-DD; gender F|M; language zh|en; guide_id is
                 empty for members nobody owns. Tags always use the brand's internal Chinese
                 vocabulary (干皮, 敏感肌, 宝妈, 咖啡控, VIP ...), whatever the member's language,
                 so one segment rule finds everyone. VIP = paid spend of 5,000 yuan or more.
- products.csv   sku,name,category,price,description,in_stock,usage_cycle_days,language,tags,
                 brand,name_en,description_en
                 category is 护肤|服饰|母婴|食品|家居; in_stock is true|false; usage_cycle_days is
                 empty for durables; language is zh (English in name_en/description_en).
- orders.csv     order_id,customer_id,ordered_at,sku,quantity,unit_price,store_id,guide_id,status
                 one row per order line, rows of one order adjacent, orders oldest first;
                 ordered_at is ISO 8601 with +08:00 inside store hours; unit_price is what was paid
                 per unit (list price or a discount, never above list); guide_id is empty when no
                 guide is credited; status is paid|refunded (per order).

content/<external_id>.md, one file per document:

    # Title
    kind: article|script|brief
    language: zh|en
    tags: a;b;c

    Body paragraphs (Markdown). Catalogue SKUs are cited in brackets, e.g. [SK-HYA-CRM].

The header lines after the title are "key: value" lines up to the first blank line; the body is
everything after it. The file name without ".md" is the document's external id.
"""
from cli.demo.brand.writer import write_demo_brand

__all__ = ["write_demo_brand"]
