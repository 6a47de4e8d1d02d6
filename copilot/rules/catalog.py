"""The automatic rules: who each one picks, and its defaults (overridden per brand in brands.config).

brands.config = {"rules": {"silent": {"enabled": false}, "birthday": {"days_ahead": 5}, ...}}
`cooldown_days` keeps a rule from picking the same customer again soon (a birthday once a year).
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np

from copilot.scoring import CustomerFeatures
from copilot.scoring.segments import birthday_within

DEFAULTS: dict[str, dict] = {
    "birthday": {"enabled": True, "days_ahead": 7, "kind": "birthday", "due_days": 7, "cooldown_days": 300,
                 "brief": ""},
    "first_purchase": {"enabled": True, "after_days": 14, "kind": "first_to_second", "due_days": 5,
                       "cooldown_days": 365, "brief": ""},
    "rebuy_due": {"enabled": True, "factor": 1.0, "kind": "repurchase_reminder", "due_days": 5, "cooldown_days": 30,
                  "brief": ""},
    "silent": {"enabled": True, "days": 90, "kind": "silent_recall", "due_days": 7, "cooldown_days": 90,
               "brief": ""},
    "vip_quiet": {"enabled": True, "days": 30, "kind": "care_checkin", "due_days": 5, "cooldown_days": 30,
                  "brief": ""},
}

Mask = Callable[[CustomerFeatures], np.ndarray]


def members(rule: str, params: dict, today: date) -> Mask:
    if rule == "birthday":
        return lambda f: birthday_within(f, today, int(params["days_ahead"]))
    if rule == "first_purchase":
        # A week's catch-up window: a day the job did not run does not skip anyone (the cool-down
        # stops the other six days from picking them again).
        after = float(params["after_days"])
        return lambda f: (f.n_orders == 1) & (f.days_since_first >= after) & (f.days_since_first < after + 7)
    if rule == "rebuy_due":
        factor = float(params["factor"])
        return lambda f: (f.n_orders >= 2) & (np.nan_to_num(f.dueness, nan=0.0) >= factor)
    if rule == "silent":
        days = float(params["days"])
        return lambda f: (f.n_orders > 0) & (f.days_since_last >= days)
    if rule == "vip_quiet":
        days = float(params["days"])
        return lambda f: np.asarray(f.is_vip, bool) & (f.column("days_since_contact", np.inf) >= days)
    raise KeyError(rule)


def configured(brand_config: dict) -> dict[str, dict]:
    overrides = brand_config.get("rules", {}) or {}
    return {name: {**defaults, **(overrides.get(name) or {})} for name, defaults in DEFAULTS.items()}
