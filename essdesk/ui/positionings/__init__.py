"""Positionings (mises en relation): record panels, the transition dialog, the area, the hooks."""

from essdesk.ui.positionings.area import PositioningsArea, make_positionings_area
from essdesk.ui.positionings.panels import OfferPositioningsPanel, YouthPositioningsPanel
from essdesk.ui.positionings.propose import ProposeDialog
from essdesk.ui.positionings.transition import PositioningView, TransitionDialog

__all__ = [
    "OfferPositioningsPanel",
    "PositioningView",
    "PositioningsArea",
    "ProposeDialog",
    "TransitionDialog",
    "YouthPositioningsPanel",
    "make_positionings_area",
]
