"""Benchmark: how long the UI thread is held while screens read and write through operations.

Saves wishes in the speed-meeting grid while another connection holds the base's write lock
(another window importing), and reloads the dashboard; prints the time each edit keeps the UI
thread, the longest pause of the event loop, and the round trips.

Run: QT_QPA_PLATFORM=offscreen python benchmarks/bench_ui_ops.py [--youths 2000] [--wishes 60]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--youths", type=int, default=2000)
    parser.add_argument("--wishes", type=int, default=60)
    parser.add_argument("--lock-seconds", type=float, default=1.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ESSDESK_DATA_DIR"] = str(Path(folder) / "donnees")
        path = Path(folder) / "bench.sqlite3"
        from essdesk.db.database import open_database
        from essdesk.services.demo.dataset import fill_demo_data

        started = time.perf_counter()
        db = open_database(str(path), daily_backup=False)
        fill_demo_data(
            db, youths=args.youths, seed=7, event_history=False, today=date(2026, 11, 22)
        )
        db.close()
        print(
            f"base de démonstration ({args.youths} jeunes) : {time.perf_counter() - started:.1f} s"
        )
        run(path, args)


def run(path: Path, args) -> None:
    from PySide6.QtCore import QTimer

    from essdesk.ui import messages, worker
    from essdesk.ui.app import make_application, open_in_window
    from essdesk.ui.main_window import MainWindow

    errors: list[str] = []
    messages.show_error = lambda _parent, error, _trace="": errors.append(str(error))
    app = make_application()
    window = MainWindow()

    def settle(timeout: float = 60.0) -> None:
        end = time.monotonic() + timeout
        while (window.db is None or worker.running()) and time.monotonic() < end:
            app.processEvents()
            time.sleep(0.001)

    open_in_window(window, str(path))
    settle()
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    clock = QTimer(interval=5)
    clock.timeout.connect(tick)
    clock.start()

    dashboard = window.views["dashboard"]
    trips = []
    for _ in range(10):
        started = time.perf_counter()
        dashboard.refresh()
        settle()
        trips.append(time.perf_counter() - started)
    print(
        f"tableau de bord, lecture complète par QueryOp : médiane {_ms(statistics.median(trips))}"
    )

    window.show_area("speed_meetings")
    area = window.views["speed_meetings"]
    settle()
    area.tabs.setCurrentWidget(area.wishes)
    settle()
    model = area.wishes.model
    cells = [
        model.index(r, c)
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if not model.index(r, c).data()
    ][: args.wishes]
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another window in the middle of an import
    release = threading.Timer(args.lock_seconds, other.rollback)
    release.start()
    gaps.clear()
    last[0] = time.perf_counter()
    held, started = [], time.perf_counter()
    for index in cells:
        before = time.perf_counter()
        model.setData(index, "1")
        held.append(time.perf_counter() - before)
        app.processEvents()
    settle()
    total = time.perf_counter() - started
    clock.stop()
    release.join()
    other.close()
    print(
        f"{len(cells)} souhaits saisis pendant un verrou d'écriture de {_ms(args.lock_seconds)} : "
        f"tous enregistrés en {_ms(total)}, erreurs : {len(errors)}"
    )
    print(
        f"  temps pris au fil de l'interface par saisie : médiane {_ms(statistics.median(held))}, "
        f"maximum {_ms(max(held))}"
    )
    print(f"  plus longue pause de la boucle d'événements : {_ms(max(gaps))}")
    # For comparison, the former way: the same service called on the UI thread.
    from essdesk.services.speed_meetings.wishes_timing import set_wish

    candidate_id, recruiter_id = model._key(cells[0])
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(args.lock_seconds, other.rollback)
    release.start()
    before = time.perf_counter()
    set_wish(window.db, candidate_id, recruiter_id, 2)
    print(f"  appel direct sur le fil de l'interface (avant) : {_ms(time.perf_counter() - before)}")
    release.join()
    other.close()
    window.close()  # closes the base
    window.deleteLater()
    app.processEvents()


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms".replace(".", ",")


if __name__ == "__main__":
    main()
