"""Campaigns: care tasks for a segment, handed to the owning guides with drafts, tracked to outcome."""
from copilot.campaigns.create import CampaignResult, CampaignService, Preview
from copilot.campaigns.lifecycle import Upkeep, upkeep
from copilot.campaigns.spec import ALL, FILTER_KEYS, TASK_KINDS, CampaignSpec, parse_filters
from copilot.campaigns.tasks import OUTCOMES, TaskGroup, campaign_tasks, complete_task, open_task, task_groups

__all__ = ["ALL", "FILTER_KEYS", "OUTCOMES", "TASK_KINDS", "CampaignResult", "CampaignService", "CampaignSpec",
           "Preview", "TaskGroup", "Upkeep", "campaign_tasks", "complete_task", "open_task", "parse_filters",
           "task_groups", "upkeep"]
