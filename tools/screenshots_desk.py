"""Screenshots of the offers, positionings and suggestions screens over the demonstration data.

Run: QT_QPA_PLATFORM=offscreen python tools/screenshots_desk.py [output folder]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from essdesk.db import models as m
from essdesk.db.database import open_database
from essdesk.services.demo.dataset import fill_demo_data
from essdesk.ui import worker
from essdesk.ui.app import make_application
from essdesk.ui.offers import make_offers_area
from essdesk.ui.ops import ChangeHub, OpContext
from essdesk.ui.positionings import make_positionings_area


def _settle(app: QApplication, rounds: int = 60) -> None:
    for _ in range(rounds):
        app.processEvents()
        QThreadPool.globalInstance().waitForDone(50)
        if not worker.running():
            app.processEvents()
            if not worker.running():
                return


def main(out: Path) -> None:
    app = make_application()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(str(Path(folder) / "demo.sqlite"))
        fill_demo_data(db, youths=300, event_history=False)
        context = OpContext(ChangeHub(), db)
        with db.session() as session:
            # The offer with the most positionings shows the panel best.
            busiest = session.execute(
                select(m.Application.offer_id)
                .join(m.Offer, m.Offer.id == m.Application.offer_id)
                .where(m.Offer.status == "open")
                .group_by(m.Application.offer_id)
                .order_by(func.count().desc())
                .limit(1)
            ).scalar_one()
        area = make_offers_area(context)
        context.hub.changed.connect(area.refresh)
        area.set_database(db)
        area.resize(1280, 720)
        area.splitter.setSizes([700, 580])
        area.show()
        _settle(app)
        area.list.select_id(busiest)
        area.editor.open_record(busiest)
        _settle(app)
        _settle(app)
        area.grab().save(str(out / "offers.png"))

        panel = area.editor.panels[0]
        panel.propose()
        dialog = panel.propose_dialog
        dialog.resize(1000, 620)
        _settle(app)
        for row in range(min(2, len(dialog.rows))):
            dialog.check(row)
        dialog.grab().save(str(out / "suggestions.png"))
        dialog.reject()

        positionings = make_positionings_area(context)
        positionings.set_database(db)
        positionings.resize(1280, 720)
        positionings.splitter.setSizes([760, 520])
        positionings.show()
        _settle(app)
        positionings.list.table.selectRow(0)
        _settle(app)
        _settle(app)
        positionings.grab().save(str(out / "positionings.png"))
        QThreadPool.globalInstance().waitForDone(10000)
        db.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
