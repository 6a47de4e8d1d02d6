import pytest

from copilot.staff import InvalidBudget, InvalidQuietHours, parse_budget, parse_quiet_hours


@pytest.mark.parametrize("text, hours", [("21-9", (21, 9)), ("22:00-08:00", (22, 8)), ("21到9", (21, 9)),
                                         (" 0 - 23 ", (0, 23))])
def test_quiet_hours_are_read_from_the_usual_ways_of_writing_them(text, hours):
    assert parse_quiet_hours(text) == hours


@pytest.mark.parametrize("text", ["21", "25-9", "evening", "21-9-3", ""])
def test_anything_else_is_not_quiet_hours(text):
    with pytest.raises(InvalidQuietHours):
        parse_quiet_hours(text)


def test_a_budget_must_be_a_whole_number():
    assert parse_budget(" 15 ") == 15
    with pytest.raises(InvalidBudget):
        parse_budget("fifteen")
