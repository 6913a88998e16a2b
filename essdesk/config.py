"""Where ESS Desk keeps its files: resolved in one place, overridable for tests and portable use.

It reads no preference (those live in `essdesk.settings`, which builds on it).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "ESSDesk"
APP_AUTHOR = "ESSDesk"
DATABASE_FILE_NAME = "essdesk.sqlite3"


def data_dir() -> Path:
    """The user's data folder (on Windows %LOCALAPPDATA%, never the roaming profile)."""
    override = os.environ.get("ESSDESK_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR, roaming=False))


def default_database_path() -> Path:
    """The embedded database used when neither --database nor ESSDESK_DATABASE_URL is given."""
    return data_dir() / DATABASE_FILE_NAME
