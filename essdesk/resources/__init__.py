"""Every data file ESS Desk needs at run time, listed once, and the check that they are all there."""

from __future__ import annotations

import importlib.util
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

# The package folder: the source tree, an installed wheel or the frozen bundle's `_internal`.
PACKAGE_DIR = Path(__file__).resolve().parent.parent
MIGRATIONS_DIR = PACKAGE_DIR / "db" / "migrations"
QT_FRENCH = "qtbase_fr.qm"


@dataclass(frozen=True)
class Resource:
    """A file the app reads; `label` says in French what it is for."""

    label: str
    relative: str  # to PACKAGE_DIR, with forward slashes

    @property
    def path(self) -> Path:
        return PACKAGE_DIR / self.relative


# Adding a data file to the package? List it here, in pyproject.toml's package-data and in
# packaging/essdesk.spec: tests/test_resources.py fails on a file of the package left out.
RESOURCES = (
    Resource("modèle des migrations", "db/migrations/env.py"),
    Resource("modèle des migrations", "db/migrations/script.py.mako"),
    Resource("police des PDF", "resources/fonts/DejaVuSans.ttf"),
    Resource("police des PDF (gras)", "resources/fonts/DejaVuSans-Bold.ttf"),
    Resource("licence de la police", "resources/fonts/LICENSE-DejaVu.txt"),
    Resource("icône de l'application", "resources/icons/essdesk.svg"),
    Resource("barème du SMIC", "domain/schemes/smic.csv"),
    Resource("guide : sommaire", "resources/guide/index.html"),
    Resource("guide : démarrage", "resources/guide/demarrage.html"),
    Resource("guide : import", "resources/guide/import.html"),
    Resource("guide : speed meeting", "resources/guide/speed-meeting.html"),
    Resource("guide : emploi d'avenir", "resources/guide/emploi-avenir.html"),
    Resource("guide : rapport financeur", "resources/guide/rapport-financeur.html"),
    Resource("guide : sauvegardes", "resources/guide/sauvegardes.html"),
)
# Python modules the app finds by name only (Alembic's env.py, the reference data): a frozen
# build that left one out fails here rather than when a counsellor opens that screen.
MODULES = (
    ("modèles de la base", "essdesk.db.models"),
    ("nomenclatures de référence", "essdesk.domain.nomenclatures"),
)


def qt_translations_dirs() -> list[Path]:
    """Where PySide6 keeps Qt's own translations, without importing Qt (the CLI has none).

    Linux and macOS wheels put them in PySide6/Qt/translations, Windows wheels in
    PySide6/translations; the frozen bundle keeps the same layout under `_internal`.
    """
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return []
    roots = [Path(location) for location in spec.submodule_search_locations]
    return [root / sub for root in roots for sub in ("Qt/translations", "translations")]


def qt_french_translation() -> Path | None:
    """Qt's French (OK, Annuler, Enregistrer…) as shipped with PySide6, if it is there."""
    for folder in qt_translations_dirs():
        if (folder / QT_FRENCH).is_file():
            return folder / QT_FRENCH
    return None


def _migration_problem() -> str | None:
    """Why the migration scripts cannot bring a base to the latest schema, or None."""
    versions = sorted((MIGRATIONS_DIR / "versions").glob("*.py"))
    if not versions:
        return f"aucune migration dans {MIGRATIONS_DIR / 'versions'}"
    try:
        from alembic.config import Config
        from alembic.script import ScriptDirectory

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        script = ScriptDirectory.from_config(config)
        with warnings.catch_warnings():  # a missing link is reported below, not warned about
            warnings.simplefilter("ignore")
            heads = script.get_heads()
            # Walking down from the head to the first migration fails on a missing link.
            chain = list(script.walk_revisions("base", "heads"))
    except Exception as error:  # noqa: BLE001 - any failure means the scripts are unusable
        return f"migrations illisibles ({type(error).__name__} : {error})"
    if len(heads) != 1:
        return f"les migrations ont {len(heads)} dernières versions au lieu d'une"
    if len(chain) != len(versions):
        return f"{len(versions)} fichiers de migration mais {len(chain)} reliés entre eux"
    return None


def check_resources(*, qt: bool = True) -> list[str]:
    """What is missing, one French line each; an empty list means the app has all it needs.

    `qt=False` leaves out Qt's translations (a command-line-only installation).
    """
    missing = [
        f"{r.label} : {r.path}"
        for r in RESOURCES
        if not r.path.is_file() or not r.path.stat().st_size
    ]
    problem = _migration_problem()
    if problem:
        missing.append(f"migrations de la base : {problem}")
    for label, module in MODULES:
        try:
            importlib.import_module(module)
        except ImportError as error:
            missing.append(f"{label} : module {module} absent ({error})")
    if qt and qt_french_translation() is None:
        folders = ", ".join(str(f) for f in qt_translations_dirs()) or "PySide6 introuvable"
        missing.append(f"traduction française de Qt : {QT_FRENCH} absent de {folders}")
    return missing


def describe() -> list[str]:
    """Where the app takes its files from, for `essdesk doctor`."""
    frozen = getattr(sys, "frozen", False)
    return [
        f"Programme : {'application installée' if frozen else 'Python ' + sys.version.split()[0]}",
        f"Dossier des fichiers de l'application : {PACKAGE_DIR}",
        f"Traduction française de Qt : {qt_french_translation() or 'introuvable'}",
    ]
