"""Writing the partners' reports (partnership, event, territory, offers) as PDF, XLSX or CSV."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from essdesk.db.database import Database
from essdesk.errors import EssDeskError
from essdesk.services import access
from essdesk.services.report_branding import load_branding
from essdesk.services.report_files import write_replacing

REPORTS = {
    "partnership": "Bilan de partenariat",
    "event": "Rapport d'événement",
    "territory": "Activité par territoire",
    "offers": "Offres à la une",
}
FORMATS = (".pdf", ".xlsx", ".csv")
# The permission each report's figures need, and the table named in a refusal. Three count
# young people's files (hires, profiles, outcomes): the roles that may read those files, as the
# GRANTs on PostgreSQL say (reception and business relations read no youth profile there).
REPORT_READS = {
    "partnership": ("youth.file", "partnerships"),
    "event": ("youth.file", "events"),
    "territory": ("youth.file", "youths"),
    "offers": ("offer.read", "offers"),
}


@dataclass(frozen=True)
class WrittenReport:
    path: Path
    title: str  # « Bilan de partenariat : Convention UDES × France Travail »


def check_output(path: Path) -> str:
    """The format asked for by the file's extension; a clear message for anything else."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise EssDeskError(
            f"Le fichier de sortie doit se terminer par .pdf, .xlsx ou .csv (reçu : {path.name})."
        )
    if not path.parent.is_dir():
        raise EssDeskError(f"Le dossier {path.parent} n'existe pas.")
    return suffix


def write_report(
    db: Database,
    kind: str,
    path: str | Path,
    *,
    subject: str | None = None,
    start: date | None = None,
    end: date | None = None,
    agency: str | None = None,
    today: date | None = None,
) -> WrittenReport:
    """Read the report's figures, then write them at `path` (a failure leaves `path` untouched)."""
    path = Path(path)
    if kind in REPORT_READS:
        # Counts only (no names: tests/privacy/test_report_names.py), yet counts of what the
        # role may read: reception sees no youth figures, as on the dashboard.
        access.require(db, *REPORT_READS[kind])
    suffix = check_output(path)
    if start and end and end < start:
        raise EssDeskError("La période demandée finit avant de commencer : vérifiez les dates.")
    branding = load_branding(agency)
    if kind == "partnership":
        from essdesk.reports.partnerships.review import partnership_review_pdf
        from essdesk.reports.partnerships.tables import partnership_tables
        from essdesk.services.partnership_review import partnership_review_data
        from essdesk.services.partnerships import find_partnership

        found = find_partnership(db, subject)
        data = partnership_review_data(db, found.id, start, end, today=today)
        name, pdf, tables = found.title, partnership_review_pdf, partnership_tables
    elif kind == "event":
        from essdesk.reports.events.review import event_report_pdf
        from essdesk.reports.events.tables import event_tables
        from essdesk.services.events.review import event_report_data

        event = _event(db, subject, start, end)
        data = event_report_data(db, event.id)
        name, pdf, tables = event.title, event_report_pdf, event_tables
    elif kind == "territory":
        from essdesk.reports.territory import territory_pdf, territory_tables
        from essdesk.services.territory_activity import territory_activity

        if subject:
            raise EssDeskError("Le rapport par territoire porte sur toute la base : pas de sujet.")
        data = territory_activity(db, start, end, today=today)
        name, pdf, tables = "", territory_pdf, territory_tables
    elif kind == "offers":
        from essdesk.reports.offers_board import offers_board_pdf, offers_tables
        from essdesk.services.offers_board import offers_board_data

        event_id = _event(db, subject, None, None).id if subject else None
        data = offers_board_data(db, event_id, start, end)
        name, pdf, tables = data.subject, offers_board_pdf, offers_tables
    else:
        raise EssDeskError(f"Rapport inconnu : « {kind} » ({', '.join(REPORTS)}).")
    title = REPORTS[kind] + (f" : {name}" if name else "")
    if suffix == ".pdf":
        write_replacing(path, lambda side: pdf(data, side, branding=branding))
    else:
        # The side file keeps the extension: openpyxl and Excel judge a file by it.
        write_replacing(path, lambda side: _tables_at(side, suffix, title, tables(data)))
    return WrittenReport(path, title)


def _tables_at(side: Path, suffix: str, title: str, tables) -> None:
    from essdesk.exchange.report_tables import write_report_tables

    real = side.with_name(side.name + suffix)
    try:
        write_report_tables(real, title, tables)
        real.replace(side)
    finally:
        real.unlink(missing_ok=True)


def _event(db: Database, subject: str | None, start: date | None, end: date | None):
    from essdesk.services.events.review import find_event, list_events

    if subject or not (start or end):
        return find_event(db, subject)
    # No event named but a period: the latest event that starts within it.
    for event in list_events(db):
        if (start is None or event.start_date >= start) and (
            end is None or event.start_date <= end
        ):
            return event
    raise EssDeskError("Aucun événement ne commence dans la période demandée.")
