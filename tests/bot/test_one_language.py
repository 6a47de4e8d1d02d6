"""Every screen in the reader's language: an English guide walks every screen and reads no Chinese
but the names of Chinese customers; a Chinese guide reads no English words but names and VIP."""
import re

from bot.callbacks import CardAction, CardCb
from tests.bot.conftest import GUIDE, GUIDE_EN
from tests.bot.guide_helpers import staff_id
from tests.bot.selling import customer_id

CJK = re.compile(r"[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]")
LATIN_IN_ZH = {"VIP"}


def _add_chinese_customer_to_the_english_guide(brand) -> None:
    from datetime import timedelta

    from tests.bot.conftest import NOW

    with brand() as uow:
        guide = uow.staff.get_by_external("G2")
        uow.bulk.upsert("customers", [{"external_id": "Z1", "name": "王小美", "owner_id": guide.id,
                                       "store_id": guide.store_id, "language": "zh"}])
        cid = uow.bulk.ids("customers", ["Z1"])["Z1"]
        uow.bulk.upsert("orders", [{"external_id": "O-Z1", "customer_id": cid, "guide_id": guide.id,
                                    "ordered_at": NOW - timedelta(days=70)}])
        oid = uow.bulk.ids("orders", ["O-Z1"])["O-Z1"]
        pid = uow.bulk.ids("products", ["P1"])["P1"]
        uow.bulk.upsert("order_lines", [{"order_id": oid, "sku": "P1", "product_id": pid, "quantity": 1,
                                         "unit_price": 320, "amount": 320}])
        uow.bulk.refresh_derived()
        uow.commit()


async def _walk(client, brand, user, customers: list[str]) -> list[str]:
    """Every guide screen: commands, and for each customer the card, products, history and draft."""
    seen = []
    for command in ("/help", "/today", "/goal", "/me", "/tasks", "/settings"):
        await client.send(user, command)
        seen.append(client.last(user))
    await client.send(user, "/today")
    await client.click(user, "Filter" if user.language_code == "en" else "筛选")
    seen.append(client.last(user))
    owner = staff_id(brand, user)
    for ext in customers:
        for action in (CardAction.OPEN, CardAction.PRODUCTS, CardAction.HISTORY, CardAction.DRAFT):
            await client.press_raw(user, CardCb(u=owner, c=customer_id(brand, ext), a=action).pack())
            seen.append(client.last(user))
    return [part for r in seen for part in (_screen_text(r.text), *r.labels)]


def _screen_text(text: str) -> str:
    """What the guide reads as the screen's own words: tags out, and a draft's body left out (it is
    written in the customer's language, which is right: it goes to them)."""
    text = re.sub(r"<[^>]+>", "", text)
    if "\n\n" in text and (text.startswith("Draft for") or text.startswith("给")):
        title, _, rest = text.partition("\n\n")
        body, _, products = rest.partition("\n\n")
        return f"{title}\n{products}"
    return text


def _without_names(text: str, names: set[str]) -> str:
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, "")
    return text


def _names(brand) -> set[str]:
    with brand() as uow:
        staff = uow.staff.list()
        customers = [c for s in staff for c in uow.customers.list_for_owner(s.id)]
        return {c.name for c in customers} | {s.name for s in staff} | {p.name for p in uow.products.list()}


async def test_an_english_guide_reads_no_chinese_on_any_screen_but_customer_names(guide_client, brand):
    _add_chinese_customer_to_the_english_guide(brand)
    shown = await _walk(guide_client, brand, GUIDE_EN, ["E1", "E2", "Z1"])
    with brand() as uow:
        staff = uow.staff.list()
        names = ({c.name for s in staff for c in uow.customers.list_for_owner(s.id)} | {s.name for s in staff}
                 | {"中文"})
    mixed = [text for text in shown if CJK.search(_without_names(text, names))]
    assert mixed == []


async def test_a_chinese_guide_reads_no_english_words_on_any_screen(guide_client, brand):
    shown = await _walk(guide_client, brand, GUIDE, ["C1", "C2", "C13"])
    names = _names(brand) | {"English"}
    mixed = [(text, words) for text in shown
             if (words := set(re.findall(r"[A-Za-z]{2,}", re.sub(r"/\w+", "", _without_names(text, names))))
                 - LATIN_IN_ZH)]
    assert mixed == []
