"""Offers: the declaration the generic record editor needs, the filter bar and the positionings."""

from __future__ import annotations

from essdesk.domain.catalogue import OFFER
from essdesk.domain.entities import EntityKind
from essdesk.services.offer_list import OfferCriteria, offer_listing
from essdesk.services.records import create_record, load_record, save_record
from essdesk.ui.offers.filters import OfferFilters
from essdesk.ui.ops import OpContext
from essdesk.ui.positionings.panels import OfferPositioningsPanel
from essdesk.ui.records.area import RecordArea
from essdesk.ui.records.kinds import RecordType

OFFER_TYPE = RecordType(
    kind=EntityKind.OFFERS,
    catalogue=OFFER,
    load=lambda db, record_id: load_record(db, EntityKind.OFFERS, record_id),
    create=lambda db, texts: create_record(db, EntityKind.OFFERS, texts),
    save=lambda db, record_id, version, texts: save_record(
        db, EntityKind.OFFERS, record_id, version, texts
    ),
    title=lambda texts: texts.get("title") or "Offre",
    changes=frozenset({EntityKind.APPLICATIONS}),
    panels=(OfferPositioningsPanel,),
)


class OffersArea(RecordArea):
    """The list of offers under its filter bar, the editor beside it."""

    def __init__(self, context: OpContext) -> None:
        self.context = context
        self.filters = OfferFilters(context)
        super().__init__(offer_listing(self.filters.criteria()), OFFER_TYPE, context)
        self.kinds = self.kinds | {EntityKind.EMPLOYERS}  # an employer renamed shows here
        self.list.layout().insertWidget(2, self.filters)
        self.filters.changed.connect(self.apply_criteria)

    def apply_criteria(self, criteria: OfferCriteria) -> None:
        db = self.context.db
        dialect = db.engine.dialect.name if db is not None else "sqlite"
        self.list.model.listing = offer_listing(criteria, dialect)
        self.list.refresh()

    def set_database(self, db) -> None:
        self.list.model.listing = offer_listing(
            self.filters.criteria(), db.engine.dialect.name if db is not None else "sqlite"
        )
        super().set_database(db)


def make_offers_area(context: OpContext) -> OffersArea:
    return OffersArea(context)
