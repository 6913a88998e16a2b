"""The error a value parser raises: its reason is French and shown to the user as is."""

from __future__ import annotations


class ValueProblem(ValueError):
    """A cell that cannot be read; `reason` is French and shown to the user as is."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
