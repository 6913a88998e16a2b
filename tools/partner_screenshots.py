"""Grab the partnerships, events and offers-board screens with demo data (docs/screenshots)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _wait(app, until, timeout: float = 20.0) -> None:
    import time

    from essdesk.ui import worker

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.processEvents()
        if not worker.running() and until():
            return
        time.sleep(0.02)


def main(target: str = "docs/screenshots") -> None:
    folder = Path(tempfile.mkdtemp(prefix="essdesk-captures-"))
    os.environ.setdefault("ESSDESK_DATA_DIR", str(folder / "donnees"))
    from essdesk.db.database import open_database
    from essdesk.services.demo.dataset import fill_demo_data
    from essdesk.services.offers_board import offers_board_data
    from essdesk.ui.app import make_application
    from essdesk.ui.events.offers_board_view import OffersBoardView
    from essdesk.ui.main_window import MainWindow

    app = make_application()
    db = open_database(str(folder / "demo.sqlite3"))
    fill_demo_data(db, youths=120)
    window = MainWindow()
    window.resize(1280, 720)
    window.set_database(db)
    window.show()
    out = Path(target)
    out.mkdir(parents=True, exist_ok=True)
    for key, name in (("partnerships", "partnerships"), ("events", "events")):
        window.show_area(key)
        area = window.views[key]
        _wait(app, lambda a=area: a.list.model.rowCount() > 0)
        area.list.table.selectRow(0)
        area.list._open_index(area.list.model.index(0, 0))
        _wait(app, lambda a=area: a.editor.detail is not None)
        if key == "partnerships":
            area.editor.tabs.setCurrentIndex(1)
        else:
            area.editor.sessions.table.selectRow(0)
        _wait(app, lambda: True)
        window.grab().save(str(out / f"{name}.png"))
    window.show_area("dashboard")
    _wait(app, lambda: True)
    window.grab().save(str(out / "dashboard_partnership_flags.png"))
    board = OffersBoardView(offers_board_data(db), seconds=60)
    board.resize(1280, 720)
    board.show()
    _wait(app, lambda: True)
    board.grab().save(str(out / "offers_board.png"))
    board.close()
    window.close()
    db.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
