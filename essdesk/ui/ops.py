"""Operations: each use case runs off the UI thread, reports result or error back, and writes broadcast.

Modelled on Anki's `QueryOp` / `CollectionOp`: a view builds one small object per use case,
says what to do with the result, and runs it. The database work happens on a worker thread;
the callbacks run on the UI thread; an error nobody handles is shown, never dropped; a write
op broadcasts once, after it succeeded, which kinds of record changed and who initiated it,
so every open view can refresh itself (and the initiator can skip a reload it does not need).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from essdesk.db.database import Database
from essdesk.domain.entities import ALL_KINDS, EntityKind
from essdesk.errors import EssDeskError
from essdesk.ui.worker import TaskControl, run_task

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """What one write changed: the kinds of record, and the object that asked for it."""

    kinds: frozenset[EntityKind]
    initiator: object | None = field(default=None, compare=False)

    def touches(self, *kinds: EntityKind) -> bool:
        return bool(self.kinds.intersection(kinds))


class ChangeHub(QObject):
    """The one broadcast after each write; every view that shows data listens to it."""

    changed = Signal(object)  # Changes

    def notify(self, kinds: Iterable[EntityKind], initiator: object | None = None) -> None:
        self.changed.emit(Changes(frozenset(kinds), initiator))

    def notify_all(self, initiator: object | None = None) -> None:
        self.notify(ALL_KINDS, initiator)


class NoDatabaseError(EssDeskError):
    """An operation asked for before any base was opened."""


@dataclass
class OpContext:
    """What an operation needs from the application: the open base and the broadcast."""

    hub: ChangeHub
    db: Database | None = None

    def require_db(self) -> Database:
        if self.db is None:
            raise NoDatabaseError("Aucune base n'est ouverte.")
        return self.db


class _Op(Generic[T]):
    def __init__(
        self,
        *,
        parent: QWidget | None,
        context: OpContext,
        op: Callable[[Database, TaskControl], T],
        success: Callable[[T], None] | None = None,
    ) -> None:
        self._parent, self._context, self._op = parent, context, op
        self._success = success
        self._failure: Callable[[BaseException, str], None] | None = None
        self._label, self._cancellable = self._default_label, False
        self._owner: QObject | None = parent

    _default_label = ""

    def bound_to(self, owner: QObject) -> _Op[T]:
        """Drop the answer if `owner` (a model, a panel) was deleted meanwhile."""
        self._owner = owner
        return self

    def _owner_gone(self) -> bool:
        return self._owner is not None and not shiboken6.isValid(self._owner)

    def failure(self, handler: Callable[[BaseException, str], None]) -> _Op[T]:
        """Handle the error yourself (the default shows it in the French error dialog)."""
        self._failure = handler
        return self

    def with_progress(self, label: str, *, cancellable: bool = False) -> _Op[T]:
        """The progress dialog's text, shown only if the work lasts more than 0.5 s."""
        self._label, self._cancellable = label, cancellable
        return self

    def without_progress(self) -> _Op[T]:
        """For views that show their own busy state (a list's « Chargement… »)."""
        self._label = ""
        return self

    def run_in_background(self):
        try:
            db = self._context.require_db()
        except NoDatabaseError as error:
            self._fail(error, "")
            return None
        task = run_task(
            self._parent,
            lambda control: self._op(db, control),
            on_done=self._done,
            on_error=self._fail,
            label=self._label,
            cancellable=self._cancellable,
        )
        # Qt holds bound-method slots weakly: without this, an op nobody keeps is collected
        # and its result or error is silently dropped. The task lives until it reports.
        task.op = self
        return task

    def _done(self, result: T) -> None:
        if self._success is not None and not self._owner_gone():
            self._success(result)

    def _fail(self, error: BaseException, trace: str) -> None:
        if self._owner_gone():  # the screen that asked was closed: its error is only logged
            return
        if self._failure is not None:
            self._failure(error, trace)
        else:
            from essdesk.ui.messages import show_error

            show_error(self._parent, error, trace)


class QueryOp(_Op[T]):
    """A read: `op(db, control)` runs on a worker, `success(result)` on the UI thread."""

    _default_label = "Chargement…"


class WriteOp(_Op[T]):
    """A write through a service; after success, one broadcast of the kinds it changed."""

    _default_label = "Enregistrement…"

    def __init__(
        self,
        *,
        parent: QWidget | None,
        context: OpContext,
        op: Callable[[Database, TaskControl], T],
        changes: Iterable[EntityKind],
        success: Callable[[T], None] | None = None,
        initiator: object | None = None,
    ) -> None:
        super().__init__(parent=parent, context=context, op=op, success=success)
        self._changes = frozenset(changes)
        self._initiator = initiator if initiator is not None else parent

    def _done(self, result: T) -> None:
        super()._done(result)
        self._context.hub.notify(self._changes, self._initiator)
