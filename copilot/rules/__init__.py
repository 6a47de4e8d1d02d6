"""Automatic daily rules that create care tasks (birthday, first purchase, re-buy due, silent, VIP)."""
from copilot.rules.catalog import DEFAULTS, configured
from copilot.rules.runner import RuleRun, run_rules

__all__ = ["DEFAULTS", "RuleRun", "configured", "run_rules"]
