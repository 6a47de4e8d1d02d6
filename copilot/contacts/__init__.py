"""Who to contact: scoring the database's customers, today's list, segments and the gap planner.

`copilot.scoring` holds the maths over arrays; this package turns the database's rows into those
arrays (through the `ScoringRepository` port) and back into lines a guide can read.
"""
from copilot.contacts.service import ContactLine, ContactsService, TodayPage

__all__ = ["ContactLine", "ContactsService", "TodayPage"]
