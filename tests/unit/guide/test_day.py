"""The guide's day: the budget, tasks merged in and marked, worth most first, a count going down."""
from copilot.contacts import ContactLine
from copilot.guide.day import DayItem, plan_day
from copilot.scoring import Status, Tier


def line(customer_id: int, value: float, status: Status = Status.OK) -> ContactLine:
    return ContactLine(customer_id, f"C{customer_id}", Tier.REPEAT, status, value, 0.5, ["reason"])


RANKED = [line(k, 100.0 - k) for k in range(1, 40)]


def test_the_day_holds_the_budget_worth_most_first_not_the_whole_ranking():
    day = plan_day(RANKED, [], budget=20, contacted=0)
    assert day.left == 20 and [i.line.customer_id for i in day.items] == list(range(1, 21))


def test_each_contact_made_today_leaves_one_less():
    assert plan_day(RANKED[1:], [], budget=20, contacted=1).left == 19
    assert plan_day(RANKED, [], budget=20, contacted=25).left == 0


def task(customer_id: int, value: float, task_id: int, *, due_today: bool = False) -> DayItem:
    return DayItem(line(customer_id, value), task_id, "首购关怀", due_today)


def test_open_tasks_are_merged_in_by_value_marked_and_count_against_the_budget():
    tasks = [task(90, 95.5, 7), task(3, 97.0, 8)]  # 3 is also ranked
    day = plan_day(RANKED, tasks, budget=5, contacted=0)
    assert [(i.line.customer_id, i.task_id) for i in day.items] == [(1, None), (2, None), (3, 8), (4, None), (90, 7)]
    assert day.left == 5


def test_tasks_take_at_most_half_the_day_the_rest_of_the_campaign_follows_on_the_next_days():
    tasks = [task(100 + k, 200.0 - k, k) for k in range(30)]
    day = plan_day(RANKED, tasks, budget=20, contacted=0)
    assert day.left == 20 and sum(1 for i in day.items if i.task_id is not None) == 10
    assert {i.line.customer_id for i in day.items if i.task_id is not None} == set(range(100, 110))  # worth most


def test_tasks_due_today_all_make_the_day_even_when_the_budget_is_used_up():
    day = plan_day(RANKED, [task(90, 1.0, 7, due_today=True), task(91, 50.0, 8)], budget=3, contacted=3)
    assert [(i.line.customer_id, i.task_name) for i in day.items] == [(90, "首购关怀")]


def test_when_few_contacts_are_left_to_rank_more_tasks_fill_the_day():
    tasks = [task(100 + k, 10.0 - k, k) for k in range(8)]
    day = plan_day(RANKED[:2], tasks, budget=6, contacted=0)
    assert day.left == 6 and sum(1 for i in day.items if i.task_id is not None) == 4


def test_customers_resting_under_fatigue_caps_do_not_fill_the_day_but_quiet_hours_do():
    ranked = [line(1, 50, Status.RECENTLY_CONTACTED), line(2, 40, Status.QUIET_HOURS), line(3, 30)]
    assert [i.line.customer_id for i in plan_day(ranked, [], budget=20, contacted=0).items] == [2, 3]


def test_pages_of_the_day():
    day = plan_day(RANKED, [], budget=20, contacted=0)
    items, page, pages = day.page(1, 10)
    assert (len(items), page, pages) == (10, 1, 2) and items[0].line.customer_id == 11
    assert day.page(5, 10)[1] == 1  # past the end: the last page
