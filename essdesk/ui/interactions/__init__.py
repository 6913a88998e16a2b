"""The interaction log of young people, employers and their contacts."""

from essdesk.ui.interactions.panel import InteractionsPanel

__all__ = ["InteractionsPanel"]
