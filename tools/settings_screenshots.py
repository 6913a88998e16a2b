"""Screenshots of the first-start assistant, the settings and the guide, on demonstration data.

Run: QT_QPA_PLATFORM=offscreen python tools/settings_screenshots.py  (writes docs/screenshots/)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


def wait_for_workers(app) -> None:
    from essdesk.ui import worker

    while worker.running():
        app.processEvents()
    for _ in range(20):
        app.processEvents()


def main() -> int:
    os.environ["ESSDESK_DATA_DIR"] = tempfile.mkdtemp(prefix="essdesk-captures-")
    sys.path.insert(0, str(ROOT))
    from essdesk import settings
    from essdesk.services import base_setup
    from essdesk.ui.app import make_application
    from essdesk.ui.first_start.pages import LOCAL
    from essdesk.ui.first_start.wizard import FirstStartWizard
    from essdesk.ui.help.guide import open_guide
    from essdesk.ui.main_window import MainWindow
    from essdesk.ui.settings import SettingsDialog

    app = make_application()
    OUT.mkdir(parents=True, exist_ok=True)
    wizard = FirstStartWizard()
    wizard.show()
    wizard.choice_page.buttons[LOCAL].setChecked(True)
    wait_for_workers(app)
    wizard.grab().save(str(OUT / "first_start.png"))
    wizard.close()

    ready = base_setup.open_demo(youths=120)
    settings.update(
        agency_name="Mission locale du Grésivaudan",
        agency_address="12 rue des Alpes, 38400 Saint-Martin-d'Hères",
        report_colour="#1F5F5B",
        report_accent="#D9822B",
    )
    from essdesk.db.database import open_database

    window = MainWindow()
    window.set_database(open_database(ready.database))
    window.resize(1280, 720)
    window.show()
    wait_for_workers(app)
    dialog = SettingsDialog(window.context, window)
    dialog.show()
    wait_for_workers(app)
    dialog.grab().save(str(OUT / "settings.png"))
    dialog.tabs.setCurrentWidget(dialog.smic_tab)
    wait_for_workers(app)
    dialog.grab().save(str(OUT / "settings_smic.png"))
    dialog.close()
    window.show_area("speed_meetings")
    shown = open_guide(window, "current")
    wait_for_workers(app)
    shown.grab().save(str(OUT / "guide.png"))
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
