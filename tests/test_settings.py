"""The typed preferences file: round trip, upgrade of an old file, bad values, owner-only file."""

from __future__ import annotations

import json
import logging
import os
import stat

import pytest

from essdesk import settings
from essdesk.settings import SETTINGS_VERSION, Settings, settings_path


def test_missing_file_gives_the_defaults():
    assert settings.load() == Settings()
    assert settings.chosen_database() is None


def test_round_trip_keeps_every_value():
    settings.update(
        agency_name="Mission locale du Grésivaudan",
        agency_address="12 rue des Alpes\n38400 Saint-Martin-d'Hères",
        report_colour="#204060",
        report_accent="#C8553D",
        backups_kept=14,
        database="postgresql+psycopg://conseil@serveur:5432/essdesk",
        base_kind="server",
        import_mappings={"employers": {"abc": {"columns": [], "mapping": {}}}},
    )
    loaded = settings.load()
    assert loaded.agency_name == "Mission locale du Grésivaudan"
    assert loaded.backups_kept == 14 and settings.backups_kept() == 14
    assert settings.chosen_database() == (
        "postgresql+psycopg://conseil@serveur:5432/essdesk",
        "server",
    )
    assert loaded.import_mappings["employers"]["abc"]["columns"] == []
    on_disk = json.loads(settings_path().read_text("utf-8"))
    assert on_disk["version"] == SETTINGS_VERSION


@pytest.mark.skipif(os.name != "posix", reason="mode bits are POSIX")
def test_file_is_readable_by_its_owner_only_and_written_whole():
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text("{}", encoding="utf-8")
    os.chmod(settings_path(), 0o644)  # an older file, made with a looser mode
    settings.update(agency_name="ML")
    assert stat.S_IMODE(settings_path().stat().st_mode) == 0o600
    assert not list(settings_path().parent.glob("*.tmp"))


def test_upgrade_from_a_version_1_file():
    old = {  # as ESS Desk wrote it before the typed settings: no version, flat mapping keys
        "agency_name": "PLIE de Voiron",
        "backup_dir": "/media/cle/sauvegardes",
        "export_dir": "/home/conseil/exports",
        "import_mappings.employers": {"sig": {"columns": ["Nom"], "mapping": {"Nom": "name"}}},
        "import_mappings.rome": {"sig2": {"columns": ["Code"], "mapping": {"Code": "code"}}},
    }
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text(json.dumps(old), encoding="utf-8")
    loaded = settings.load()
    assert loaded.version == SETTINGS_VERSION
    assert loaded.agency_name == "PLIE de Voiron"
    assert str(settings.default_backup_dir()) == "/media/cle/sauvegardes"
    assert set(loaded.import_mappings) == {"employers", "rome"}
    assert loaded.import_mappings["rome"]["sig2"]["mapping"] == {"Code": "code"}
    settings.update(reports_dir="/tmp")  # written back in the new layout, nothing lost
    on_disk = json.loads(settings_path().read_text("utf-8"))
    assert "import_mappings.rome" not in on_disk
    assert on_disk["import_mappings"]["employers"]["sig"]["columns"] == ["Nom"]
    assert on_disk["export_dir"] == "/home/conseil/exports"


def test_bad_values_fall_back_with_a_warning(caplog):
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text(
        json.dumps(
            {
                "version": 2,
                "backups_kept": "beaucoup",
                "report_colour": "bleu",
                "agency_name": "ML Sud",
                "database": "postgresql://u:secret@h/b",
                "mot_de_passe": "x",
            }
        ),
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING, logger="essdesk.settings"):
        loaded = settings.load()
    assert loaded.agency_name == "ML Sud"
    assert loaded.backups_kept == Settings().backups_kept
    assert loaded.report_colour == "bleu"  # kept: the report itself says it is unreadable
    assert loaded.database == ""  # an address with its password is never taken
    messages = " ".join(r.getMessage() for r in caplog.records)
    assert "backups_kept" in messages and "database" in messages
    assert "mot_de_passe" in messages and "secret" not in messages


def test_unreadable_file_gives_the_defaults(caplog):
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text("{pas du json", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="essdesk.settings"):
        assert settings.load() == Settings()
    assert caplog.records


def test_update_refuses_secrets_and_bad_values():
    with pytest.raises(ValueError):
        settings.update(server_password="x")
    with pytest.raises(ValueError):
        settings.update(database="postgresql://u:secret@h/b")
    with pytest.raises(ValueError):
        settings.update(backups_kept=0)
    with pytest.raises(ValueError):
        settings.update(report_colour="rouge")
    assert not settings_path().exists()
