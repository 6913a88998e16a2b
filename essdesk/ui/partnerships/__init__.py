"""Partnership agreements, member employers and their fees, mentoring pairs."""

from essdesk.ui.partnerships.mentoring import MentoringPanel

__all__ = ["MentoringPanel", "make_partnerships_area"]


def make_partnerships_area(context):
    from essdesk.ui.partnerships.area import PartnershipsArea

    return PartnershipsArea(context)
