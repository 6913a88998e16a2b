"""Stopping a long planning computation: checks between phases, running solvers interrupted."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from essdesk.errors import EssDeskError

CANCELLED_MESSAGE = "Calcul annulé : le planning précédent est conservé."
POLL_SECONDS = 0.1  # how often a running solver looks at the cancel request

T = TypeVar("T")


class SchedulingCancelled(EssDeskError):
    """The user cancelled the computation: no plan was made, nothing was changed.

    `phase` is the last phase reached (French label, empty before the first one); `solver`
    names the solver that was running when the request came (None: caught between phases).
    """

    def __init__(self, phase: str = "", solver: str | None = None) -> None:
        super().__init__(CANCELLED_MESSAGE)
        self.phase = phase
        self.solver = solver


class Watch:
    """What the pipeline consults: has the user cancelled, which phase is running.

    Without `cancelled` every solver runs in the calling thread, exactly as before; with it,
    a solver runs in a helper thread while the caller polls `cancelled()` every
    `POLL_SECONDS` and asks the solver to stop.
    """

    def __init__(
        self,
        cancelled: Callable[[], bool] | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> None:
        self._cancelled = cancelled
        self._progress = progress
        self.phases: list[str] = []  # phases reached, in order

    def _phase_name(self) -> str:
        return self.phases[-1] if self.phases else ""

    def check(self) -> None:
        """Raise `SchedulingCancelled` if the user asked to stop."""
        if self._cancelled is not None and self._cancelled():
            raise SchedulingCancelled(self._phase_name())

    def phase(self, label: str) -> None:
        """Check, then announce the phase that starts (`label` in French, for the user)."""
        self.check()
        self.phases.append(label)
        if self._progress is not None:
            self._progress(label)

    def solve(self, name: str, solve: Callable[[], T], stop: Callable[[], bool]) -> T:
        """Run `solve()`; on cancel call `stop()` until it returns, then raise.

        `stop` returns False when the solver cannot be interrupted (CBC through pywraplp):
        the call then raises at once and leaves that solver to end at its own time limit in
        its thread, its result unused.
        """
        self.check()
        if self._cancelled is None:
            return solve()
        outcome: dict[str, object] = {}

        def run() -> None:
            try:
                outcome["result"] = solve()
            except BaseException as error:  # noqa: BLE001 - raised again in the caller
                outcome["error"] = error

        thread = threading.Thread(target=run, name=f"planning-{name}", daemon=True)
        thread.start()
        stopping = False
        while True:
            thread.join(POLL_SECONDS)
            if not thread.is_alive():
                break
            if stopping or self._cancelled():
                stopping = True
                # Asked again at every poll: a request made before the search began is lost.
                if not stop():
                    raise SchedulingCancelled(self._phase_name(), name)
        if "error" in outcome:
            raise outcome["error"]  # type: ignore[misc]
        if stopping:
            raise SchedulingCancelled(self._phase_name(), name)
        self.check()
        return outcome["result"]  # type: ignore[return-value]
