"""Global search (Ctrl+K): one box across young people, employers, contacts and offers."""

from essdesk.ui.search.dialog import GlobalSearchDialog, open_global_search

__all__ = ["GlobalSearchDialog", "open_global_search"]
