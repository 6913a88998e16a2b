"""The PDF of a person's file (right of access): every table, each record as field and value."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.platypus import CondPageBreak, Paragraph, Spacer, Table

from essdesk.reports import theme


def write_person_pdf(
    name: str,
    number: str,
    sections: list[tuple[str, list[list[tuple[str, str]]]]],
    history: list[list],
    path: Path,
    history_heading: str,
) -> Path:
    """`sections`: (heading, records), each record its (field, value) pairs, already in words."""
    styles = theme.stylesheet()
    cell = styles["Cell"]
    story: list = [
        Paragraph(escape(f"Dossier de {name}"), styles["Title"]),
        Paragraph(
            "Toutes les données que la structure détient sur vous (droit d'accès, RGPD art. 15).",
            styles["Subtitle"],
        ),
        Paragraph(escape(f"Numéro du dossier : {number}"), styles["Small"]),
    ]
    for heading, records in sections:
        story += [CondPageBreak(40), Paragraph(escape(heading), styles["Heading"])]
        if not records:
            story.append(Paragraph("Aucune donnée.", styles["Small"]))
        for record in records:
            data = [
                [Paragraph(escape(label), styles["CellBold"]), Paragraph(escape(text), cell)]
                for label, text in record
            ]
            story += [
                Table(data, colWidths=[55 * 2.83, None], style=theme.table_style(header_rows=0)),
                Spacer(1, 6),
            ]
    story += [CondPageBreak(40), Paragraph(escape(history_heading), styles["Heading"])]
    if not history:
        story.append(Paragraph("Aucune entrée.", styles["Small"]))
    for row in history:
        date_, who, _pc, action, table, *_rest, fields, detail = row
        line = f"{date_} · {who} · {action} · {table}" + (f" · {fields}" if fields else "")
        line += f" · {detail}" if detail else ""
        story.append(Paragraph(escape(line), styles["Small"]))
    return theme.build_document(path, story, title="Dossier personnel", subtitle=name)
