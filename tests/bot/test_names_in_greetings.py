"""Names in drafts: a Telegram user's two name fields and an imported "Family, Given" are greeted
by the given name; a name whose order is unclear gets a neutral greeting."""
from bot.callbacks import CardAction, CardCb
from tests.bot.client import TgUser
from tests.bot.customer_steps import customer_of, join_via_link
from tests.bot.guide_helpers import staff_id
from tests.bot.conftest import GUIDE

ZHOU = TgUser(7301, "明明", "zh", last_name="周")


async def _draft(client, brand, customer_id: int) -> str:
    if GUIDE.id not in client.session.touched:
        await client.send(GUIDE, "/help")
    await client.press_raw(GUIDE, CardCb(u=staff_id(brand, GUIDE), c=customer_id, a=CardAction.DRAFT).pack())
    return client.last(GUIDE).text


def _add_customer(brand, external_id: str, name: str, language: str) -> int:
    with brand() as uow:
        owner = uow.staff.get_by_external("G1")
        uow.bulk.upsert("customers", [{"external_id": external_id, "name": name, "owner_id": owner.id,
                                       "store_id": owner.store_id, "language": language}])
        uow.commit()
        return uow.customers.get_by_external(external_id).id


async def test_a_telegram_user_named_mingming_zhou_is_stored_family_first_and_greeted_by_the_given_name(
        guide_client, brand):
    await join_via_link(guide_client, brand, ZHOU)
    customer = customer_of(brand, ZHOU)
    assert customer.name == "周明明"
    draft = await _draft(guide_client, brand, customer.id)
    assert "明明，您好" in draft and "明周" not in draft and "周明明，" not in draft


async def test_an_imported_family_comma_given_name_is_greeted_by_the_given_name(guide_client, brand):
    draft = await _draft(guide_client, brand, _add_customer(brand, "X-SMITH", "Smith, John", "en"))
    assert "Hi John," in draft and "Smith," not in draft.split("\n\n", 1)[1] and ",," not in draft


async def test_a_name_whose_order_is_unclear_gets_a_neutral_greeting(guide_client, brand):
    draft = await _draft(guide_client, brand, _add_customer(brand, "X-LIWEI", "Li Wei", "en"))
    body = draft.split("\n\n", 1)[1]
    assert body.startswith("Hi there,") and "Li" not in body.split(",")[0] and "Wei" not in body.split("\n")[0]
