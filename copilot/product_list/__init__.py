"""Product list for one customer: re-purchase rhythm, co-purchase statistics, brief matches."""
from copilot.product_list.copurchase import CoPurchase, Related
from copilot.product_list.picker import Pick, PickerConfig, pick_products, price_cap
from copilot.product_list.reasons import PickSource
from copilot.product_list.rhythm import Due, due_items

__all__ = [
    "CoPurchase",
    "Due",
    "Pick",
    "PickSource",
    "PickerConfig",
    "Related",
    "due_items",
    "pick_products",
    "price_cap",
]
