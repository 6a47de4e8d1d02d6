"""The demo brand's product catalogue: 栖木生活 (Qimu Living), a lifestyle store chain.

Fixed data, independent of the seed, so content articles can name real SKUs and stay valid.
Skin care is built as series x product type (how such lines are really ranged); the other
categories come from family tables in `catalog_goods`, one SKU per variant (size, colour, stage).
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass

from cli.demo.brand.catalog_goods import GOODS, SKINCARE_SINGLES

SKIN_CARE = "护肤"
SKIN_BRAND = "澜语"


@dataclass(frozen=True, slots=True)
class Item:
    sku: str
    family: str  # re-buy and co-purchase rules key on this, e.g. "CRM", "DIA"
    series: str  # skin-care line; co-purchases stay inside it. "" elsewhere
    variant: str  # size / stage / colour suffix; "" when the family has one SKU
    category: str
    brand: str
    name: str
    name_en: str
    description: str
    description_en: str
    price_cents: int
    usage_cycle_days: int | None
    tags: tuple[str, ...]
    in_stock: bool

    @property
    def consumable(self) -> bool:
        return self.usage_cycle_days is not None


# (code, zh, en, key ingredient zh, en, skin zh, en, tags, price % of the base line)
SERIES = (
    ("HYA", "玻尿酸水润", "Hyaluronic Hydrating", "三重分子玻尿酸", "three weights of hyaluronic acid",
     "干性及缺水", "dry and dehydrated", ("玻尿酸", "补水", "干皮"), 100),
    ("CER", "神经酰胺修护", "Ceramide Repair", "神经酰胺与积雪草", "ceramides and centella",
     "敏感及屏障受损", "sensitive or barrier-damaged", ("神经酰胺", "修护", "敏感肌"), 110),
    ("NIA", "烟酰胺焕亮", "Niacinamide Radiance", "5%烟酰胺", "5% niacinamide",
     "暗沉及肤色不均", "dull or uneven", ("烟酰胺", "提亮"), 105),
    ("SAL", "水杨酸净透", "Salicylic Clarifying", "2%水杨酸与茶树精油", "2% salicylic acid and tea tree oil",
     "油性及易长痘", "oily, blemish-prone", ("水杨酸", "控油", "油皮"), 90),
    ("RET", "视黄醇紧致", "Retinol Firming", "0.1%视黄醇与胜肽", "0.1% retinol and peptides",
     "初老及有细纹", "early lines and slackening", ("视黄醇", "抗老", "熟龄肌"), 150),
    ("CAM", "山茶花奢养", "Camellia Luxe", "山茶花籽油与角鲨烷", "camellia seed oil and squalane",
     "熟龄及极干", "mature, very dry", ("山茶花", "滋养", "熟龄肌"), 185),
)

# (code, zh, en, spec zh, spec en, base price, usage cycle, benefit zh, benefit en)
TYPES = (
    ("CLN", "洁面乳", "Cleanser", "120ml", "120 ml", 89, 45,
     "氨基酸表活温和清洁,洗后不紧绷", "amino-acid surfactants clean gently without a tight feel"),
    ("TON", "爽肤水", "Toner", "200ml", "200 ml", 129, 60,
     "洁面后轻拍或湿敷,为精华打底", "pat in or use as a compress after cleansing to prep for serum"),
    ("SER", "精华液", "Serum", "30ml", "30 ml", 259, 60,
     "高浓度精华,早晚各2-3滴", "a concentrated serum, 2-3 drops morning and night"),
    ("CRM", "面霜", "Face Cream", "50g", "50 g", 219, 60,
     "锁水保湿,作为护肤最后一步", "seals in moisture as the last step of the routine"),
    ("EYE", "眼霜", "Eye Cream", "15g", "15 g", 189, 90,
     "质地轻薄,取米粒大小点涂眼周", "a light texture; dot a rice-grain amount around the eyes"),
    ("LOT", "乳液", "Lotion", "100ml", "100 ml", 169, 60,
     "清爽乳液质地,白天替代面霜更轻薄", "a light emulsion, a lighter daytime alternative to cream"),
    ("MSK", "面膜", "Sheet Mask", "5片装", "5 sheets", 99, 30,
     "天丝膜布,每周2-3次密集补给", "Tencel sheets for a boost 2-3 times a week"),
)


def _ends_in_nine(yuan: int) -> int:
    # Shelf prices end in 9 (219, 239): the pricing habit of the category.
    return yuan // 10 * 10 + 9


def _out_of_stock(sku: str) -> bool:
    # A stable ~5% of SKUs are out of stock, independent of the seed.
    return zlib.crc32(sku.encode()) % 20 == 7


def _skin_care() -> list[Item]:
    items = []
    for code, zh, en, ing, ing_en, skin, skin_en, tags, pct in SERIES:
        for t_code, t_zh, t_en, spec, spec_en, base, cycle, ben, ben_en in TYPES:
            sku = f"SK-{code}-{t_code}"
            items.append(Item(
                sku=sku, family=t_code, series=code, variant="", category=SKIN_CARE,
                brand=SKIN_BRAND, name=f"{zh}{t_zh} {spec}", name_en=f"{en} {t_en} {spec_en}",
                description=f"{zh}{t_zh},{spec},核心成分为{ing},{ben}。适合{skin}肌肤。",
                description_en=f"{en} {t_en}, {spec_en}, with {ing_en}; {ben_en}. Suits {skin_en} skin.",
                price_cents=_ends_in_nine(base * pct // 100) * 100, usage_cycle_days=cycle,
                tags=(*tags, t_zh), in_stock=_out_of_stock(sku) is False,
            ))
    return items


def _family_items(prefix: str, category: str, brand: str, family: tuple) -> list[Item]:
    code, own_brand, zh, en, price, cycle, tags, desc, desc_en, variants = family
    items = []
    for suffix, v_zh, v_en, delta in variants or (("", "", "", 0),):
        sku = f"{prefix}-{code}" + (f"-{suffix}" if suffix else "")
        items.append(Item(
            sku=sku, family=code, series="", variant=suffix, category=category,
            brand=own_brand or brand,
            name=f"{zh} {v_zh}".strip(), name_en=f"{en}, {v_en}" if v_en else en,
            description=desc.replace("{v}", v_zh), description_en=desc_en.replace("{v}", v_en),
            price_cents=(price + delta) * 100, usage_cycle_days=cycle, tags=tags,
            in_stock=_out_of_stock(sku) is False,
        ))
    return items


def build_catalog() -> tuple[Item, ...]:
    """Every SKU of the demo brand, in a stable order (category, then table order)."""
    items = _skin_care()
    for family in SKINCARE_SINGLES:
        items += _family_items("SK", SKIN_CARE, SKIN_BRAND, family)
    for prefix, category, brand, families in GOODS:
        for family in families:
            items += _family_items(prefix, category, brand, family)
    return tuple(items)
