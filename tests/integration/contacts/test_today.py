import re
from datetime import timedelta
from zoneinfo import ZoneInfo
from decimal import Decimal

import pytest

from copilot.contacts.outreach import Channel, Source, log_outreach
from copilot.scoring import Status, rank_today
from core.errors import InvalidInput, OptedOut
from tests.integration.contacts.conftest import NOW


def _guide(uow, external_id="G01"):
    return uow.staff.get_by_external(external_id)


def test_scoring_stores_a_snapshot_for_every_customer(scored):
    with scored() as uow:
        assert len(uow.scoring.snapshot()) == uow.customers.count()
        assert uow.scoring.snapshot_time() == NOW


def test_today_lists_only_the_guides_own_customers_best_first_with_reasons(scored, service):
    with scored() as uow:
        guide = _guide(uow)
        page = service.today(uow, guide, NOW, per_page=10)
        owned = {c.id for c in uow.customers.list_for_owner(guide.id)}
    assert len(page.lines) == 10 and page.pages > 1
    assert {line.customer_id for line in page.lines} <= owned
    values = [line.value for line in page.lines]
    assert values[0] >= values[-1] > 0
    assert all(line.reasons and all(r.strip() for r in line.reasons) for line in page.lines)


def test_an_english_speaking_guide_gets_reasons_in_english(scored, service):
    with scored() as uow:
        guide = next(s for s in uow.staff.list() if s.language == "en" and s.role == "guide")
        page = service.today(uow, guide, NOW)
    texts = [r for line in page.lines for r in line.reasons]
    assert texts and not any(re.search(r"[\u4e00-\u9fff]", r) for r in texts)


def test_an_opted_out_customer_never_appears_and_cannot_be_contacted(scored, service):
    with scored() as uow:
        guide = _guide(uow)
        top = service.today(uow, guide, NOW).lines[0]
        external_id = uow.customers.get(top.customer_id).external_id
        uow.bulk.upsert("customers", [{"external_id": external_id, "consent": "revoked"}])
        ids = [line.customer_id for line in service.today(uow, guide, NOW, per_page=1000).lines]
        assert top.customer_id not in ids
        with pytest.raises(OptedOut):
            log_outreach(uow, customer_id=top.customer_id, guide_id=guide.id, source=Source.GUIDE,
                         channel=Channel.MANUAL, text="hi", products=[], now=NOW)


def test_a_customer_contacted_yesterday_is_pushed_below_everyone_eligible_with_the_reason(scored, service):
    with scored() as uow:
        guide = _guide(uow)
        top = service.today(uow, guide, NOW).lines[0]
        log_outreach(uow, customer_id=top.customer_id, guide_id=guide.id, source=Source.TASK,
                     channel=Channel.BOT, text="hi", products=[], now=NOW - timedelta(days=1))
        lines = service.today(uow, guide, NOW, per_page=1000).lines
    moved = next(line for line in lines if line.customer_id == top.customer_id)
    assert moved.status is Status.RECENTLY_CONTACTED and "1" in moved.reasons[0]
    assert lines.index(moved) == sum(line.status is Status.OK for line in lines)


def test_the_segment_filter_keeps_only_its_members(scored, service):
    with scored() as uow:
        guide = _guide(uow)
        members = set(service.segment_members(uow, NOW, "silent", guide.id))
        page = service.today(uow, guide, NOW, segment="silent", per_page=1000)
    assert members and {line.customer_id for line in page.lines} <= members
    assert page.total == len(members)


def test_segment_counts_are_per_guide(scored, service):
    with scored() as uow:
        guide = _guide(uow)
        counts = service.segment_counts(uow, NOW)
        own = len(service.segment_members(uow, NOW, "first_time_no_repeat", guide.id))
        silent = len(service.segment_members(uow, NOW, "silent"))
    assert counts["first_time_no_repeat"].get(guide.id, 0) == own
    assert sum(counts["silent"].values()) == silent


def test_the_gap_plan_names_the_gap_and_what_the_picks_should_bring(scored, service):
    with scored() as uow:
        guide = _guide(uow)
        plan, lines = service.gap_plan(uow, guide, NOW, month_to_date=Decimal("1000"))
    assert plan.gap == pytest.approx(float(guide.monthly_target) - 1000)
    assert 0 < len(lines) <= guide.daily_budget
    assert plan.expected_total == pytest.approx(sum(line.value for line in lines))
    assert "本周" in plan.sentence("zh") and "this week" in plan.sentence("en")
    # Probabilities in the reasons are the snapshot's 30-day ones, whatever the plan's period.
    assert not any("未来7天" in reason for line in lines for reason in line.reasons)


def test_a_customer_imported_after_scoring_is_listed_as_never_bought(scored, service):
    with scored() as uow:
        guide = _guide(uow)
        uow.bulk.upsert("customers", [{"external_id": "NEW1", "name": "新客", "owner_id": guide.id}])
        lines = service.today(uow, guide, NOW, per_page=5000).lines
    newcomer = next(line for line in lines if line.name == "新客")
    assert newcomer.value == 0 and newcomer.tier.name == "NEVER_BOUGHT"


def test_an_unknown_segment_is_refused_by_name(scored, service):
    with scored() as uow, pytest.raises(InvalidInput, match="unknown segment 'loyal'"):
        service.today(uow, _guide(uow), NOW, segment="loyal")


def _full_ranking(service, uow, guide, now, per_page):
    """What today's list was before it read the nightly order: every customer of the guide ranked live."""
    pop, f = service.features(uow, now, guide.id)
    order = rank_today(f, now.astimezone(ZoneInfo("Asia/Shanghai")).hour, service._policy).order
    return [int(f.customer_id[i]) for i in order[:per_page]]


@pytest.mark.parametrize("page", [0, 2])
def test_a_page_read_from_the_nightly_order_is_the_page_of_the_full_live_ranking(scored, service, page):
    with scored() as uow:
        guide = _guide(uow)
        for line in service.today(uow, guide, NOW).lines[:3]:  # contacted since the scoring run
            log_outreach(uow, customer_id=line.customer_id, guide_id=guide.id, source=Source.GUIDE,
                         channel=Channel.MANUAL, text="hi", products=[], now=NOW - timedelta(hours=1))
        shown = service.today(uow, guide, NOW, page=page, per_page=10)
        full = _full_ranking(service, uow, guide, NOW, per_page=10 * (page + 1))
        total = len(uow.customers.list_for_owner(guide.id))
    assert [line.customer_id for line in shown.lines] == full[10 * page:]
    assert shown.total == total  # every customer of the guide is in the list, contacted ones pushed down
