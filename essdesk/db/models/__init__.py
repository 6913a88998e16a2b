"""The data model: every table of ESS Desk, importable from one place (Alembic's env uses it)."""

from essdesk.db.models.base import Base, Entity
from essdesk.db.models.offers import Application, ApplicationEvent, Offer, RomeCode
from essdesk.db.models.partnerships import (
    Attendance,
    Event,
    EventSession,
    Partnership,
    PartnershipAction,
    PartnershipAxis,
    PartnershipMeeting,
)
from essdesk.db.models.people import Contact, Counsellor, Employer, Youth
from essdesk.db.models.placements import (
    FollowUp,
    Placement,
    PlacementRenewal,
    Scheme,
    SmicRate,
    Training,
)
from essdesk.db.models.privacy import AuditEntry, RetentionPolicy, User
from essdesk.db.models.speed_meetings import (
    SpeedMeeting,
    SpeedMeetingCandidate,
    SpeedMeetingMeeting,
    SpeedMeetingRecruiter,
    SpeedMeetingWish,
)

__all__ = [
    "Application",
    "ApplicationEvent",
    "Attendance",
    "AuditEntry",
    "Base",
    "Contact",
    "Counsellor",
    "Employer",
    "Entity",
    "Event",
    "EventSession",
    "FollowUp",
    "Offer",
    "Partnership",
    "PartnershipAction",
    "PartnershipAxis",
    "PartnershipMeeting",
    "Placement",
    "PlacementRenewal",
    "RetentionPolicy",
    "RomeCode",
    "Scheme",
    "SmicRate",
    "SpeedMeeting",
    "SpeedMeetingCandidate",
    "SpeedMeetingMeeting",
    "SpeedMeetingRecruiter",
    "SpeedMeetingWish",
    "Training",
    "User",
    "Youth",
]
