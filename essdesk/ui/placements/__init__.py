"""Placements (contrats et dispositifs): the area, the editor, the youth and dashboard panels."""

from essdesk.ui.placements.area import (
    PlacementDialog,
    PlacementsArea,
    install,
    make_placements_area,
    open_placement_dialog,
)
from essdesk.ui.placements.editor import PlacementEditor

__all__ = [
    "PlacementDialog",
    "PlacementEditor",
    "PlacementsArea",
    "install",
    "make_placements_area",
    "open_placement_dialog",
]
