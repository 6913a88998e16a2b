"""The names of the kinds of record, one enum shared by services, operations and views."""

from __future__ import annotations

from enum import StrEnum


class EntityKind(StrEnum):
    """What a write changed: views reload when a kind they show is in the broadcast."""

    YOUTHS = "youths"
    COUNSELLORS = "counsellors"
    EMPLOYERS = "employers"
    CONTACTS = "contacts"
    OFFERS = "offers"
    APPLICATIONS = "applications"
    PLACEMENTS = "placements"
    TRAININGS = "trainings"
    FOLLOW_UPS = "follow_ups"
    PARTNERSHIPS = "partnerships"
    EVENTS = "events"
    SPEED_MEETINGS = "speed_meetings"
    REFERENCE = "reference"  # schemes, ROME codes, communes


ALL_KINDS = frozenset(EntityKind)
