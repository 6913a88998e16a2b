"""`essdesk schedule`: files in, JSON plan out, French errors naming file, line and column."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from essdesk.cli import main

SAMPLE = Path(__file__).parent.parent / "data" / "speed_meeting"

RECRUITERS = [
    ["id", "name", "tables", "available_from", "available_to"],
    ["R1", "Régie de quartier", "2", "", ""],
    ["R2", "Crèche associative « Les Câlins »", "", "2", "3"],
]
CANDIDATES = [
    ["id", "name", "available_from", "available_to", "max_meetings"],
    ["C1", "Élodie", "", "", ""],
    ["C2", "Jérôme", "1", "2", "1"],
    ["C3", "Anaïs", "", "", ""],
]
WISHES = [
    ["candidate_id", "recruiter_id", "rank", "weight"],
    ["C1", "R1", "1", ""],
    ["C1", "R2", "2", "4,5"],
    ["C2", "R2", "1", ""],
    ["C3", "R1", "", ""],
]


def write(path: Path, rows, *, separator=";", encoding="utf-8") -> Path:
    path.write_bytes("\r\n".join(separator.join(row) for row in rows).encode(encoding) + b"\r\n")
    return path


def files(tmp_path: Path, **options) -> list[str]:
    return [
        "--recruiters",
        str(write(tmp_path / "recruteurs.csv", RECRUITERS, **options)),
        "--candidates",
        str(write(tmp_path / "candidats.csv", CANDIDATES, **options)),
        "--wishes",
        str(write(tmp_path / "souhaits.csv", WISHES, **options)),
    ]


def run(args):
    return CliRunner().invoke(main, ["schedule", *args])


def test_sample_event_gives_the_optimal_plan(tmp_path):
    output = tmp_path / "plan.json"
    result = run(
        [
            "--recruiters",
            str(SAMPLE / "recruiters.csv"),
            "--candidates",
            str(SAMPLE / "candidates.csv"),
            "--wishes",
            str(SAMPLE / "wishes.csv"),
            "--rounds",
            "8",
            "--output",
            str(output),
        ]
    )
    assert result.exit_code == 0, result.output
    assert "Poids total : 1163 (borne 1163, optimal (prouvé))" in result.output
    plan = json.loads(output.read_text(encoding="utf-8"))
    assert plan["rounds"] == 8 and plan["objective"] == 1163 and plan["bound"] == 1163
    assert plan["gap"] == 0 and plan["proven_optimal"] is True
    assert len(plan["meetings"]) == 132
    # Tables are numbered across the room: R002's three tables are 2, 3 and 4.
    assert {m["table"] for m in plan["meetings"] if m["recruiter_id"] == "R002"} <= {2, 3, 4}
    assert max(m["table"] for m in plan["meetings"]) <= 18
    assert set(plan["candidates"]) == {f"J{k:04d}" for k in range(1, 61)}
    assert sum(c["weight"] for c in plan["candidates"].values()) == 1163


@pytest.mark.parametrize(
    "options",
    [
        {"separator": ";"},
        {"separator": ","},
        {"separator": ";", "encoding": "utf-8-sig"},
        {"separator": ";", "encoding": "cp1252"},
    ],
    ids=["point-virgule", "virgule", "utf8-bom", "windows-1252"],
)
def test_french_excel_variants_are_read_alike(tmp_path, options):
    if options["separator"] == ",":
        wishes_comma = [row[:3] + [row[3].replace(",", ".")] for row in WISHES]
        args = files(tmp_path, **options)
        args[5] = str(write(tmp_path / "souhaits.csv", wishes_comma, **options))
    else:
        args = files(tmp_path, **options)
    output = tmp_path / "plan.json"
    result = run([*args, "--rounds", "3", "--output", str(output)])
    assert result.exit_code == 0, result.output
    plan = json.loads(output.read_text(encoding="utf-8"))
    pairs = {(m["candidate_id"], m["recruiter_id"]) for m in plan["meetings"]}
    assert pairs == {("C1", "R1"), ("C1", "R2"), ("C2", "R2"), ("C3", "R1")}
    assert plan["objective"] == 10 + 4.5 + 10 + 1
    assert plan["proven_optimal"] is True


def test_bad_value_names_file_line_and_column(tmp_path):
    bad = [row[:] for row in RECRUITERS]
    bad[2][2] = "deux"
    args = files(tmp_path)
    args[1] = str(write(tmp_path / "recruteurs.csv", bad))
    result = run([*args, "--rounds", "3", "--output", str(tmp_path / "plan.json")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Erreur : ")
    assert "« recruteurs.csv », ligne 3, colonne « tables »" in result.stderr
    assert "« deux » n'est pas un nombre entier" in result.stderr
    assert not (tmp_path / "plan.json").exists()


@pytest.mark.parametrize(
    ("table", "row", "column", "value", "message"),
    [
        (
            "candidats",
            2,
            2,
            "5",
            "colonne « available_from » : 5 : la valeur doit être entre 1 et 3",
        ),
        ("souhaits", 4, 1, "R9", "ligne 4, colonne « recruiter_id » : recruteur « R9 » inconnu"),
        ("candidats", 3, 0, "C1", "ligne 3, colonne « id » : identifiant « C1 » déjà vu ligne 2"),
        ("souhaits", 3, 1, "R1", "ligne 3, colonne « recruiter_id » : souhait C1 → R1 déjà vu"),
    ],
)
def test_inconsistent_files_are_refused(tmp_path, table, row, column, value, message):
    source = {"candidats": CANDIDATES, "souhaits": WISHES}[table]
    bad = [line[:] for line in source]
    bad[row - 1][column] = value
    args = files(tmp_path)
    args[{"candidats": 3, "souhaits": 5}[table]] = str(write(tmp_path / f"{table}.csv", bad))
    result = run([*args, "--rounds", "3", "--output", str(tmp_path / "plan.json")])
    assert result.exit_code == 1
    assert message in result.stderr


def test_pdf_printouts_are_written_next_to_the_plan(tmp_path):
    result = run(
        [
            *files(tmp_path),
            "--rounds",
            "3",
            "--output",
            str(tmp_path / "plan.json"),
            "--pdf",
            str(tmp_path / "impressions"),
        ]
    )
    assert result.exit_code == 0, result.output
    written = sorted((tmp_path / "impressions").glob("*.pdf"))
    assert written and all(path.stat().st_size > 0 for path in written)
    assert f"{len(written)} documents PDF écrits" in result.output
    plan_csv = (tmp_path / "impressions" / "planning.csv").read_text(encoding="utf-8-sig")
    assert plan_csv.splitlines()[0] == "Tour;Horaire;Table;Recruteur;Jeune"
    assert len(plan_csv.splitlines()) == 1 + len(
        json.loads((tmp_path / "plan.json").read_text())["meetings"]
    )


def test_real_process_run(tmp_path):
    output = tmp_path / "plan.json"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "essdesk",
            "schedule",
            *files(tmp_path),
            "--rounds",
            "3",
            "--min-meetings",
            "1",
            "--time-limit",
            "5",
            "--output",
            str(output),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "Poids total : 25,5" in completed.stdout
    assert json.loads(output.read_text(encoding="utf-8"))["objective"] == 25.5
    failed = subprocess.run(
        [
            sys.executable,
            "-m",
            "essdesk",
            "schedule",
            *files(tmp_path),
            "--rounds",
            "0",
            "--output",
            str(output),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert failed.returncode == 1
    assert failed.stderr.startswith("Erreur : le nombre de tours doit être au moins 1")


def test_pdf_times_follow_start_length_and_changeover(tmp_path):
    folder = tmp_path / "impressions"
    args = [*files(tmp_path), "--rounds", "3", "--output", str(tmp_path / "plan.json")]
    result = run([*args, "--pdf", str(folder), "--debut", "9:30", "--duree", "7"])
    assert result.exit_code == 0, result.output
    plan_csv = (folder / "planning.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    assert {line.split(";")[:2][1] for line in plan_csv if line.startswith("1;")} == {
        "9 h 30 – 9 h 37"
    }
    assert {line.split(";")[1] for line in plan_csv if line.startswith("3;")} == {
        "9 h 48 – 9 h 55"  # 9 h 30 + 2 × (7 + 2)
    }
    result = run([*args, "--pdf", str(folder), "--debut", "14h", "--battement", "0"])
    assert result.exit_code == 0, result.output
    plan_csv = (folder / "planning.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    assert {line.split(";")[1] for line in plan_csv if line.startswith("2;")} == {
        "14 h 10 – 14 h 20"
    }


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--debut", "23:30"], "Erreur : Le tour 3 se terminerait après minuit.\n"),
        (["--duree", "0"], "Erreur : La durée d'un tour doit être d'au moins une minute.\n"),
        (
            ["--battement", "-1"],
            "Erreur : Le temps de changement de table ne peut pas être négatif.\n",
        ),
    ],
)
def test_impossible_times_are_a_french_error_before_planning(tmp_path, options, message):
    output = tmp_path / "plan.json"
    args = [*files(tmp_path), "--rounds", "3", "--output", str(output)]
    result = run([*args, "--pdf", str(tmp_path / "impressions"), *options])
    assert result.exit_code == 1
    assert result.stderr == message
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not output.exists() and not (tmp_path / "impressions").exists()


def test_a_value_error_from_the_printouts_is_a_french_error(tmp_path, monkeypatch):
    from essdesk.reports.speed_meetings import printouts

    def too_late(*args, **kwargs):
        raise ValueError("Le tour 3 se terminerait après minuit.")

    monkeypatch.setattr(printouts, "write_printouts", too_late)
    args = [*files(tmp_path), "--rounds", "3", "--output", str(tmp_path / "plan.json")]
    result = run([*args, "--pdf", str(tmp_path / "impressions")])
    assert result.exit_code == 1
    assert result.stderr == "Erreur : Le tour 3 se terminerait après minuit.\n"


def test_bad_start_time_is_a_usage_error(tmp_path):
    args = [*files(tmp_path), "--rounds", "3", "--output", str(tmp_path / "plan.json")]
    result = run([*args, "--pdf", str(tmp_path / "p"), "--debut", "25:00"])
    assert result.exit_code == 2
    assert "heure « 25:00 » invalide (format HH:MM, par exemple 14:00)." in result.stderr


def test_summary_numbers_are_written_the_french_way(monkeypatch, tmp_path):
    from essdesk.cli import schedule as command
    from essdesk.domain.scheduling.model import Schedule

    plan = Schedule(
        rounds=3, meetings=[], objective=39.5, bound=40.5, proven_optimal=False, seconds=0.0412
    )
    instance = type("Instance", (), {"candidates": [1, 2], "recruiters": [1]})()
    printed: list[str] = []
    monkeypatch.setattr(command.click, "echo", printed.append)
    command._print_summary(instance, plan, tmp_path / "plan.json")
    assert printed[1] == "Poids total : 39,5 (borne 40,5, écart 2,5\u00a0%) en 0,04 s."


@pytest.mark.parametrize("weight", ["1e308", "inf", "1e7"])
def test_an_absurd_weight_is_a_french_error(tmp_path, weight, monkeypatch):
    wishes = [row[:] for row in WISHES]
    wishes[2][3] = weight
    monkeypatch.setattr(sys.modules[__name__], "WISHES", wishes)
    result = run([*files(tmp_path), "--rounds", "3", "--output", str(tmp_path / "p.json")])
    assert result.exit_code == 1
    assert "souhaits.csv" in result.output and "poids" in result.output
    assert "inattendue" not in result.output
    assert not (tmp_path / "p.json").exists()


@pytest.mark.parametrize("limit", ["nan", "inf", "-1", "1e9"])
def test_an_absurd_time_limit_is_refused(tmp_path, limit):
    result = run(
        [
            *files(tmp_path),
            "--rounds",
            "3",
            "--output",
            str(tmp_path / "p.json"),
            "--time-limit",
            limit,
        ]
    )
    assert result.exit_code == 1
    assert "temps de calcul" in result.output
    assert not (tmp_path / "p.json").exists()


def test_a_2000_character_name_prints_every_document(tmp_path, monkeypatch):
    from pypdf import PdfReader

    candidates = [row[:] for row in CANDIDATES]
    candidates[1][1] = "Élodie " + "É" * 2000
    monkeypatch.setattr(sys.modules[__name__], "CANDIDATES", candidates)
    folder = tmp_path / "impressions"
    result = run(
        [
            *files(tmp_path),
            "--rounds",
            "3",
            "--output",
            str(tmp_path / "p.json"),
            "--pdf",
            str(folder),
        ]
    )
    assert result.exit_code == 0, result.output
    written = sorted(folder.glob("*.pdf"))
    assert len(written) == 4
    text = "".join(page.extract_text() for path in written for page in PdfReader(path).pages)
    assert "Élodie ÉÉÉ" in text and "É" * 200 not in text  # printed, cut with « … »
