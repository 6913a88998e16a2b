"""Employers: the declaration the generic record editor needs, with the contacts panel."""

from __future__ import annotations

from functools import partial

from essdesk.domain.catalogue import EMPLOYER
from essdesk.domain.entities import EntityKind
from essdesk.services import duplicates, employers, merge
from essdesk.services.listings import LISTINGS
from essdesk.services.merge_preview import merge_preview
from essdesk.services.records import create_record, load_record, save_record
from essdesk.ui.employers.contacts import ContactsPanel
from essdesk.ui.interactions import InteractionsPanel
from essdesk.ui.ops import OpContext
from essdesk.ui.partnerships.mentoring import MentoringPanel
from essdesk.ui.records.area import RecordArea
from essdesk.ui.records.kinds import Duplicates, RecordType

EMPLOYER_TYPE = RecordType(
    kind=EntityKind.EMPLOYERS,
    catalogue=EMPLOYER,
    load=lambda db, record_id: load_record(db, EntityKind.EMPLOYERS, record_id),
    create=lambda db, texts: create_record(db, EntityKind.EMPLOYERS, texts),
    save=lambda db, record_id, version, texts: save_record(
        db, EntityKind.EMPLOYERS, record_id, version, texts
    ),
    title=lambda texts: texts.get("name") or "Employeur",
    archive=employers.set_archived,
    delete=employers.delete_employer,
    can_delete=employers.can_delete,
    changes=frozenset({EntityKind.CONTACTS}),
    # The company's volunteers mentoring young people (parrainage) are listed under its contacts.
    panels=(ContactsPanel, InteractionsPanel, partial(MentoringPanel, scope="employer")),
    duplicates=Duplicates(
        find=duplicates.employer_duplicates_of,
        preview=lambda db, a, b: merge_preview(db, EntityKind.EMPLOYERS, a, b),
        merge=lambda db, kept, gone, _placement: merge.merge_employers(db, kept, gone),
    ),
)


def make_employers_area(context: OpContext) -> RecordArea:
    return RecordArea(LISTINGS["employers"], EMPLOYER_TYPE, context)
