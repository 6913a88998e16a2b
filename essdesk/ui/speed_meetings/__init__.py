"""The speed-meetings area: participants, wishes, timing, the plan, live re-planning, results."""

from essdesk.ui.speed_meetings.view import SpeedMeetingsView

__all__ = ["SpeedMeetingsView"]
