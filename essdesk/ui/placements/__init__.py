"""Placements (contrats et dispositifs): the area, the editor, the youth and dashboard panels."""

from __future__ import annotations

import importlib

# Imported on first use: the dashboard needs only the deadlines panel at start, not the editor.
_WHERE = {
    "PlacementDialog": "area",
    "PlacementsArea": "area",
    "install": "area",
    "make_placements_area": "area",
    "open_placement_dialog": "area",
    "PlacementEditor": "editor",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(name)
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
