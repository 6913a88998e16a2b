"""The speed-meeting printouts, read back from the PDFs the organisers will print."""

from __future__ import annotations

import csv
import shutil
import struct
import subprocess
from datetime import time

import pytest
from pypdf import PdfReader

from essdesk.domain.scheduling.model import (
    Candidate,
    Instance,
    Meeting,
    Recruiter,
    Schedule,
    Wish,
)
from essdesk.domain.scheduling.timing import RoundTiming
from essdesk.reports.speed_meetings.printouts import (
    candidate_timetables_pdf,
    master_grid_pdf,
    recruiter_sheets_pdf,
    schedule_csv,
    table_signs_pdf,
    write_printouts,
)

EVENT = "Semaine de l'ESS · Speed meeting du 24/11/2026"
AGENCY = "Mission locale du Pays d'Aubagne"
TIMING = RoundTiming(time(14, 0), 10, 2, {4: 15})
RECRUITERS = (
    Recruiter("admr", "Association d'aide à domicile du Pays d'Aubagne et de l'Étoile", 2),
    Recruiter("scop", "SCOP Bâtir Ensemble", 1),
    Recruiter("mutuelle", "Mutuelle Solidaire de l'Ouest", 3),
    Recruiter("creche", "Crèche coopérative Les P'tits Loups", 1, available_from=3),
    Recruiter("ressourcerie", "Ressourcerie La Trouvaille", 1),
)
NAMES = (
    "Inès Benali", "Léa Martin", "Théo Dupont", "Chloé Lefèvre", "Maël Le Gall",
    "Anaïs Moreau", "Noé Girard", "Zoé Fontaine", "Élodie Rousseau", "Hugo Faure",
    "Jérémy Lambert", "Manon Bonnet", "Yanis Haddad", "Aïcha Diallo", "Nguyễn Thị Lan",
    "Lucas Mercier", "Sofiane Belkacem", "Clémence Roux", "Mathis Garnier", "Océane Perrin",
    "Baptiste Chevalier", "Lina Boucher", "Kévin Marchand", "Emma Gauthier", "Rayan Benkhelifa",
    "Jade Robin", "Enzo Masson", "Camille Lévêque", "Louis Barbier", "Sarah Ngoma",
    "François-Xavier Dubois-Lefranc",
)  # fmt: skip
WITHOUT_MEETING = "François-Xavier Dubois-Lefranc"


def speed_meeting(rounds: int = 8) -> tuple[Instance, Schedule]:
    """8 tables, 31 young people, 8 rounds; the crèche arrives for round 3; the last has none."""
    candidates = tuple(Candidate(f"c{i:02d}", name) for i, name in enumerate(NAMES))
    tables = [(r.id, index) for r in RECRUITERS for index in range(1, r.tables + 1)]
    meetings = []
    for round_number in range(1, rounds + 1):
        for k, (recruiter_id, index) in enumerate(tables):
            if recruiter_id == "creche" and round_number < 3:
                continue
            if (round_number + k) % 4 == 0:  # leave some seats free
                continue
            # k*4 differs for the 8 tables, so nobody sits at two tables in the same round.
            candidate = (k * 4 + round_number - 1) % 30
            meetings.append(Meeting(round_number, recruiter_id, f"c{candidate:02d}", index))
    wishes = tuple(Wish(m.candidate_id, m.recruiter_id, 1) for m in meetings)
    instance = Instance(rounds, RECRUITERS, candidates, wishes)
    return instance, Schedule(rounds, meetings, float(len(meetings)), float(len(meetings)), True)


def large_event(tables: int, rounds: int) -> tuple[Instance, Schedule]:
    """A forum-sized event: one table per recruiter, a full room every round."""
    firsts = ("Inès", "Léa", "Théo", "Chloé", "Maël", "Anaïs", "Noé", "Zoé", "Élodie", "Kévin")
    lasts = ("Benali", "Martin", "Nguyễn", "Lefèvre", "Moreau", "Diallo", "Rousseau", "Lévêque")
    candidates = tuple(
        Candidate(f"k{i}", f"{firsts[i % 10]} {lasts[(i // 10) % 8]} {i}") for i in range(400)
    )
    recruiters = tuple(Recruiter(f"r{t}", f"Structure solidaire n° {t + 1}") for t in range(tables))
    meetings = [
        Meeting(r, f"r{t}", f"k{(t * 7 + r * 31) % 400}", 1)
        for r in range(1, rounds + 1)
        for t in range(tables)
    ]
    return Instance(rounds, recruiters, candidates, ()), Schedule(rounds, meetings, 1, 1, True)


def pages_text(path) -> list[str]:
    """Each page's text, with no-break spaces and line breaks read as plain spaces.

    A compound name wrapped at its hyphen (« Dubois-⏎Lefranc ») is joined back.
    """
    reader = PdfReader(str(path))
    texts = [" ".join(page.extract_text().replace("\u00a0", " ").split()) for page in reader.pages]
    return [text.replace("- ", "-") for text in texts]


def page_with(pages: list[str], needle: str) -> str:
    found = [text for text in pages if needle in text]
    assert found, f"{needle!r} absent du PDF"
    return found[0]


@pytest.fixture
def event():
    return speed_meeting()


def test_write_printouts_writes_the_four_pdfs_with_french_names(tmp_path, event):
    instance, schedule = event
    paths = write_printouts(instance, schedule, TIMING, tmp_path / "impressions", event_title=EVENT)
    assert [p.name for p in paths] == [
        "convocations_jeunes.pdf",
        "fiches_recruteurs.pdf",
        "grille_generale.pdf",
        "chevalets_tables.pdf",
    ]
    # 31 cards four to a page; 8 tables; one landscape grid; 8 signs.
    expected_pages = [8, 8, 1, 8]
    for path, count in zip(paths, expected_pages, strict=True):
        pages = pages_text(path)
        assert len(pages) == count, path.name
        assert f"page 1 / {count}" in pages[0]
        assert f"page {count} / {count}" in pages[-1]
        assert "édité le" in pages[0]


def test_candidate_card_lists_times_tables_and_recruiters(tmp_path, event):
    instance, schedule = event
    path = candidate_timetables_pdf(
        instance, schedule, TIMING, tmp_path / "cartes.pdf", event_title=EVENT, agency=AGENCY
    )
    pages = pages_text(path)
    assert len(pages) == 8
    card = page_with(pages, "Aïcha Diallo")
    # Aïcha (c13) meets the mutuelle's first table (room table 4) in round 2 only.
    assert "14 h 12 – 14 h 22 4 Mutuelle Solidaire de l'Ouest" in card
    assert "14 h 00 – 14 h 10 – Pause" in card
    assert "Pause" in card
    assert "Pause de 15 min · 14 h 46 – 15 h 01" in card
    assert EVENT in card
    assert AGENCY in card


def test_candidate_without_meeting_gets_a_kind_card(tmp_path, event):
    instance, schedule = event
    pages = pages_text(candidate_timetables_pdf(instance, schedule, TIMING, tmp_path / "c.pdf"))
    page = page_with(pages, "Dubois-Lefranc")
    after = page[page.index("Dubois-Lefranc") :]
    assert after.split("Dubois-Lefranc", 1)[1].strip().startswith("Bienvenue !")
    assert "présentez-vous à l'accueil" in page.casefold()
    assert "de 14 h 00 à 15 h 47" in page


def test_cards_come_in_alphabetical_order_ignoring_accents(tmp_path, event):
    instance, schedule = event
    text = " ".join(
        pages_text(candidate_timetables_pdf(instance, schedule, TIMING, tmp_path / "c.pdf"))
    )
    order = ["Aïcha Diallo", "Anaïs Moreau", "Élodie Rousseau", "Emma Gauthier", "Zoé Fontaine"]
    positions = [text.index(name) for name in order]
    assert positions == sorted(positions)


def test_every_name_appears_including_vietnamese_diacritics(tmp_path, event):
    instance, schedule = event
    text = " ".join(
        pages_text(candidate_timetables_pdf(instance, schedule, TIMING, tmp_path / "c.pdf"))
    )
    from essdesk.reports.theme import fonts

    for name in NAMES:
        if name == "Nguyễn Thị Lan" and not fonts().unicode:
            assert "Nguy" in text  # Helvetica cannot draw ễ: the card still prints
            continue
        assert name in text


def test_a5_cards_are_two_per_page_and_unknown_sizes_refused(tmp_path, event):
    instance, schedule = event
    path = candidate_timetables_pdf(instance, schedule, TIMING, tmp_path / "a5.pdf", size="A5")
    pages = pages_text(path)
    assert len(pages) == 16
    assert "page 1 / 16" in pages[0]
    with pytest.raises(ValueError, match="A6 ou A5"):
        candidate_timetables_pdf(instance, schedule, TIMING, tmp_path / "x.pdf", size="A3")


def test_recruiter_sheets_one_page_per_table_with_outcome_boxes(tmp_path, event):
    instance, schedule = event
    pages = pages_text(recruiter_sheets_pdf(instance, schedule, TIMING, tmp_path / "f.pdf"))
    assert len(pages) == 8
    first = pages[0]
    assert "TABLE 1" in first
    assert "Association d'aide à domicile du Pays d'Aubagne et de l'Étoile" in first
    assert "table 1 sur 2 de ce recruteur" in first
    # Table 1 sees Inès Benali then Léa Martin, and has a free seat in round 4.
    assert "Tour 1 14 h 00 – 14 h 10 Inès Benali Intéressé" in first
    assert "Tour 2 14 h 12 – 14 h 22 Léa Martin" in first
    assert "Tour 4 14 h 36 – 14 h 46 Place libre" in first
    assert first.count("Intéressé") == 8
    assert first.count("Embauche") == 8
    assert first.count("entretien") >= 8
    creche = page_with(pages, "TABLE 7")
    assert "Crèche coopérative Les P'tits Loups" in creche
    assert creche.count("pas présent à ce tour") == 2


def test_master_grid_shows_every_table_and_round(tmp_path, event):
    instance, schedule = event
    path = master_grid_pdf(instance, schedule, TIMING, tmp_path / "g.pdf", event_title=EVENT)
    reader = PdfReader(str(path))
    box = reader.pages[0].mediabox
    assert box.width > box.height  # landscape
    (page,) = pages_text(path)
    assert f"8 tables · 8 tours de 10 min · {len(schedule.meetings)} entretiens" in page
    for number, start in enumerate(["14 h 00", "14 h 12", "14 h 24", "14 h 36", "15 h 01"], 1):
        assert f"Tour {number} {start}" in page
    assert "Tour 8 15 h 37" in page
    assert "SCOP Bâtir Ensemble" in page
    assert page.count("absent") == 2  # the crèche, rounds 1 and 2
    assert "libre" in page


def test_master_grid_of_a_large_event_repeats_its_header_on_every_page(tmp_path):
    instance, schedule = large_event(tables=60, rounds=12)
    pages = pages_text(master_grid_pdf(instance, schedule, RoundTiming(), tmp_path / "g.pdf"))
    assert 3 <= len(pages) <= 6
    for page in pages:
        assert "Table Recruteur Tour 1 14 h 00" in page
        assert "Tour 12 16 h 12" in page
    text = " ".join(pages)
    for t in range(60):
        assert f"Structure solidaire n° {t + 1}" in text
    for meeting in schedule.meetings[::37]:
        name = instance.candidates[int(meeting.candidate_id[1:])].name
        if "ễ" not in name:
            assert name in text


def test_master_grid_puts_many_rounds_on_further_pages(tmp_path):
    instance, schedule = large_event(tables=10, rounds=20)
    pages = pages_text(master_grid_pdf(instance, schedule, RoundTiming(), tmp_path / "g.pdf"))
    assert len(pages) == 2
    assert "Tours 1 à 10" in pages[0] and "Tour 11" not in pages[0]
    assert "Tours 11 à 20" in pages[1] and "Tour 20" in pages[1]


def test_table_signs_one_page_per_table(tmp_path, event):
    instance, schedule = event
    pages = pages_text(table_signs_pdf(instance, schedule, TIMING, tmp_path / "s.pdf"))
    assert len(pages) == 8
    assert pages[0].startswith("Speed meeting")
    assert "TABLE 1 Association d'aide à domicile" in pages[0]
    assert "TABLE 5 Mutuelle Solidaire de l'Ouest Table 2 sur 3 de ce recruteur" in pages[4]
    assert "TABLE 8 Ressourcerie La Trouvaille" in pages[7]


def test_names_with_markup_characters_print_as_typed(tmp_path):
    instance = Instance(
        1,
        (Recruiter("r", "Bâtir & Co <Sud>"),),
        (Candidate("c", "Léo <Lucas> & Fils"),),
        (),
    )
    schedule = Schedule(1, [Meeting(1, "r", "c")], 1, 1, True)
    for path in write_printouts(instance, schedule, RoundTiming(), tmp_path):
        text = " ".join(pages_text(path))
        assert "Bâtir & Co <Sud>" in text, path.name


def test_a_meeting_at_a_missing_table_is_refused(tmp_path, event):
    instance, _ = event
    schedule = Schedule(8, [Meeting(1, "scop", "c01", table=2)], 1, 1, True)
    with pytest.raises(ValueError, match="table 2"):
        master_grid_pdf(instance, schedule, TIMING, tmp_path / "g.pdf")


def test_a_meeting_outside_the_rounds_is_refused(tmp_path, event):
    instance, _ = event
    schedule = Schedule(8, [Meeting(9, "scop", "c01")], 1, 1, True)
    with pytest.raises(ValueError, match="tour 9"):
        schedule_csv(instance, schedule, TIMING, tmp_path / "p.csv")


def test_an_empty_event_still_prints_one_page_each(tmp_path):
    instance = Instance(6, (), (), ())
    for path in write_printouts(instance, Schedule(6, [], 0, 0, True), RoundTiming(), tmp_path):
        (page,) = pages_text(path)
        assert "Aucun" in page and "page 1 / 1" in page, path.name


def test_schedule_csv_for_french_excel(tmp_path, event):
    instance, schedule = event
    path = schedule_csv(instance, schedule, TIMING, tmp_path / "planning.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == len(schedule.meetings) + 1
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["Tour", "Horaire", "Table", "Recruteur", "Jeune"]
    assert rows[1] == [
        "1",
        "14 h 00 – 14 h 10",
        "1",
        "Association d'aide à domicile du Pays d'Aubagne et de l'Étoile",
        "Inès Benali",
    ]
    keys = [(int(r[0]), int(r[2])) for r in rows[1:]]
    assert keys == sorted(keys)
    assert ["5", "15 h 01 – 15 h 11", "3", "SCOP Bâtir Ensemble", "Yanis Haddad"] in rows


def _png_size(path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler) absent")
def test_each_printout_renders_to_an_image(tmp_path, event):
    instance, schedule = event
    for path in write_printouts(instance, schedule, TIMING, tmp_path, event_title=EVENT):
        prefix = tmp_path / path.stem
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path), str(prefix)],
            check=True,
            capture_output=True,
        )
        (image,) = tmp_path.glob(f"{path.stem}-*.png")
        width, height = _png_size(image)
        portrait = path.name in ("convocations_jeunes.pdf", "fiches_recruteurs.pdf")
        assert (width < height) == portrait, path.name
        assert image.stat().st_size > 5_000  # a blank page compresses far smaller
