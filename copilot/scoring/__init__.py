"""Contact ranking: who to contact today, why, and what it should bring (issue 3).

Pure numpy/scipy, arrays in and arrays out, `as_of` passed in. The calls the DB/bot side needs:

- `build_features(customer_ids, OrderLog(...), as_of_day, profile=Profile(...), engagement=...,
  contacts=...) -> CustomerFeatures` (nightly, or on demand for one guide's customers)
- `rank_today(features, local_hour, FatiguePolicy.from_settings(settings.ranking)) -> Ranking`
- `reasons(features, rows, "zh" | "en", status=ranking.status) -> list[list[str]]`
- `plan_gap(features, month_to_date, monthly_target, budget=...) -> GapPlan` (`.sentence(lang)`)
- `segments.named_segments(today)` + filters in `copilot.scoring.segments`, `counts_by_guide`
- `score_transactions_file(tx_path, as_of, horizon_days, out_path)` for any transaction log
"""
from copilot.scoring.build import OrderLog, Profile, build_features, day_number
from copilot.scoring.planner import GapPlan, plan_gap
from copilot.scoring.priority import FatiguePolicy, Ranking, Status, Tier, priority_order, rank_today
from copilot.scoring.reasons import reasons
from copilot.scoring.table import CustomerFeatures



def __getattr__(name: str):
    # The file interface needs pandas; import it only when asked so the bot never pays for it.
    if name == "score_transactions_file":
        from copilot.scoring.fileio import score_transactions_file

        return score_transactions_file
    raise AttributeError(name)


__all__ = [
    "CustomerFeatures", "FatiguePolicy", "GapPlan", "OrderLog", "Profile", "Ranking", "Status",
    "Tier", "build_features", "day_number", "plan_gap", "priority_order", "rank_today", "reasons",
    "score_transactions_file",
]
