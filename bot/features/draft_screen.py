"""The draft screen's text: the message, its products by name and price (with why, in the guide's
language), a note when the offline writer stood in, and the last action's status."""
from __future__ import annotations

from bot.features.draft_state import Saved
from bot.features.formatting import money
from bot.render import escape
from bot.texts import Texts
from copilot.guide.service import GuideService


def screen(t: Texts, name: str, saved: Saved, guide: GuideService, status: str = "") -> str:
    catalogue = guide.catalogue
    lines = [t("draft.title", name=name), "", escape(saved.text)]
    if saved.products:
        lines += ["", t("draft.products")]
        for sku, why in saved.products:
            product = catalogue.get(sku)
            if product is not None:
                key = "card.product_line" if why else "card.product_line_bare"
                lines.append(t(key, name=product.name_in(t.language), price=money(product.price), reason=why))
    if saved.fell_back:
        lines += ["", t("draft.offline_note")]
    if status:
        lines += ["", status]
    return "\n".join(lines)
