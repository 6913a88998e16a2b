"""« Imprimer » on the Rapports screen: every page drawn onto the printer, or the viewer opened."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from essdesk.db.database import open_database
from essdesk.domain.french import format_count
from essdesk.services import partnerships as ps
from essdesk.ui import printing
from essdesk.ui.app import make_application
from essdesk.ui.areas import reports as reports_module
from essdesk.ui.areas.reports import ReportsView


@pytest.fixture
def view(qtbot, db_path, dialogs, settle):
    make_application()
    db = open_database(str(db_path))
    pid = ps.create_partnership(db, title="Convention à imprimer", partner_name="Fondation",
                                start_date=date(2026, 1, 1), end_date=date(2027, 12, 31))  # fmt: skip
    ps.add_axis(db, pid, "Axe unique")
    screen = ReportsView()
    qtbot.addWidget(screen)
    screen.set_database(db)
    qtbot.waitUntil(lambda: screen.subject.count() == 1, timeout=20000)
    yield screen
    settle()
    qtbot.wait(200)
    db.close()


def test_print_draws_every_page_on_the_printer(qtbot, view, dialogs, monkeypatch, tmp_path):
    printed = tmp_path / "imprime.pdf"

    def accept(dialog) -> bool:  # what the user does in the print dialog: print to a file
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(printed))
        return True

    monkeypatch.setattr(printing, "can_print", lambda: True)
    monkeypatch.setattr(printing, "ask_print", accept)
    view.print_report()
    qtbot.waitUntil(lambda: "imprimante" in view.status.text() or bool(dialogs.errors),
                    timeout=30000)  # fmt: skip
    assert dialogs.errors == []
    pages = len(PdfReader(printed).pages)
    assert (
        pages >= 1
        and view.status.text() == f"Rapport envoyé à l'imprimante ({format_count(pages, 'page')})."
    )


def test_without_printer_the_viewer_opens_the_pdf(qtbot, view, dialogs, monkeypatch):
    opened: list = []
    monkeypatch.setattr(reports_module, "open_document", opened.append)
    monkeypatch.setattr(printing, "can_print", lambda: False)
    view.print_report()
    qtbot.waitUntil(lambda: bool(opened) or bool(dialogs.errors), timeout=30000)
    assert dialogs.errors == []
    text = PdfReader(opened[0]).pages[0].extract_text()
    assert "Convention à imprimer" in " ".join(text.split())
    opened[0].unlink()
