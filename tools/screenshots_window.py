"""The main window at 1280 × 720 on each screen, a record open, over the demonstration data.

Run: QT_QPA_PLATFORM=offscreen python tools/screenshots_window.py [output folder]
The images are named ecran_<screen>.png; docs/screenshots/ keeps the ones the docs show.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QAbstractItemView, QApplication

from essdesk.db.database import open_database
from essdesk.services.demo.dataset import fill_demo_data
from essdesk.ui import worker
from essdesk.ui.app import make_application
from essdesk.ui.main_window import AREAS, MainWindow


def _settle(app: QApplication, rounds: int = 80) -> None:
    for _ in range(rounds):
        app.processEvents()
        QThreadPool.globalInstance().waitForDone(50)
        if not worker.running():
            app.processEvents()
            return


def _open_first_record(view) -> None:
    for table in view.findChildren(QAbstractItemView):
        model = table.model()
        listed = table.isVisible() and table.accessibleName().startswith("Liste : ")
        if listed and model is not None and model.rowCount() > 0:
            table.setCurrentIndex(model.index(0, 0))
            table.activated.emit(model.index(0, 0))  # as Enter or a double-click does


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="essdesk-ecrans-"))
    os.environ.setdefault("ESSDESK_DATA_DIR", str(folder / "donnees"))
    db = open_database(str(folder / "demo.sqlite3"), daily_backup=False)
    fill_demo_data(db, youths=60, seed=7)
    app = make_application()
    window = MainWindow()
    window.resize(1280, 720)
    window.show()
    window.set_database(db)
    for key, _label in AREAS:
        window.show_area(key)
        _settle(app)
        _open_first_record(window.views[key])
        _settle(app)
        window.grab().save(str(out / f"ecran_{key}.png"))
        print(out / f"ecran_{key}.png", window.width(), window.height())
    window.close()
    db.close()
    # Skip the interpreter's teardown: PySide6 may crash while collecting what Qt already freed.
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
