"""Partner and funder reports count people, they never name them: grep every PDF and sheet."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from essdesk.services.partner_reports import REPORTS, write_report
from tests.services.partner_data import TODAY, add_placements, build_agency, fill_event

# The young people of the agency (Jeune00… Camille), its volunteers and its walk-ins.
PEOPLE = ("Jeune0", "Camille", "Michel Senior", "Sylvie Retraitée", "Anne Conseil", "Paul Recrute")


def _text(path) -> str:
    if path.suffix == ".pdf":
        return " ".join(page.extract_text() for page in PdfReader(path).pages)
    book = load_workbook(path, read_only=True, data_only=True)
    return " ".join(
        str(value) for sheet in book for row in sheet.iter_rows(values_only=True) for value in row
    )


@pytest.mark.parametrize("suffix", [".pdf", ".xlsx"])
def test_no_partner_report_prints_a_name(db, tmp_path, suffix):
    agency = build_agency(db)
    fill_event(db, agency)
    add_placements(db, agency)
    assert set(REPORTS) == {"partnership", "event", "territory", "offers"}  # a new one: add it
    texts = {
        kind: _text(write_report(db, kind, tmp_path / f"{kind}{suffix}", today=TODAY).path)
        for kind in REPORTS
    }
    for kind, text in texts.items():
        for name in PEOPLE:
            assert name not in text, f"« {name} » printed in the {kind} report"
    # The mentoring pairs are still there, as counts by company and by outcome.
    review = " ".join(texts["partnership"].split())
    assert "SCOP Les Charpentiers" in review and "CDI chez le parrain" in review
    assert "Sans entreprise renseignée" in review
