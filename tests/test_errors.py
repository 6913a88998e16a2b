"""French reasons for system and SQLite errors, and where-it-happened messages."""

from __future__ import annotations

import sqlite3

import pytest

from essdesk.errors import DataFileError, os_reason


def test_system_errors_get_french_reasons(tmp_path):
    with pytest.raises(OSError) as missing:
        (tmp_path / "absent" / "x.csv").read_text()
    assert os_reason(missing.value) == "fichier ou dossier introuvable"
    with pytest.raises(OSError) as directory:
        tmp_path.read_text()
    assert os_reason(directory.value) == "c'est un dossier"


def test_sqlite_errors_get_french_reasons(tmp_path):
    bogus = tmp_path / "pas-une-base.sqlite3"
    bogus.write_bytes(b"x" * 4096)
    with pytest.raises(sqlite3.DatabaseError) as raised:
        sqlite3.connect(bogus).execute("PRAGMA quick_check").fetchall()
    assert os_reason(raised.value) == "ce n'est pas une base de données"


def test_data_file_error_says_where():
    error = DataFileError(
        "date impossible (31/02/2004)", file="jeunes.csv", line=5, column="Date de naissance"
    )
    assert str(error) == (
        "Fichier « jeunes.csv », ligne 5, colonne « Date de naissance » : date impossible (31/02/2004)"
    )
