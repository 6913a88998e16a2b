"""The offers area: list with its filters, editor with the employer and ROME pickers, positionings."""

from essdesk.ui.offers.area import OFFER_TYPE, OffersArea, make_offers_area

__all__ = ["OFFER_TYPE", "OffersArea", "make_offers_area"]
