"""The outbox: every message to staff and customers is queued in the database and sent within limits."""
from copilot.outbox.limits import Limits, TokenBucket
from copilot.outbox.notifier import OutboxNotifier, enqueue_staff
from copilot.outbox.sender import OutboxSender, SendReport

__all__ = ["Limits", "OutboxNotifier", "OutboxSender", "SendReport", "TokenBucket", "enqueue_staff"]
