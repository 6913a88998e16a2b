"""Cancelling a planning computation: between phases, and while CP-SAT or CBC is running."""

from __future__ import annotations

import threading

import pytest

from benchmarks.speed_meeting_instances import SPECS, generate
from essdesk.domain.scheduling import mip
from essdesk.domain.scheduling.cancel import CANCELLED_MESSAGE, Watch
from essdesk.domain.scheduling.model import Candidate, Instance, Recruiter, Wish
from essdesk.domain.scheduling.scheduler import SchedulingCancelled, replan, schedule_meetings
from essdesk.errors import EssDeskError

# 50 recruiters, 600 young people, 12 rounds, most with a window: the joint model runs.
TIGHT = next(spec for spec in SPECS if "serrées" in spec.label)


@pytest.fixture(scope="module")
def tight() -> Instance:
    return generate(TIGHT)


def _running(name: str) -> bool:
    """Whether a solver runs in its helper thread right now (see `Watch.solve`)."""
    return any(t.name == f"planning-{name}" and t.is_alive() for t in threading.enumerate())


def test_cancelled_after_the_first_check(tight):
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 1

    labels: list[str] = []
    with pytest.raises(SchedulingCancelled) as caught:
        schedule_meetings(tight, time_limit=600, cancelled=cancelled, progress=labels.append)
    error = caught.value
    assert isinstance(error, EssDeskError)
    assert str(error) == CANCELLED_MESSAGE == "Calcul annulé : le planning précédent est conservé."
    assert labels == ["Choix des rencontres…"] and error.phase == labels[0]
    assert error.solver is None
    assert tight == generate(TIGHT)  # the instance is untouched


def test_a_running_cp_sat_search_is_stopped(tight, monkeypatch):
    # Without the integer programme the joint CP-SAT model runs: on this instance it needs
    # far longer than a fifth of a second to prove its optimum (and may use 600 s).
    monkeypatch.setattr(mip, "MAX_VARIABLES", 0)
    flag = threading.Event()
    timers: list[threading.Timer] = []

    def cancelled() -> bool:
        # Once the joint search runs, the user clicks « Annuler » about 0.2 s later.
        if not timers and _running("CP-SAT") and labels[-1] == "Modèle joint (CP-SAT)…":
            timers.append(threading.Timer(0.2, flag.set))
            timers[0].start()
        return flag.is_set()

    labels: list[str] = []
    with pytest.raises(SchedulingCancelled) as caught:
        schedule_meetings(tight, time_limit=600, cancelled=cancelled, progress=labels.append)
    # Stopped inside the search, not caught afterwards between phases.
    assert caught.value.solver == "CP-SAT"
    assert caught.value.phase == "Modèle joint (CP-SAT)…" == labels[-1]
    assert labels == [
        "Choix des rencontres…",
        "Répartition des rencontres entre les tours…",
        "Répartition entre les tours (CP-SAT)…",
        "Modèle joint (PLNE)…",
        "Modèle joint (CP-SAT)…",
    ]
    assert flag.is_set() and not _running("CP-SAT")  # the search has ended, not been left


def test_cbc_cannot_be_interrupted_but_the_call_returns(tight):
    seen: list[bool] = []

    def cancelled() -> bool:
        # True as soon as the integer programme's solver is running.
        seen.append(_running("PLNE"))
        return seen[-1]

    labels: list[str] = []
    with pytest.raises(SchedulingCancelled) as caught:
        schedule_meetings(tight, time_limit=600, cancelled=cancelled, progress=labels.append)
    assert caught.value.solver == "PLNE" and labels[-1] == "Modèle joint (PLNE)…"
    assert "Modèle joint (CP-SAT)…" not in labels  # nothing ran after the cancel
    for thread in threading.enumerate():  # CBC ends on its own; do not leak it into others
        if thread.name == "planning-PLNE":
            thread.join()


def test_replan_cancelled_changes_nothing():
    instance = Instance(
        3,
        (Recruiter("R1", "Un"), Recruiter("R2", "Deux")),
        (Candidate("C1", "Léa"), Candidate("C2", "Noé")),
        tuple(Wish(c, r, 1) for c in ("C1", "C2") for r in ("R1", "R2")),
    )
    previous = schedule_meetings(instance)
    meetings = list(previous.meetings)
    with pytest.raises(SchedulingCancelled):
        replan(instance, previous, 2, no_shows=["C1"], cancelled=lambda: True)
    assert previous.meetings == meetings
    # Not cancelled: the same call goes through.
    assert replan(instance, previous, 2, no_shows=["C1"], cancelled=lambda: False).meetings


def test_without_cancel_solvers_run_in_the_calling_thread():
    watch = Watch()
    assert watch.solve("x", threading.current_thread, lambda: True) is threading.current_thread()
    watch = Watch(cancelled=lambda: False)
    assert watch.solve("x", threading.current_thread, lambda: True) is not (
        threading.current_thread()
    )


def test_stop_is_asked_until_the_search_ends():
    started, stopped = threading.Event(), threading.Event()
    requests = []

    def solve() -> str:
        started.set()
        stopped.wait()
        return "fini"

    def stop() -> bool:
        requests.append(started.is_set())
        if started.is_set():  # a request before the search began is lost, as in CP-SAT
            stopped.set()
        return True

    flag = threading.Event()
    flag.set()
    watch = Watch(cancelled=flag.is_set)
    watch.phases.append("Essai")
    # The first check happens before the thread starts: raised at once.
    with pytest.raises(SchedulingCancelled):
        watch.solve("essai", solve, stop)
    assert requests == []
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 1  # the first check passes, the poll sees the cancel

    watch = Watch(cancelled=cancelled)
    with pytest.raises(SchedulingCancelled) as caught:
        watch.solve("essai", solve, stop)
    assert caught.value.solver == "essai" and requests and requests[-1] is True
