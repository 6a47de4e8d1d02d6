"""Callback data for the managers' and guides' task screens (campaigns, tasks, team, wizard).

Same rules as bot/callbacks.py: `u` is the staff id the button was rendered for (checked by the
OwnerCheckMiddleware), every other field is an int or an enum, ids are re-authorized by the copilot.
"""
from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class TaskAction(StrEnum):
    LIST = "l"  # the guide's open tasks, grouped by campaign
    CAMPAIGN = "c"  # one campaign's open tasks (i = campaign id)
    OPEN = "o"  # one task with its draft (i = task id)
    DONE = "d"  # ask for the outcome (i = task id)
    OUTCOME = "r"  # record outcome o (i = task id)


class Outcome(StrEnum):
    NONE = ""
    CONTACTED = "c"
    REPLIED = "r"
    BOUGHT = "b"
    NOT_INTERESTED = "n"
    UNREACHABLE = "u"


OUTCOME_NAMES = {Outcome.CONTACTED: "contacted", Outcome.REPLIED: "replied", Outcome.BOUGHT: "bought",
                 Outcome.NOT_INTERESTED: "not_interested", Outcome.UNREACHABLE: "unreachable"}


class TaskCb(CallbackData, prefix="tk"):
    u: int
    a: TaskAction = TaskAction.LIST
    i: int = 0
    o: Outcome = Outcome.NONE


class CampaignAction(StrEnum):
    LIST = "l"
    REPORT = "r"


class CampaignCb(CallbackData, prefix="cp"):
    u: int
    a: CampaignAction = CampaignAction.LIST
    i: int = 0


class WizardAction(StrEnum):
    SEGMENT = "s"  # v = index into SEGMENTS
    KIND = "k"  # v = index into TASK_KINDS
    CONTENT = "c"  # v = the id of the content used as the brief
    VARIANTS = "v"  # v = 1..3
    HOLDOUT = "h"  # v = percent
    DUE = "d"  # v = days from today
    CONFIRM = "y"
    CANCEL = "x"


class WizardCb(CallbackData, prefix="wz"):
    u: int
    a: WizardAction
    v: int = 0


MANAGER_FACTORIES: tuple[type[CallbackData], ...] = (TaskCb, CampaignCb, WizardCb)
