"""What the speed-meeting tabs share: the open base, the selected session, the change broadcast."""

from __future__ import annotations

import traceback
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from essdesk.db.database import Database
from essdesk.errors import EssDeskError
from essdesk.ui import messages

ENTITY = "speed_meetings"


class Context:
    """The selected speed meeting; tabs read it and report writes through `changed()`."""

    def __init__(self, signals) -> None:
        self.signals = signals
        self.db: Database | None = None
        self.speed_id: uuid.UUID | None = None
        self.source: QWidget | None = None  # the tab that wrote last: it is already up to date

    @property
    def ready(self) -> bool:
        return self.db is not None and self.speed_id is not None

    def changed(self, source: QWidget | None = None) -> None:
        self.source = source
        try:
            self.signals.changed.emit(ENTITY)
        finally:
            self.source = None

    def call(self, parent: QWidget, action: Callable[..., Any], *args, **kwargs) -> Any:
        """Run a quick service call; a French error is shown and None returned on failure."""
        try:
            return action(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - shown to the user, never swallowed
            messages.show_error(parent, error, _trace(error))
        return None

    def attempt(self, parent: QWidget, action: Callable[..., Any], *args, **kwargs) -> bool:
        """Run a quick write through a service and broadcast it; False (error shown) if refused."""
        try:
            action(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - shown to the user, never swallowed
            messages.show_error(parent, error, _trace(error))
            return False
        self.changed(parent)
        return True


def _trace(error: BaseException) -> str:
    """The technical detail behind « Détails » of an unexpected error (none for French ones)."""
    if isinstance(error, EssDeskError):
        return ""
    return "".join(traceback.format_exception(error))


def seconds_text(seconds: float) -> str:
    """« 0,04 s », « 1,3 s »: French decimal comma, precision where it means something."""
    return (f"{seconds:.2f}" if seconds < 1 else f"{seconds:.1f}").replace(".", ",") + " s"


def hint(text: str) -> QLabel:
    """A muted explanation line (empty states, how a screen works)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555;")
    return label


def round_or_none(value: int) -> int | None:
    """Spin boxes show 0 as « — » (special value text): no limit, all rounds."""
    return value or None
