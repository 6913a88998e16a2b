"""Screenshots of the young people area with demonstration data (docs/screenshots/youths*.png).

Run: QT_QPA_PLATFORM=offscreen python tools/screenshot_youths.py
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QThreadPool  # noqa: E402
from PySide6.QtWidgets import QApplication, QScrollArea  # noqa: E402
from sqlalchemy import select  # noqa: E402

from essdesk.db import models as m  # noqa: E402
from essdesk.db.database import open_database  # noqa: E402
from essdesk.services import interactions, youth_file  # noqa: E402
from essdesk.services.demo.dataset import fill_demo_data  # noqa: E402
from essdesk.ui.app import make_application  # noqa: E402
from essdesk.ui.ops import ChangeHub, OpContext  # noqa: E402
from essdesk.ui.youths import make_youths_area  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def wait(app: QApplication, rounds: int = 60) -> None:
    for _ in range(rounds):
        QThreadPool.globalInstance().waitForDone(200)
        app.processEvents()


def main() -> None:
    app = make_application()
    folder = tempfile.mkdtemp()
    db = open_database(str(Path(folder) / "demo.sqlite3"))
    fill_demo_data(db, youths=300, seed=7)
    with db.session() as session:
        youth = session.scalars(select(m.Youth).order_by(m.Youth.sort_key)).first()
        referent = youth.referent_id
    today = dt.date.today()
    youth_file.add_situation(db, youth.id, "jobseeker", today - dt.timedelta(days=200))
    youth_file.add_situation(
        db, youth.id, "immersion", today - dt.timedelta(days=45), note="PMSMP en ressourcerie"
    )
    for days, kind, notes in (
        (60, "interview", "premier entretien, projet : aide à domicile"),
        (44, "visit", "visite de la ressourcerie avec la tutrice"),
        (20, "email", "envoi de l'offre de la SCIC Bois et Cie"),
        (2, "call", "rappelle lundi pour l'entretien d'embauche"),
    ):
        interactions.log_interaction(
            db, kind, youth_id=youth.id, counsellor_id=referent,
            occurred_at=dt.datetime.combine(today - dt.timedelta(days=days), dt.time(10, 15))
            .astimezone(dt.UTC), notes=notes,
        )  # fmt: skip
    context = OpContext(ChangeHub(), db)
    area = make_youths_area(context)
    context.hub.changed.connect(area.refresh)
    area.resize(1280, 720)
    area.set_database(db)
    area.show()
    wait(app)
    area.editor.open_record(youth.id)
    wait(app)
    area.list.select_id(youth.id)
    area.splitter.setSizes([700, 580])
    wait(app, 10)
    OUT.mkdir(parents=True, exist_ok=True)
    area.grab().save(str(OUT / "youths.png"))
    scroll = area.editor.findChild(QScrollArea)
    panel = next(p for p in area.editor.panels if type(p).__name__ == "InteractionsPanel")
    scroll.ensureWidgetVisible(panel, 0, 0)
    wait(app, 10)
    area.grab().save(str(OUT / "youth_interactions.png"))
    area.close()
    QThreadPool.globalInstance().waitForDone(5000)
    db.close()
    print(OUT / "youths.png", OUT / "youth_interactions.png")


if __name__ == "__main__":
    sys.exit(main())
