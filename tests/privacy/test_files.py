"""Files readable by their owner only; a server URL never shows its password."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from essdesk.cli import main
from essdesk.db import models as m
from essdesk.db.database import open_database
from essdesk.db.engine import resolve_target
from essdesk.errors import EssDeskError


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_base_wal_backups_and_exports_are_owner_only(tmp_path):
    old = os.umask(0o022)  # a permissive default, as on most desktops
    try:
        db_path = tmp_path / "base.sqlite3"
        db = open_database(str(db_path))
        with db.transaction() as s:
            s.add(m.Youth(last_name="Morel", first_name="Inès", birth_date=date(2005, 5, 5)))
        assert _mode(db_path) == 0o600
        assert _mode(Path(f"{db_path}-wal")) == 0o600
        assert all(_mode(b.path) == 0o600 for b in db.backups.list())
        assert _mode(db.backup("essai")) == 0o600
        db.close()
        runner = CliRunner()
        for args in (
            ["export", "youths", str(tmp_path / "jeunes.xlsx")],
            ["audit", "--output", str(tmp_path / "journal.csv")],
            ["person", "export", "Morel Inès", "--output", str(tmp_path / "dossier.pdf")],
        ):
            result = runner.invoke(main, ["--database", str(db_path), *args])
            assert result.exit_code == 0, result.output
            assert _mode(Path(args[-1])) == 0o600, args
    finally:
        os.umask(old)


def test_server_url_is_shown_without_its_password():
    target = resolve_target("postgresql://conseil:s3cr3t-motdepasse@127.0.0.1:1/essdesk")
    assert "s3cr3t" not in target.describe() and "***" in target.describe()
    try:
        open_database("postgresql://conseil:s3cr3t-motdepasse@127.0.0.1:1/essdesk")
    except EssDeskError as error:
        assert "s3cr3t" not in str(error) and "s3cr3t" not in (error.detail or "")
    else:
        raise AssertionError("no server listens on port 1")


def test_log_file_is_owner_only_and_never_holds_a_server_password(tmp_path):
    import logging

    from essdesk.log import log, setup_logging, user_message

    old = os.umask(0o022)
    try:
        path = setup_logging()
        assert path is not None
        try:
            open_database("postgresql://conseil:s3cr3t-motdepasse@localhost:1/essdesk")
        except EssDeskError as error:
            user_message(error)
        log.warning("Connexion à postgresql://conseil:autre-s3cr3t@serveur:5432/essdesk")
        for handler in log.handlers:
            handler.flush()
        assert _mode(path) == 0o600
        content = path.read_text(encoding="utf-8")
        assert "postgresql://[masqué]@serveur" in content
        assert "s3cr3t" not in content
    finally:
        os.umask(old)
        for handler in list(log.handlers):
            if isinstance(handler, logging.FileHandler):
                log.removeHandler(handler)
                handler.close()
