"""Outbox messages about tasks, in the staff member's language (copilot/ cannot reach bot/texts)."""
from __future__ import annotations

from datetime import date

WEEKDAYS = {"zh": "一二三四五六日", "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}
RULE_TITLES = {
    "zh": {"birthday": "生日关怀", "first_purchase": "首购后回访", "rebuy_due": "回购提醒", "silent": "沉默顾客召回",
           "vip_quiet": "VIP关怀"},
    "en": {"birthday": "Birthday care", "first_purchase": "After the first purchase", "rebuy_due": "Time to re-buy",
           "silent": "Win back silent customers", "vip_quiet": "VIP care"},
}


def title(name: str, rule: str | None, language: str) -> str:
    """What users read as a campaign's name. A rule's campaign is stored as "<rule> <date>" (its
    once-a-day key), which would show an internal rule name: it reads "沉默顾客召回 11月23日" instead."""
    lang = "zh" if language == "zh" else "en"
    if not rule or rule not in RULE_TITLES[lang]:
        return name
    day = name.rpartition(" ")[2]
    try:
        started = date.fromisoformat(day)
    except ValueError:
        return RULE_TITLES[lang][rule]
    when = f"{started.month}月{started.day}日" if lang == "zh" else f"{started.day} {started.strftime('%b')}"
    return f"{RULE_TITLES[lang][rule]} {when}"


def due_text(due: date | None, language: str) -> str:
    if due is None:
        return ""
    if language == "zh":
        return f"{due.month}月{due.day}日（周{WEEKDAYS['zh'][due.weekday()]}）"
    return f"{WEEKDAYS['en'][due.weekday()]} {due.day} {due.strftime('%b')}"


def new_tasks(count: int, name: str, due: date | None, language: str) -> str:
    when = due_text(due, language)
    if language == "zh":
        return f"新的关怀任务：{count} 位顾客 — {name}，截止 {when}"
    return f"New care task: {count} customers — {name}, due {when}"


def reminder(count: int, name: str, due: date | None, language: str) -> str:
    when = due_text(due, language)
    if language == "zh":
        return f"提醒：{name} 还有 {count} 位顾客未开始，截止 {when}"
    return f"Reminder: {count} customers not started yet — {name}, due {when}"


def escalation(guide: str, count: int, name: str, language: str) -> str:
    if language == "zh":
        return f"{guide} 在「{name}」中还有 {count} 个任务未开始（已提醒两次）"
    return f"{guide} has not started {count} tasks of “{name}” (reminded twice)"


def button(language: str) -> str:
    return "查看任务" if language == "zh" else "Open tasks"


def tasks_payload(text: str, staff_id: int, campaign_id: int, language: str) -> dict:
    """A semantic button: the bot's messenger turns "tasks" into its own callback data."""
    return {"text": text, "buttons": [[{"text": button(language), "action": "tasks", "staff_id": staff_id,
                                        "campaign_id": campaign_id}]]}
