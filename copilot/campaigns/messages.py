"""Outbox messages about tasks, in the staff member's language (copilot/ cannot reach bot/texts)."""
from __future__ import annotations

from datetime import date

WEEKDAYS = {"zh": "一二三四五六日", "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}


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
