"""What an editor needs to know about a kind of record: a short declaration per kind."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtWidgets import QWidget

from essdesk.db.database import Database
from essdesk.domain.catalogue import Catalogue
from essdesk.domain.entities import EntityKind
from essdesk.services.duplicates import Duplicate
from essdesk.services.merge import Merged
from essdesk.services.merge_preview import MergePreview
from essdesk.services.records import LoadedRecord


@dataclass(frozen=True)
class Duplicates:
    """How a kind finds the likely duplicates of a saved record and merges two of them.

    `find(db, id)` runs after each create or save; `preview(db, a, b)` reads both for the
    merge dialog; `merge(db, kept, merged, placement_kept)` writes (placement_kept: the open
    contract that stays open when both have one, else None).
    """

    find: Callable[[Database, uuid.UUID], list[Duplicate]]
    preview: Callable[[Database, uuid.UUID, uuid.UUID], MergePreview]
    merge: Callable[[Database, uuid.UUID, uuid.UUID, uuid.UUID | None], Merged]


@dataclass(frozen=True)
class RecordType:
    """One kind of record for the generic editor.

    `load`, `create` and `save` run on a worker (through operations); `archive` and `delete`
    are optional. `panels` builds the record's own extra widgets (an employer's contacts);
    each panel gets `show_record(LoadedRecord | None)` calls when the editor changes record.
    """

    kind: EntityKind
    catalogue: Catalogue
    load: Callable[[Database, uuid.UUID], LoadedRecord]
    create: Callable[[Database, dict[str, str]], LoadedRecord]
    save: Callable[[Database, uuid.UUID, int, dict[str, str]], LoadedRecord]
    title: Callable[[dict[str, str]], str]
    archive: Callable[[Database, uuid.UUID, int, bool], LoadedRecord] | None = None
    delete: Callable[[Database, uuid.UUID, int], None] | None = None
    can_delete: Callable[[Database, uuid.UUID], str] | None = None  # "" or why not
    changes: frozenset[EntityKind] = field(default_factory=frozenset)  # also touched by a save
    panels: tuple[Callable[..., QWidget], ...] = ()
    duplicates: Duplicates | None = None  # the banner « Doublon probable » and the merge

    @property
    def written(self) -> frozenset[EntityKind]:
        return frozenset({self.kind}) | self.changes
