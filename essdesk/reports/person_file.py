"""The PDF of a person's file (right of access): every table, each record as field and value."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.platypus import CondPageBreak, Paragraph, Spacer, Table

from essdesk.reports import theme

HIDDEN = {"version", "created_at", "updated_at"}


def _text(value) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return "oui"
    if value is False:
        return "non"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return f"{value[8:]}/{value[5:7]}/{value[:4]}"  # ISO date → jj/mm/aaaa
    return str(value)


def write_person_pdf(person, path: Path, titles: dict[str, str]) -> Path:
    styles = theme.stylesheet()
    cell = styles["Cell"]
    story: list = [
        Paragraph(escape(f"Dossier de {person.name}"), styles["Title"]),
        Paragraph(
            "Toutes les données que la structure détient sur vous (droit d'accès, RGPD art. 15).",
            styles["Subtitle"],
        ),
    ]
    for name, rows in person.tables.items():
        story += [CondPageBreak(40), Paragraph(escape(titles.get(name, name)), styles["Heading"])]
        if not rows:
            story.append(Paragraph("Aucune donnée.", styles["Small"]))
        for row in rows:
            data = [
                [Paragraph(escape(key), styles["CellBold"]), Paragraph(escape(_text(v)), cell)]
                for key, v in row.items()
                if key not in HIDDEN
            ]
            story += [
                Table(data, colWidths=[55 * 2.83, None], style=theme.table_style(header_rows=0)),
                Spacer(1, 6),
            ]
    story += [CondPageBreak(40), Paragraph(escape(titles["audit_entries"]), styles["Heading"])]
    if not person.history:
        story.append(Paragraph("Aucune entrée.", styles["Small"]))
    for row in person.history:
        date_, who, _pc, action, table, *_rest, fields, detail = row
        line = f"{date_} · {who} · {action} · {table}" + (f" · {fields}" if fields else "")
        line += f" · {detail}" if detail else ""
        story.append(Paragraph(escape(line), styles["Small"]))
    return theme.build_document(path, story, title="Dossier personnel", subtitle=person.name)
