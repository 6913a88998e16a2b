"""Young people: the declaration the generic record editor needs, the filter bar and the panels."""

from __future__ import annotations

from functools import partial

from essdesk.domain.catalogue import YOUTH
from essdesk.domain.entities import EntityKind
from essdesk.services import duplicates, merge, youth_file
from essdesk.services.listings import LISTINGS
from essdesk.services.merge_preview import merge_preview
from essdesk.services.records import load_record
from essdesk.services.youth_file import YouthFilters
from essdesk.ui.interactions import InteractionsPanel
from essdesk.ui.ops import OpContext
from essdesk.ui.partnerships.mentoring import MentoringPanel
from essdesk.ui.placements.pathway_panel import PathwayPanel
from essdesk.ui.placements.youth_panels import EligibilityPanel, YouthPlacementsPanel
from essdesk.ui.positionings.panels import YouthPositioningsPanel
from essdesk.ui.privacy.history_panel import HistoryPanel
from essdesk.ui.privacy.person_actions import PersonActions
from essdesk.ui.records.area import RecordArea
from essdesk.ui.records.kinds import Duplicates, RecordType
from essdesk.ui.youths.completeness import CompletenessPanel
from essdesk.ui.youths.filters import YouthFilterBar
from essdesk.ui.youths.referent import ReferentPanel
from essdesk.ui.youths.situations import SituationsPanel


def _title(texts: dict[str, str]) -> str:
    return f"{texts.get('first_name', '')} {texts.get('last_name', '')}".strip() or "Jeune"


# The record's panels, in the order shown under the form: the daily work first (contacts,
# offers proposed), then the file's follow-up, its history and the person's rights last.
YOUTH_PANELS = (
    ReferentPanel,
    CompletenessPanel,
    InteractionsPanel,
    YouthPositioningsPanel,
    EligibilityPanel,
    YouthPlacementsPanel,
    PathwayPanel,
    SituationsPanel,
    MentoringPanel,
    HistoryPanel,
    partial(PersonActions, with_consent=False),  # the form holds the information and consents
)

YOUTH_TYPE = RecordType(
    kind=EntityKind.YOUTHS,
    catalogue=YOUTH,
    load=lambda db, record_id: load_record(db, EntityKind.YOUTHS, record_id),
    create=youth_file.create_youth,
    save=youth_file.save_youth,
    title=_title,
    panels=YOUTH_PANELS,
    duplicates=Duplicates(
        find=duplicates.youth_duplicates_of,
        preview=lambda db, a, b: merge_preview(db, EntityKind.YOUTHS, a, b),
        merge=lambda db, kept, gone, placement: merge.merge_youths(
            db, kept, gone, keep_placement_id=placement
        ),
    ),
)


class YouthsArea(RecordArea):
    """The list with its filter bar, and the editor with the youth's panels."""

    def __init__(self, context: OpContext) -> None:
        super().__init__(LISTINGS["youths"], YOUTH_TYPE, context)
        self.filter_bar = YouthFilterBar(context, self)
        self.list.add_filter_bar(self.filter_bar)
        self.filter_bar.changed.connect(self.apply_filters)

    def set_database(self, db) -> None:
        self.filter_bar.set_database(db)
        super().set_database(db)

    def apply_filters(self, filters: YouthFilters) -> None:
        # The conditions are built on the worker: « no contact for 90 days » counts from the
        # day the query runs, and an unfiltered list keeps the plain query.
        self.list.set_filters(filters.conditions_for if filters != YouthFilters() else None)


def make_youths_area(context: OpContext) -> YouthsArea:
    return YouthsArea(context)
