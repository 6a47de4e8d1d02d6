"""The retail calendar of the demo brand: shopping festivals, store hours, campaign discounts.

Chinese retail demand is shaped by a handful of dates: 618 (June 18), Double 11 (November 11),
the weeks before Spring Festival (gift buying; stores are quiet over the holiday itself),
Women's Day (March 8) and Mid-Autumn gift boxes. Lunar dates come from tables; outside the
tables a typical date is used, which only shifts a seasonal bump by a few days.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import numpy as np

CHINA = timezone(timedelta(hours=8))
OPENS, CLOSES = 10, 22  # store hours, local time

SPRING_FESTIVAL = {
    2020: date(2020, 1, 25), 2021: date(2021, 2, 12), 2022: date(2022, 2, 1), 2023: date(2023, 1, 22),
    2024: date(2024, 2, 10), 2025: date(2025, 1, 29), 2026: date(2026, 2, 17), 2027: date(2027, 2, 6),
    2028: date(2028, 1, 26), 2029: date(2029, 2, 13), 2030: date(2030, 2, 3), 2031: date(2031, 1, 23),
    2032: date(2032, 2, 11),
}
MID_AUTUMN = {
    2020: date(2020, 10, 1), 2021: date(2021, 9, 21), 2022: date(2022, 9, 10), 2023: date(2023, 9, 29),
    2024: date(2024, 9, 17), 2025: date(2025, 10, 6), 2026: date(2026, 9, 25), 2027: date(2027, 9, 15),
    2028: date(2028, 10, 3), 2029: date(2029, 9, 22), 2030: date(2030, 9, 12), 2031: date(2031, 10, 1),
    2032: date(2032, 9, 19),
}
# Shoppers visit in the afternoon and after work; weights per opening hour 10:00 .. 21:00.
HOUR_WEIGHTS = np.array([3, 5, 6, 6, 8, 9, 8, 6, 7, 10, 10, 6], dtype=float)


def spring_festival(year: int) -> date:
    return SPRING_FESTIVAL.get(year, date(year, 2, 5))


def mid_autumn(year: int) -> date:
    return MID_AUTUMN.get(year, date(year, 9, 20))


def campaign(day: date) -> str:
    """The campaign running on `day`, or "" on an ordinary day."""
    if date(day.year, 6, 1) <= day <= date(day.year, 6, 18):
        return "618"
    if date(day.year, 11, 1) <= day <= date(day.year, 11, 11):
        return "double11"
    if date(day.year, 3, 1) <= day <= date(day.year, 3, 8):
        return "women"
    if 0 < (mid_autumn(day.year) - day).days <= 21:
        return "mid_autumn"
    for year in (day.year, day.year + 1):
        if 0 < (spring_festival(year) - day).days <= 21:
            return "spring"
    return ""


def festival_peak(day: date) -> date | None:
    """The big sale day a purchase due shortly after it is pulled forward to (stocking up)."""
    for peak in (date(day.year, 6, 18), date(day.year, 11, 11)):
        if 0 < (day - peak).days <= 14:
            return peak
    return None


def after_holiday(day: date) -> date:
    """`day`, or the first day after the Spring Festival break when it falls inside it."""
    offset = (day - spring_festival(day.year)).days
    return day + timedelta(days=5 - offset) if -1 <= offset <= 4 else day


def _demand(day: date) -> float:
    kind = campaign(day)
    bump = {"618": 1.8, "double11": 2.2, "women": 1.3, "mid_autumn": 1.3, "spring": 1.5}.get(kind, 1.0)
    if day in (date(day.year, 6, 18), date(day.year, 11, 11)):
        bump *= 2.0
    sf = spring_festival(day.year)
    if -1 <= (day - sf).days <= 4:
        bump *= 0.3  # New Year's Eve and the first days of the year: people are home with family
    weekend = 1.35 if day.weekday() >= 5 else 1.0
    return bump * weekend


def day_weights(start: date, end: date) -> np.ndarray:
    """Relative demand for each day in [start, end): season x weekday x a growing member base."""
    days = (end - start).days
    trend = np.linspace(0.85, 1.15, days)
    season = np.array([_demand(start + timedelta(d)) for d in range(days)])
    weights = trend * season
    return weights / weights.sum()


def shop_time(day: date, rng: np.random.Generator) -> datetime:
    """A moment on `day` inside store hours, in China time."""
    hour = OPENS + int(rng.choice(len(HOUR_WEIGHTS), p=HOUR_WEIGHTS / HOUR_WEIGHTS.sum()))
    minute, second = int(rng.integers(60)), int(rng.integers(60))
    return datetime.combine(day, time(hour, minute, second), CHINA)


def months_before(end: date, months: int) -> date:
    """The same day `months` calendar months earlier (clamped to the month's last day)."""
    total = end.year * 12 + end.month - 1 - months
    year, month = divmod(total, 12)
    for day in range(end.day, 27, -1):
        try:
            return date(year, month + 1, day)
        except ValueError:
            continue
    return date(year, month + 1, min(end.day, 28))
