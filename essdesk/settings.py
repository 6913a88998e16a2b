"""The user's preferences: a typed, versioned JSON file beside the data, for the app and the CLI."""

# Each preference has one reader: the function of this module named after it (or the one module
# named in its field comment). A file from an older version is upgraded when read; a value that
# is missing, of the wrong type or out of range falls back to its default with a logged warning,
# so that a hand-edited file never stops the app. No password or key is ever written here: they
# live in the system's credential store (keyring).

from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from essdesk.config import data_dir

SETTINGS_FILE = "parametres.json"
SETTINGS_VERSION = 2
_log = logging.getLogger("essdesk.settings")

BASE_KINDS = ("local", "server", "demo")  # what the first-start assistant may have chosen
HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
# Keys whose value could be a secret: refused by `update`, dropped from any file read.
_SECRET_WORDS = ("password", "passwd", "secret", "key", "motdepasse", "mot_de_passe")


@dataclass(frozen=True)
class Settings:
    """Every preference with its default; `version` says which layout the file follows."""

    version: int = SETTINGS_VERSION
    # The agency on every PDF (read by essdesk.reports.branding.agency_branding).
    agency_name: str = ""
    agency_address: str = ""
    agency_logo: str = ""  # path of a PNG or JPEG file
    report_colour: str = ""  # "#1F5F5B": the header band of the reports
    report_accent: str = ""  # "#C8553D": titles and table headers
    # Backups (read by backup_dir_choice / backups_kept below).
    backup_dir: str = ""
    backups_kept: int = 7  # daily backups kept; weekly and monthly ones come on top
    # The base chosen at first start (read by chosen_database below): a file or a URL without
    # its password; base_kind says how it was chosen.
    database: str = ""
    base_kind: str = ""
    # The counsellor proposed on a new youth file (read by default_counsellor_id below).
    default_counsellor_id: str = ""
    # Last folders of the file dialogs (each read by the one dialog that writes it).
    export_dir: str = ""
    import_dir: str = ""
    reports_dir: str = ""
    minutes_dir: str = ""  # attached minutes of governance meetings
    # Column mappings remembered per kind of import (read by services/import_mappings.py).
    import_mappings: dict[str, dict] = field(default_factory=dict)
    # The main window's geometry, splitters, last area, each list's columns and sort (read by
    # essdesk/ui/window_habits.py; Qt's own saved states, base64-encoded).
    window_habits: dict[str, Any] = field(default_factory=dict)


_LIMITS: dict[str, tuple[int, int]] = {"backups_kept": (1, 60)}


def settings_path() -> Path:
    return data_dir() / SETTINGS_FILE


# --- upgrades: each takes the raw dictionary of version N and returns that of N + 1 ---------


def _upgrade_1_to_2(raw: dict[str, Any]) -> dict[str, Any]:
    """Version 1 had no "version" key and one flat "import_mappings.<kind>" key per kind."""
    mappings = {}
    for key in [k for k in raw if k.startswith("import_mappings.")]:
        mappings[key.split(".", 1)[1]] = raw.pop(key)
    raw["import_mappings"] = {**mappings, **(raw.get("import_mappings") or {})}
    return raw


UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _upgrade_1_to_2}


def upgrade(raw: dict[str, Any]) -> dict[str, Any]:
    """Bring a raw settings dictionary, of any older version, to the current layout."""
    version = raw.get("version", 1)
    if not isinstance(version, int) or version < 1:
        _log.warning("Paramètres : version %r illisible, lue comme la version 1", version)
        version = 1
    if version > SETTINGS_VERSION:
        # Written by a newer ESS Desk: what we know is read, the rest is left alone on disk.
        _log.warning("Paramètres écrits par une version plus récente (%s)", version)
        return raw
    while version < SETTINGS_VERSION:
        raw = UPGRADES[version](dict(raw))
        version += 1
    raw["version"] = SETTINGS_VERSION
    return raw


def _is_secret(name: str) -> bool:
    folded = name.lower()
    return any(word in folded for word in _SECRET_WORDS) and name != "import_mappings"


def _checked(name: str, value: Any, default: Any, *, strict: bool = False) -> Any:
    """`value` if it fits the field, else raise ValueError saying why.

    A colour typed by hand in the file is kept even if unreadable (`strict` False): the report
    then says in plain words that it used its usual colour, where the user will see it.
    """
    if isinstance(default, int):  # bool is an int: no bool setting exists
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("un nombre entier est attendu")
        low, high = _LIMITS.get(name, (-(2**31), 2**31))
        if not low <= value <= high:
            raise ValueError(f"hors limites ({low} à {high})")
        return value
    if isinstance(default, str):
        if value is None:
            return ""
        if not isinstance(value, str):
            raise ValueError("un texte est attendu")
        colour = name in ("report_colour", "report_accent")
        if strict and colour and value and not HEX_COLOUR.match(value):
            raise ValueError("une couleur #RRVVBB est attendue")
        if name == "base_kind" and value and value not in BASE_KINDS:
            raise ValueError(f"attendu : {', '.join(BASE_KINDS)}")
        if name == "database" and re.search(r"//[^/@:]*:[^@/]*@", value):
            raise ValueError("une adresse de serveur ne garde jamais son mot de passe ici")
        return value
    if isinstance(default, dict):
        if not isinstance(value, dict):
            raise ValueError("un dictionnaire est attendu")
        return value
    raise ValueError("type inconnu")


def from_dict(raw: dict[str, Any]) -> Settings:
    """The typed settings of a raw dictionary (upgraded first); bad values fall back."""
    raw = upgrade(dict(raw))
    defaults = Settings()
    values: dict[str, Any] = {}
    for item in dataclasses.fields(Settings):
        if item.name == "version" or item.name not in raw:
            continue
        default = getattr(defaults, item.name)
        try:
            values[item.name] = _checked(item.name, raw[item.name], default)
        except ValueError as why:
            # The name without « » quotes: the log masks what they enclose, and a name is not personal.
            _log.warning("Paramètre %s ignoré (%s) : valeur par défaut", item.name, why)
    for name in raw:
        if name not in values and name != "version" and not hasattr(defaults, name):
            _log.warning("Paramètre inconnu %s ignoré", name)
    return Settings(**values)


def load() -> Settings:
    """The settings on disk (the defaults when the file is missing or unreadable)."""
    path = settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as error:
        _log.warning("Fichier de paramètres illisible (%s) : valeurs par défaut", error)
        return Settings()
    if not isinstance(raw, dict):
        _log.warning("Fichier de paramètres illisible : valeurs par défaut")
        return Settings()
    return from_dict(raw)


def save(settings: Settings) -> None:
    """Write the whole file atomically, readable by its owner only."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    text = json.dumps(dataclasses.asdict(settings), ensure_ascii=False, indent=2)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())
    if os.name == "posix":
        os.chmod(temporary, 0o600)  # an older file made with another mode is not kept so
    temporary.replace(path)  # never a half-written preferences file


def update(**changes: Any) -> Settings:
    """Change some preferences (checked like a file read, but an error here is raised)."""
    current = load()
    defaults = Settings()
    checked = {}
    for name, value in changes.items():
        if _is_secret(name) or name == "version" or not hasattr(defaults, name):
            raise ValueError(f"paramètre inconnu ou interdit dans ce fichier : {name}")
        checked[name] = _checked(name, value, getattr(defaults, name), strict=True)
    new = dataclasses.replace(current, **checked)
    save(new)
    return new


# --- the one reader of each preference that is not read by its own module --------------------


def backup_dir_choice() -> Path | None:
    """The backup folder the user chose (ESSDESK_BACKUP_DIR wins), or None for the default."""
    override = os.environ.get("ESSDESK_BACKUP_DIR")
    if override:
        return Path(override)
    chosen = load().backup_dir
    return Path(chosen) if chosen else None


def default_backup_dir() -> Path:
    """Where automatic backups go unless the user chose another folder (a USB key, a synced folder)."""
    return backup_dir_choice() or data_dir() / "sauvegardes"


def backups_kept() -> int:
    """How many daily backups the rotation keeps."""
    return load().backups_kept


def chosen_database() -> tuple[str, str] | None:
    """(base, kind) remembered by the first-start assistant, or None if it never ran."""
    settings = load()
    return (settings.database, settings.base_kind) if settings.base_kind else None


def default_counsellor_id() -> str:
    """The counsellor proposed on a new youth file ("" for none)."""
    return load().default_counsellor_id


# --- for code written before the typed settings: the same file, the same checks --------------


def load_settings() -> dict[str, Any]:
    """The settings as a dictionary (prefer `load()` and the readers above)."""
    return dataclasses.asdict(load())


def save_setting(key: str, value: Any) -> None:
    """Change one preference (prefer `update`)."""
    update(**{key: value})
