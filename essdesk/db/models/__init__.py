"""The data model: every table of ESS Desk, importable from one place (Alembic's env uses it)."""

from essdesk.db.models.base import Base, Entity
from essdesk.db.models.community import Commune, Membership, MembershipFee, Mentorship
from essdesk.db.models.desk import (
    Interaction,
    MergeRecord,
    RomeProximity,
    SearchTerm,
    YouthSituation,
)
from essdesk.db.models.events import Attendance, Event, EventPartner, EventSession, SessionOffer
from essdesk.db.models.offers import Application, ApplicationEvent, Offer, RomeCode
from essdesk.db.models.partnerships import (
    Partnership,
    PartnershipAction,
    PartnershipAxis,
    PartnershipEmployer,
    PartnershipEvent,
    PartnershipMeeting,
    PartnershipPartner,
)
from essdesk.db.models.people import Contact, Counsellor, Employer, Youth
from essdesk.db.models.placements import (
    FollowUp,
    LocalAidRate,
    Placement,
    PlacementRenewal,
    Scheme,
    SmicRate,
    Training,
)
from essdesk.db.models.privacy import AuditEntry, BaseSetting, RetentionPolicy, User
from essdesk.db.models.speed_meetings import (
    SpeedMeeting,
    SpeedMeetingCandidate,
    SpeedMeetingMeeting,
    SpeedMeetingRecruiter,
    SpeedMeetingWish,
)

__all__ = [
    "Interaction",
    "LocalAidRate",
    "MergeRecord",
    "RomeProximity",
    "SearchTerm",
    "YouthSituation",
    "Application",
    "ApplicationEvent",
    "Attendance",
    "AuditEntry",
    "Base",
    "Commune",
    "Contact",
    "Counsellor",
    "Employer",
    "Entity",
    "Event",
    "EventPartner",
    "EventSession",
    "FollowUp",
    "Membership",
    "MembershipFee",
    "Mentorship",
    "Offer",
    "Partnership",
    "PartnershipAction",
    "PartnershipAxis",
    "PartnershipEmployer",
    "PartnershipEvent",
    "PartnershipMeeting",
    "PartnershipPartner",
    "Placement",
    "PlacementRenewal",
    "RetentionPolicy",
    "BaseSetting",
    "RomeCode",
    "Scheme",
    "SessionOffer",
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

# Registers the flush listener that keeps sort keys and search terms in step with every write.
from essdesk.db import search_keys as _search_keys  # noqa: E402, F401
