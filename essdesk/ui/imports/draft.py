"""What the import wizard's pages decide, in one object they read and write."""

from __future__ import annotations

from dataclasses import dataclass, field

from essdesk.services.import_mappings import FileLayout, Mapping
from essdesk.services.imports import ImportResult


@dataclass
class ImportDraft:
    """The import being prepared: each page fills its part, the next pages read it."""

    entity: str = "employers"
    source: FileLayout | None = None  # the file as read on the first page
    mapping: Mapping = field(default_factory=dict)
    preview: ImportResult | None = None  # the dry run's account
    skip_invalid: bool = False  # import the valid rows and report the rejected ones
    result: ImportResult | None = None  # the import's account
