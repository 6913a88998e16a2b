"""The user's preferences, in a small JSON file beside the data: shared by the app and the CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from essdesk.config import data_dir

SETTINGS_FILE = "parametres.json"


def settings_path() -> Path:
    return data_dir() / SETTINGS_FILE


def load_settings() -> dict[str, Any]:
    try:
        return json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # missing or unreadable preferences fall back to the defaults


def save_setting(key: str, value: Any) -> None:
    settings = load_settings()
    settings[key] = value
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(settings, ensure_ascii=False, indent=2), encoding="utf-8")
    temporary.replace(path)  # never a half-written preferences file


def default_backup_dir() -> Path:
    """Where automatic backups go unless the user chose another folder (a USB key, a synced folder)."""
    override = os.environ.get("ESSDESK_BACKUP_DIR")
    if override:
        return Path(override)
    chosen = load_settings().get("backup_dir")
    return Path(chosen) if chosen else data_dir() / "sauvegardes"
