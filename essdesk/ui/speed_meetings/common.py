"""What the speed-meeting tabs share: the open base, the selected session, reads and writes as ops."""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from essdesk.db.database import Database
from essdesk.domain.entities import EntityKind
from essdesk.ui import messages
from essdesk.ui.ops import ChangeHub, OpContext, QueryOp, WriteOp

SPEED_MEETINGS = frozenset({EntityKind.SPEED_MEETINGS})
# Kinds whose changes show in this area too: names of employers and young people, sessions.
SHOWN_KINDS = (
    EntityKind.SPEED_MEETINGS,
    EntityKind.EMPLOYERS,
    EntityKind.YOUTHS,
    EntityKind.EVENTS,
)


class Context:
    """The selected speed meeting, and the way tabs read and write: always off the UI thread."""

    def __init__(self, hub: ChangeHub) -> None:
        self.hub = hub
        self.ops = OpContext(hub)
        self.speed_id: uuid.UUID | None = None
        # The latest read each widget asked for: an older answer arriving late is dropped.
        self._latest: dict[tuple[int, str], int] = {}
        self._count = 0
        self._writes: deque[Callable[[], None]] = deque()  # waiting for the one running
        self._writing = False

    @property
    def db(self) -> Database | None:
        return self.ops.db

    @db.setter
    def db(self, db: Database | None) -> None:
        self.ops.db = db

    @property
    def ready(self) -> bool:
        return self.db is not None and self.speed_id is not None

    def query(
        self,
        parent: QWidget,
        read: Callable[[Database], Any],
        show: Callable[[Any], None],
        *,
        failed: Callable[[], None] | None = None,
        key: str = "load",
    ) -> None:
        """Read with `read(db)` on a worker, then `show(result)`, unless a newer read or
        another session was asked for meanwhile (its answer is the one to show)."""
        self._count += 1
        ticket, speed_id = self._count, self.speed_id
        self._latest[(id(parent), key)] = ticket

        def deliver(result: Any) -> None:
            if self._latest.get((id(parent), key)) == ticket and self.speed_id == speed_id:
                show(result)

        op = QueryOp(parent=parent, context=self.ops, op=lambda db, _c: read(db), success=deliver)
        op.without_progress()  # quick reads: each tab shows its data when it comes
        if failed is not None:
            op.failure(_shown_then(parent, failed))
        op.run_in_background()

    def write(
        self,
        parent: QWidget,
        change: Callable[[Database], Any],
        done: Callable[[Any], None] | None = None,
        *,
        failed: Callable[[], None] | None = None,
        kinds: Iterable[EntityKind] = SPEED_MEETINGS,
    ) -> None:
        """Write with `change(db)` through a service on a worker; on success `done(result)`,
        then one broadcast with `parent` as initiator. A refusal is shown, then `failed()`.

        Writes run one after the other, in the order asked: a rank typed twice quickly in the
        same cell is stored as typed last, never as whichever worker finished last.
        """
        self._writes.append(lambda: self._start_write(parent, change, done, failed, kinds))
        self._next_write()

    def _next_write(self) -> None:
        if not self._writing and self._writes:
            self._writing = True
            self._writes.popleft()()

    def _start_write(self, parent, change, done, failed, kinds) -> None:
        finished = False

        def release() -> None:
            nonlocal finished
            if not finished:
                finished = True
                self._writing = False
                self._next_write()

        def succeeded(result: Any) -> None:
            release()
            if done is not None:
                done(result)

        def refused(error: BaseException, trace: str) -> None:
            release()
            messages.show_error(parent, error, trace)
            if failed is not None:
                failed()

        op = WriteOp(
            parent=parent,
            context=self.ops,
            op=lambda db, _c: change(db),
            changes=kinds,
            success=succeeded,
            initiator=parent,
        )
        task = op.failure(refused).run_in_background()
        if task is not None:  # None: no base, already refused and released
            task.destroyed.connect(release)  # deleted with its parent: it will never report

    def changed(self, initiator: object | None = None) -> None:
        """Say that speed meetings changed outside an op of this area (the views reload)."""
        self.hub.notify(SPEED_MEETINGS, initiator)


def _shown_then(parent: QWidget, then: Callable[[], None]) -> Callable[[BaseException, str], None]:
    def handle(error: BaseException, trace: str) -> None:
        messages.show_error(parent, error, trace)
        then()

    return handle


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
