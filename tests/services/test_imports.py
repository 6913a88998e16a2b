"""Import service: whole-file validation, one transaction, upserts on natural keys, exports."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from essdesk.db import models as m
from essdesk.domain.nomenclatures import ROME_DOMAINS
from essdesk.errors import DataFileError, EssDeskError
from essdesk.services import exports
from essdesk.services.exports import ExportCancelled, export_table, export_to
from essdesk.services.imports import ImportCancelled, ImportRejected, import_file

DATA = Path(__file__).parent.parent / "data" / "imports"
SIRETS = ["41234567000126", "52345678800455", "63456789500079", "85678901100033"]


def count(db, model) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def employers(db) -> dict[str, m.Employer]:
    with db.session() as session:
        return {e.siret: e for e in session.scalars(select(m.Employer))}


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def employer_file(tmp_path: Path, **overrides) -> Path:
    header = "Raison sociale;N° SIRET;Forme juridique;CP;Ville;Tél.;E-mail"
    rows = [
        "Régie de quartier Teisseire;856 789 011 00033;Association loi 1901;38100;Grenoble;0476000002;regie@teisseire.example",
        "Coopérative L'Épicerie;52345678800455;SCIC SAS;38400;Saint-Martin-d'Hères;04.76.44.55.66;contact@epicerie.example",
    ]
    text = overrides.get("text") or "\r\n".join([header, *rows]) + "\r\n"
    return write(
        tmp_path / overrides.get("name", "employeurs.csv"), text, overrides.get("encoding", "utf-8")
    )


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_each_encoding_and_separator(db, tmp_path, encoding, delimiter):
    text = employer_file(tmp_path).read_text("utf-8").replace(";", delimiter)
    if delimiter == ",":  # a comma inside a cell must then be quoted, as Excel does
        text = text.replace("Régie de quartier", '"Régie, quartier"')
    path = employer_file(tmp_path, text=text, encoding=encoding, name="e.csv")
    result = import_file(db, "employers", path)
    assert (result.created, result.updated, result.rejected) == (2, 0, 0)
    stored = employers(db)["85678901100033"]
    assert stored.commune == "Grenoble"
    assert stored.phone == "+33476000002"  # E.164, shown as 04 76 00 00 02
    assert stored.legal_form == "association"
    assert employers(db)["52345678800455"].legal_form == "scic"
    assert employers(db)["52345678800455"].commune == "Saint-Martin-d'Hères"


@pytest.mark.parametrize(
    "header",
    [
        "Raison sociale;SIRET;Code postal;Commune",
        "RAISON SOCIALE ;N° Siret;CP;VILLE",
        "Nom;No SIRET;Code Postal;Localité",
        "Employeur;Numéro SIRET;code_postal;commune",
        "Company name;SIRET;Zip code;City",
    ],
)
def test_header_variants(db, tmp_path, header):
    path = write(tmp_path / "e.csv", f"{header}\nRégie;85678901100033;38100;Grenoble\n")
    assert import_file(db, "employers", path).created == 1
    assert employers(db)["85678901100033"].postcode == "38100"


def test_sample_employers_refused_whole_and_named(db):
    with pytest.raises(ImportRejected) as info:
        import_file(db, "employers", DATA / "employeurs_excel.csv")
    assert [(p.line, p.column, p.reason) for p in info.value.problems] == [
        (5, "SIRET", "SIRET invalide (clé de contrôle)")
    ]
    assert "rien n'a été enregistré" in info.value.message
    assert "ligne 5, colonne « SIRET »" in str(info.value)
    assert count(db, m.Employer) == 0


def test_skip_invalid_writes_valid_rows_and_a_report(db, tmp_path):
    source = shutil.copy(DATA / "employeurs_excel.csv", tmp_path / "employeurs.csv")
    result = import_file(db, "employers", source, skip_invalid=True)
    assert (result.created, result.rejected) == (4, 1)
    assert result.report_path == tmp_path / "employeurs-rejets.csv"
    report = result.report_path.read_bytes()
    assert report.startswith(b"\xef\xbb\xbf")
    lines = report[3:].decode("utf-8").split("\r\n")
    assert (
        lines[0]
        == "Ligne;Employeur;SIRET;Forme juridique;Code postal;Commune;Tél.;Courriel;Motifs du rejet"
    )
    assert lines[1].startswith("5;Fondation Élan Vert;74567890402308;")
    assert lines[1].endswith(";SIRET : SIRET invalide (clé de contrôle)")
    assert set(employers(db)) == {
        "41234567000126",
        "52345678800455",
        "63456789500079",
        "85678901100033",
    }


def test_report_path_can_be_chosen(db, tmp_path):
    target = tmp_path / "rapport" / "rejets.csv"
    target.parent.mkdir()
    result = import_file(
        db, "employers", DATA / "employeurs_excel.csv", skip_invalid=True, reject_report=target
    )
    assert result.report_path == target and target.exists()


def test_reimport_creates_no_duplicates(db, tmp_path):
    path = employer_file(tmp_path)
    import_file(db, "employers", path)
    again = import_file(db, "employers", path)
    assert (again.created, again.updated, again.skipped) == (0, 0, 2)
    assert count(db, m.Employer) == 2


def test_changed_values_update_and_empty_cells_do_not_erase(db, tmp_path):
    import_file(db, "employers", employer_file(tmp_path))
    before = employers(db)["85678901100033"]
    text = (
        "SIRET;Raison sociale;Téléphone;Courriel\n85678901100033;Régie Teisseire;04 76 99 99 99;\n"
    )
    result = import_file(db, "employers", write(tmp_path / "maj.csv", text))
    assert (result.created, result.updated, result.skipped) == (0, 1, 0)
    after = employers(db)["85678901100033"]
    assert (after.name, after.phone) == ("Régie Teisseire", "+33476999999")
    assert after.email == "regie@teisseire.example"  # empty cell: kept
    assert after.version == before.version + 1
    assert after.id == before.id


def test_dry_run_writes_nothing_and_previews(db, tmp_path):
    import_file(db, "employers", employer_file(tmp_path))
    text = "SIRET;Raison sociale\n85678901100033;Nouveau nom\n41234567000126;Sport pour Tous\n52345678800455;Coopérative L'Épicerie\n74567890402308;Mauvais\n"
    result = import_file(db, "employers", write(tmp_path / "p.csv", text), dry_run=True)
    assert (result.created, result.updated, result.skipped, result.rejected) == (1, 1, 1, 1)
    assert result.dry_run and result.report_path is None
    assert "créations prévues : 1" in result.summary()
    assert employers(db)["85678901100033"].name == "Régie de quartier Teisseire"
    assert count(db, m.Employer) == 2


def test_youths_sample_and_reimport_with_other_spellings(db, tmp_path):
    result = import_file(db, "youths", DATA / "jeunes_excel.csv")
    assert result.created == 4
    with db.session() as session:
        thao = session.scalars(select(m.Youth).where(m.Youth.first_name == "Thảo")).one()
        mael = session.scalars(select(m.Youth).where(m.Youth.first_name == "Maël")).one()
    assert thao.birth_date == dt.date(2004, 2, 29)
    assert (thao.qualification_level_old, thao.qualification_level_new) == ("Vbis", 2)
    assert (thao.rqth, thao.diploma_obtained, thao.qpv) == (True, False, False)
    assert mael.birth_date == dt.date(2002, 7, 15)  # ISO date accepted, never swapped
    text = "NOM;prenom;Né(e) le\nNGUYEN;THAO;2004-02-29\nMARTIN;Lena;14/03/2003\n"
    again = import_file(db, "youths", write(tmp_path / "j.csv", text))
    assert again.created == 0 and count(db, m.Youth) == 4


def test_youths_from_xlsx(db, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Nom", "Prénom", "Date de naissance", "Code postal", "RQTH", "Niveau"])
    sheet.append(["Martin", "Léna", dt.datetime(2003, 3, 14), 1000, "X", "IV"])
    sheet.append([None, None, None, None, None, None])
    sheet.append(["Bouzid", "Ryan", "31/02/2001", 38130, "Non", "3"])
    path = tmp_path / "jeunes.xlsx"
    workbook.save(path)
    with pytest.raises(ImportRejected) as info:
        import_file(db, "youths", path)
    assert [(p.line, p.column) for p in info.value.problems] == [(4, "Date de naissance")]
    result = import_file(db, "youths", path, skip_invalid=True)
    assert result.created == 1
    with db.session() as session:
        lena = session.scalars(select(m.Youth)).one()
    assert (lena.postcode, lena.rqth, lena.qualification_level_new) == ("01000", True, 4)


def offers_file(tmp_path: Path) -> Path:
    text = (
        "SIRET;Employeur;Intitulé du poste;Type de contrat;Durée hebdomadaire;Lieu de travail;Date de publication;Code ROME\n"
        "85678901100033;;Agent d'entretien;PEC;26;Grenoble;05/01/2024;K2204\n"
        ";Coopérative L'Épicerie;Vendeur;CDD 6 mois;24h30;Saint-Martin-d'Hères;06/01/2024;D1106\n"
        "41234567000126;;Animateur;CDI;35;Mens;07/01/2024;G1203\n"
        ";Structure inconnue;Cuisinier;CDI;35;Mens;07/01/2024;G1602\n"
    )
    return write(tmp_path / "offres.csv", text)


def test_offers_resolve_employers_and_reimport(db, tmp_path):
    import_file(db, "employers", employer_file(tmp_path))
    with pytest.raises(ImportRejected) as info:
        import_file(db, "offers", offers_file(tmp_path))
    assert [(p.line, p.reason[:17]) for p in info.value.problems] == [
        (4, "employeur inconnu"),
        (5, "employeur « Struc"),
    ]
    assert count(db, m.Offer) == 0
    result = import_file(db, "offers", offers_file(tmp_path), skip_invalid=True)
    assert (result.created, result.rejected) == (2, 2)
    with db.session() as session:
        vendeur = session.scalars(select(m.Offer).where(m.Offer.title == "Vendeur")).one()
    assert vendeur.contract_type == "CDD"
    assert vendeur.weekly_hours == Decimal("24.5")
    assert vendeur.publication_date == dt.date(2024, 1, 6)
    assert vendeur.place == "Saint-Martin-d'Hères"
    again = import_file(db, "offers", offers_file(tmp_path), skip_invalid=True)
    assert (again.created, again.skipped) == (0, 2)
    assert count(db, m.Offer) == 2


def test_offer_employer_name_must_be_unambiguous(db, tmp_path):
    text = "Raison sociale;SIRET\nRégie;85678901100033\nRÉGIE;52345678800455\n"
    import_file(db, "employers", write(tmp_path / "e.csv", text))
    offers = write(tmp_path / "o.csv", "Employeur;Intitulé\nrégie;Agent\n")
    with pytest.raises(ImportRejected) as info:
        import_file(db, "offers", offers)
    assert "indiquez le SIRET" in info.value.problems[0].reason


def test_contacts_and_rome(db, tmp_path):
    import_file(db, "employers", employer_file(tmp_path))
    contacts = write(
        tmp_path / "c.csv",
        "SIRET;Nom;Prénom;Fonction;Tuteur\n85678901100033;Durand;Anne;Directrice;Oui\n85678901100033;DURAND;anne;;\n",
    )
    with pytest.raises(ImportRejected, match="1 ligne"):
        import_file(db, "contacts", contacts)  # same person twice in the file
    contacts.write_text(
        "SIRET;Nom;Prénom;Fonction;Tuteur\n85678901100033;Durand;Anne;Directrice;Oui\n"
    )
    assert import_file(db, "contacts", contacts).created == 1
    assert import_file(db, "contacts", contacts).skipped == 1
    with db.session() as session:
        anne = session.scalars(select(m.Contact)).one()
    assert (anne.role, anne.is_tutor) == ("Directrice", True)
    rome = write(
        tmp_path / "r.csv",
        "Code ROME;Libellé\nK;Services à la personne\nK12;Action sociale\nk1207;Intervention socioéducative\n",
    )
    # « K » is one of the 14 domains every base starts with: the file renames it.
    first = import_file(db, "rome", rome)
    assert (first.created, first.updated) == (2, 1)
    rome.write_text("Code ROME;Libellé\nK1207;Intervention socio-éducative\n")
    assert import_file(db, "rome", rome).updated == 1
    assert count(db, m.RomeCode) == len(ROME_DOMAINS) + 2


def test_mapping_and_unknown_columns(db, tmp_path):
    text = "Structure;Identifiant;Couleur;Nom\nRégie;85678901100033;bleu;Durand\n"
    path = write(tmp_path / "e.csv", text)
    result = import_file(
        db, "employers", path, mapping=["Structure=name", "Identifiant=siret", "Nom="]
    )
    assert result.created == 1
    assert result.unknown_columns == ["Couleur"]
    assert "Couleur" in result.summary()
    assert employers(db)["85678901100033"].name == "Régie"


def test_missing_required_column(db, tmp_path):
    with pytest.raises(DataFileError, match="SIRET"):
        import_file(
            db, "employers", write(tmp_path / "e.csv", "Raison sociale;Ville\nRégie;Mens\n")
        )


def test_many_problems_are_counted_beyond_twenty(db, tmp_path):
    lines = "".join(f"Régie {i};1234\n" for i in range(30))
    with pytest.raises(ImportRejected) as info:
        import_file(db, "employers", write(tmp_path / "e.csv", "Raison sociale;SIRET\n" + lines))
    assert len(info.value.problems) == 30
    assert info.value.detail.count("\n") == 20
    assert info.value.detail.endswith("… et 10 autres problèmes.")


def big_employer_file(path: Path, rows: int) -> Path:
    from stdnum import luhn

    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("Raison sociale;SIRET;Commune\r\n")
        for i in range(rows):
            siren = f"{10_000_000 + i:08d}"
            siren += luhn.calc_check_digit(siren)
            base = siren + "0001"
            f.write(f"Structure {i};{base}{luhn.calc_check_digit(base)};Grenoble\r\n")
    return path


def test_progress_then_cancel_rolls_back(db, tmp_path):
    path = big_employer_file(tmp_path / "gros.csv", 5000)
    calls: list[tuple[int, int]] = []
    result = import_file(
        db, "employers", path, dry_run=True, progress=lambda d, t: calls.append((d, t))
    )
    assert result.created == 5000 and calls[:2] == [(1000, 0), (2000, 0)]
    writes: list[tuple[int, int]] = []

    def cancel_when_writing() -> bool:
        return any(done > 0 for done, total in writes if total)

    with pytest.raises(ImportCancelled, match="rien n'a été enregistré"):
        import_file(
            db,
            "employers",
            path,
            progress=lambda d, t: writes.append((d, t)),
            cancelled=cancel_when_writing,
        )
    assert (2000, 5000) in writes  # at least one batch was inserted before the cancel
    assert count(db, m.Employer) == 0


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_exports_reimport_unchanged(db, tmp_path, suffix):
    import_file(db, "employers", employer_file(tmp_path))
    import_file(db, "youths", DATA / "jeunes_excel.csv")
    import_file(db, "offers", offers_file(tmp_path), skip_invalid=True)
    for entity, expected in (("employers", 2), ("youths", 4), ("offers", 2)):
        out = tmp_path / f"{entity}{suffix}"
        assert export_table(db, entity, out) == expected
        result = import_file(db, entity, out, dry_run=True)
        assert (result.created, result.updated, result.skipped, result.problems) == (
            0,
            0,
            expected,
            [],
        )
        # Every exported column is read back: none is left over as unknown.
        assert result.unknown_columns == []


def test_offer_status_survives_an_export(db, tmp_path):
    import_file(db, "employers", employer_file(tmp_path))
    import_file(db, "offers", offers_file(tmp_path), skip_invalid=True)
    with db.transaction() as session:
        session.execute(m.Offer.__table__.update().values(status="filled"))
    out = tmp_path / "offres.csv"
    export_table(db, "offers", out)
    assert "Statut de l'offre" in out.read_text("utf-8-sig").splitlines()[0]
    with db.transaction() as session:
        session.execute(m.Offer.__table__.update().values(status="open"))
    result = import_file(db, "offers", out)
    assert (result.updated, result.unknown_columns) == (2, [])
    with db.session() as session:
        assert {o.status for o in session.query(m.Offer)} == {"filled"}


def test_accented_addresses_import_whole(db, tmp_path):
    text = (
        "Nom;Prénom;Date de naissance;Courriel;Téléphone\n"
        "Dupont;Inès;12/05/2004;inès.dupont@exemple.fr;06 12 34 56 78\n"
        "Martin;Noé;03/09/2003;noé.martin@exemple.fr;0476112233\n"
    )
    result = import_file(db, "youths", write(tmp_path / "jeunes.csv", text))
    assert (result.created, result.rejected) == (2, 0)
    with db.session() as session:
        stored = {y.first_name: (y.email, y.phone) for y in session.query(m.Youth)}
    assert stored == {
        "Inès": ("inès.dupont@exemple.fr", "+33612345678"),
        "Noé": ("noé.martin@exemple.fr", "+33476112233"),
    }


def test_export_placements_with_demo_data(db, tmp_path):
    from essdesk.services.demo.dataset import fill_demo_data

    fill_demo_data(db, youths=40, seed=7)
    out = tmp_path / "placements.csv"
    written = export_table(db, "placements", out)
    assert written == count(db, m.Placement) > 0
    header = out.read_text("utf-8-sig").split("\r\n")[0].split(";")
    assert header[:3] == ["Nom", "Prénom", "Date de naissance"] and "Dispositif" in header


@pytest.mark.postgres
def test_import_on_postgresql(pg_url, tmp_path):
    from essdesk.db.database import open_database

    database = open_database(pg_url)
    try:
        path = employer_file(tmp_path)
        assert import_file(database, "employers", path).created == 2
        assert import_file(database, "employers", path).skipped == 2
        assert import_file(database, "youths", DATA / "jeunes_excel.csv").created == 4
    finally:
        database.close()


def test_import_takes_a_backup_first(db, tmp_path):
    path = tmp_path / "employeurs.csv"
    path.write_text("Raison sociale;SIRET\nRégie de quartier;41234567000126\n", encoding="utf-8")
    before = {b.path for b in db.backups.list()}
    import_file(db, "employers", path)
    new = [b for b in db.backups.list() if b.path not in before]
    assert [b.reason for b in new] == ["avant-import"]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_formula_like_text_and_international_phones_reimport_unchanged(db, tmp_path, suffix):
    # As typed in the app: the export protects them with an apostrophe, the import removes it.
    with db.transaction() as session:
        session.add_all(
            [
                m.Employer(name="=Régie Nord", siret=SIRETS[0], phone="+33 1 49 42 65 11"),
                m.Employer(name="@Coop", siret=SIRETS[1], phone="+41 22 123 45 67"),
                m.Youth(
                    last_name="-Martin",
                    first_name="+Léa",
                    birth_date=dt.date(2004, 5, 6),
                    phone="+33 4 76 11 22 33",
                ),
            ]
        )
    for entity, expected in (("employers", 2), ("youths", 1)):
        out = tmp_path / f"{entity}{suffix}"
        assert export_table(db, entity, out) == expected
        result = import_file(db, entity, out)
        assert (result.rejected, result.created, result.updated, result.skipped) == (
            0,
            0,
            0,
            expected,
        ), result.problems
        assert f"déjà à jour : {expected}" in result.summary()
    assert sorted(e.name for e in employers(db).values()) == ["=Régie Nord", "@Coop"]
    with db.session() as session:
        youth = session.scalars(select(m.Youth)).one()
    assert (youth.last_name, youth.first_name, youth.phone) == (
        "-Martin",
        "+Léa",
        "+33 4 76 11 22 33",
    )


def test_summary_capitalises_only_the_first_letter(db, tmp_path):
    rome = write(tmp_path / "r.csv", "Code ROME;Libellé\nK1207;Intervention socio-éducative\n")
    assert import_file(db, "rome", rome).summary().startswith("Codes ROME — créations : 1 ;")


def interrupted_writes(monkeypatch, failure: BaseException, after: int = 1) -> None:
    """Make every export fail after `after` rows were written to its file."""
    real = exports.write_table

    def write(path, headers, rows):
        def cut():
            for number, row in enumerate(rows):
                if number == after:
                    raise failure
                yield row

        return real(path, headers, cut())

    monkeypatch.setattr(exports, "write_table", write)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize(
    "failure",
    [DataFileError("écriture impossible (disque plein)"), KeyboardInterrupt()],
    ids=["erreur", "ctrl-c"],
)
def test_failed_export_keeps_the_previous_file(db, tmp_path, monkeypatch, suffix, failure):
    import_file(db, "employers", employer_file(tmp_path))
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / f"employeurs{suffix}"
    target.write_bytes(b"export de la semaine derniere")
    interrupted_writes(monkeypatch, failure)
    with pytest.raises(type(failure)):
        export_to(db, "employers", target)
    assert target.read_bytes() == b"export de la semaine derniere"
    assert list(folder.iterdir()) == [target]  # no side file left behind


def test_cancelled_export_keeps_the_previous_file(db, tmp_path):
    import_file(db, "employers", big_employer_file(tmp_path / "gros.csv", 1500))
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "employeurs.csv"
    target.write_text("export de la semaine dernière", encoding="utf-8")
    ticks: list[int] = []
    with pytest.raises(ExportCancelled, match="Export annulé"):
        export_to(db, "employers", target, progress=ticks.append, cancelled=lambda: True)
    assert ticks == []
    assert target.read_text(encoding="utf-8") == "export de la semaine dernière"
    assert list(folder.iterdir()) == [target]


def test_export_replaces_the_previous_file_whole(db, tmp_path):
    import_file(db, "employers", big_employer_file(tmp_path / "gros.csv", 1500))
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "employeurs.csv"
    target.write_text("ancien", encoding="utf-8")
    ticks: list[int] = []
    assert export_to(db, "employers", target, progress=ticks.append) == 1500
    assert ticks == [1000]
    assert target.read_bytes().count(b"\r\n") == 1501
    assert list(folder.iterdir()) == [target]


def test_target_open_in_excel_is_said_in_french(db, tmp_path, monkeypatch):
    import_file(db, "employers", employer_file(tmp_path))
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "employeurs.xlsx"
    target.write_bytes(b"ouvert dans Excel")

    def locked(source, destination):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(exports.os, "replace", locked)
    with pytest.raises(EssDeskError, match="est-il ouvert dans Excel"):
        export_to(db, "employers", target)
    assert target.read_bytes() == b"ouvert dans Excel"
    assert list(folder.iterdir()) == [target]


def test_export_errors_name_the_file_asked_for(db, tmp_path):
    with pytest.raises(DataFileError) as info:
        export_to(db, "employers", tmp_path / "absent" / "employeurs.csv")
    assert info.value.file == str(tmp_path / "absent" / "employeurs.csv")
    assert "en-cours" not in info.value.message


def test_a_rejection_quotes_huge_cells_briefly(db, tmp_path):
    path = write(tmp_path / "e.csv", f"Raison sociale;SIRET\nRégie;{'9' * 9000}\n")
    with pytest.raises(ImportRejected) as refused:
        import_file(db, "employers", path)
    assert len(refused.value.detail) <= 300
    assert "ligne 2" in refused.value.detail
