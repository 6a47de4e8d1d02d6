"""The per-guide scoring cache behind /goal: nightly inputs cached, everything live stays live."""
from datetime import timedelta

from copilot.guide import today as guide_day
from copilot.guide.goal import goal
from copilot.contacts.cache import ScoringCache


def _guide(uow):
    return uow.staff.get_by_external("G1")


def test_the_snapshot_is_read_once_within_max_age_and_again_after(brand, selling, clock):
    cache = ScoringCache(max_age=timedelta(minutes=10))
    with brand() as uow:
        first = cache.view(uow, clock.now()).scoring.snapshot(_guide(uow).id)
        again = cache.view(uow, clock.now() + timedelta(minutes=9)).scoring.snapshot(_guide(uow).id)
        later = cache.view(uow, clock.now() + timedelta(minutes=11)).scoring.snapshot(_guide(uow).id)
    assert again is first and later is not first and later == first


def test_an_opt_out_drops_the_customer_at_once_from_today_and_from_the_cached_goal_plan(brand, selling, clock):
    cache = ScoringCache()
    with brand() as uow:
        guide = _guide(uow)
        top = guide_day.today(selling, uow, guide, clock.now()).lines[0]
        planned = goal(selling, uow, guide, clock.now(), timezone="Asia/Shanghai", cache=cache).contacts
        assert top.customer_id in [line.customer_id for line in planned]
        external_id = uow.customers.get(top.customer_id).external_id
        uow.bulk.upsert("customers", [{"external_id": external_id, "consent": "revoked"}])
        after = guide_day.today(selling, uow, guide, clock.now(), per_page=100)
        planned = goal(selling, uow, guide, clock.now(), timezone="Asia/Shanghai", cache=cache).contacts
    assert top.customer_id not in [line.customer_id for line in after.lines]
    assert top.customer_id not in [line.customer_id for line in planned]


def test_the_cache_keeps_at_most_max_owners_guides(brand, selling, clock):
    cache = ScoringCache(max_owners=1)
    with brand() as uow:
        ids = [uow.staff.get_by_external(e).id for e in ("G1", "G2")]
        one = cache.view(uow, clock.now()).scoring.snapshot(ids[0])
        cache.view(uow, clock.now()).scoring.snapshot(ids[1])
        assert cache.view(uow, clock.now()).scoring.snapshot(ids[0]) is not one  # evicted, read again
