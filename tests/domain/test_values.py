"""Tests of the cell parsers on the spellings found in agencies' spreadsheets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from essdesk.domain import values as v
from essdesk.domain.values import ContractType, Qualification, ValueProblem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14/03/2003", dt.date(2003, 3, 14)),
        ("29/02/2004", dt.date(2004, 2, 29)),
        ("2/11/2001", dt.date(2001, 11, 2)),
        ("02.11.2001", dt.date(2001, 11, 2)),
        ("02-11-2001", dt.date(2001, 11, 2)),
        (" 02/11/2001 ", dt.date(2001, 11, 2)),
        ("2002-07-15", dt.date(2002, 7, 15)),  # unambiguous ISO: accepted
        ("2002-07-15T00:00:00", dt.date(2002, 7, 15)),
        ("05/01/2024 14:30", dt.date(2024, 1, 5)),
    ],
)
def test_dates_accepted(text, expected):
    assert v.parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31/02/2004", "inexistante"),
        ("29/02/2003", "inexistante"),
        ("12/31/2003", "mois 31"),  # month first: never swapped
        ("02/11/01", "4 chiffres"),
        ("2002-15-07", "mois 15"),
        ("15 juillet 2002", "illisible"),
        ("01/01/1850", "hors limites"),
        ("45296", "illisible"),
    ],
)
def test_dates_refused(text, reason):
    with pytest.raises(ValueProblem, match=reason):
        v.parse_date(text)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_date_round_trip_day_first(date):
    assert v.parse_date(date.strftime("%d/%m/%Y")) == date
    assert v.parse_date(date.isoformat()) == date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,5", Decimal("12.5")),
        ("1 234,56", Decimal("1234.56")),
        ("1\u202f234,56", Decimal("1234.56")),
        ("1\u00a0800 €", Decimal("1800")),
        ("1.234,56", Decimal("1234.56")),
        ("1,234.56", Decimal("1234.56")),
        ("17.5", Decimal("17.5")),
        ("-3", Decimal("-3")),
        (",5", Decimal("0.5")),
    ],
)
def test_decimals(text, expected):
    assert v.parse_decimal(text) == expected


@pytest.mark.parametrize("text", ["abc", "1,2,3", "12-5", "--1", "1e5"])
def test_decimals_refused(text):
    with pytest.raises(ValueProblem, match="illisible"):
        v.parse_decimal(text)


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False))
def test_decimal_comma_round_trip(number):
    assert v.parse_decimal(str(number).replace(".", ",")) == number


def test_integers():
    assert v.parse_integer("3") == 3
    assert v.parse_integer("3,0") == 3
    with pytest.raises(ValueProblem, match="entier"):
        v.parse_integer("3,5")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("35", "35"),
        ("17,5", "17.5"),
        ("35h", "35"),
        ("35 H", "35"),
        ("24h30", "24.5"),
        ("35h00", "35"),
    ],
)
def test_hours(text, expected):
    assert v.parse_hours(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["0", "60", "beaucoup"])
def test_hours_refused(text):
    with pytest.raises(ValueProblem):
        v.parse_hours(text)


@pytest.mark.parametrize("text", ["Oui", "oui", "O", "Vrai", "1", "X", "x", "yes", "TRUE", " Oui "])
def test_boolean_true(text):
    assert v.parse_boolean(text) is True


@pytest.mark.parametrize("text", ["Non", "N", "Faux", "0", "no", "FALSE"])
def test_boolean_false(text):
    assert v.parse_boolean(text) is False


def test_boolean_refused():
    with pytest.raises(ValueProblem, match="oui/non"):
        v.parse_boolean("peut-être")


@pytest.mark.parametrize(
    "text",
    [
        "41234567000126",
        "412 345 670 00126",
        "412.345.670.00126",
        "41234567000126 ",
        "412\u00a0345\u00a0670\u00a000126",
    ],
)
def test_siret_accepted(text):
    assert v.parse_siret(text) == "41234567000126"


def test_siret_la_poste_rule():
    assert v.parse_siret("35600000000048") == "35600000000048"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("74567890402308", r"SIRET invalide \(clé de contrôle\)"),
        ("4123456700012", "14 chiffres attendus"),
        ("41234567000A26", "que des chiffres"),
        ("4,12346E+13", "notation scientifique"),
    ],
)
def test_siret_refused(text, reason):
    with pytest.raises(ValueProblem, match=reason):
        v.parse_siret(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("38000", "38000"),
        ("38 000", "38000"),
        ("1000", "01000"),
        ("2A004", "2A004"),
        ("2b200", "2B200"),
    ],
)
def test_postcodes(text, expected):
    assert v.parse_postcode(text) == expected


@pytest.mark.parametrize("text", ["380", "380000", "ABCDE", "2C000"])
def test_postcodes_refused(text):
    with pytest.raises(ValueProblem, match="code postal"):
        v.parse_postcode(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("04 76 11 22 33", "+33476112233"),
        ("0476112233", "+33476112233"),
        ("04.76.11.22.33", "+33476112233"),
        ("04-76-11-22-33", "+33476112233"),
        ("+33 4 76 11 22 33", "+33476112233"),
        ("+33 (0)4 76 11 22 33", "+33476112233"),
        ("0033476112233", "+33476112233"),
        ("476112233", "+33476112233"),
        ("06 12 34 56 78", "+33612345678"),
        ("+262 262 12 34 56", "+262262123456"),
        ("0262 12 34 56", "+262262123456"),
        ("+41 22 123 45 67", "+41221234567"),
    ],
)
def test_phones(text, expected):
    assert v.parse_phone(text) == expected


@pytest.mark.parametrize("text", ["04 76 11 22", "00 00 00 00 00", "téléphone", "+1"])
def test_phones_refused(text):
    with pytest.raises(ValueProblem, match="téléphone"):
        v.parse_phone(text)


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+33476112233", "04 76 11 22 33"),
        ("+262262123456", "+262 262 12 34 56"),
        ("+41221234567", "+41 22 123 45 67"),
        ("04 76 11 22 33", "04 76 11 22 33"),  # stored before numbers were E.164
        (None, ""),
    ],
)
def test_phones_shown(stored, shown):
    assert v.format_phone(stored) == shown


def test_phones_round_trip():
    for text in ("04 76 11 22 33", "+41 22 123 45 67"):
        assert v.parse_phone(v.format_phone(v.parse_phone(text))) == v.parse_phone(text)


def test_emails():
    assert v.parse_email("Lena.M@Example.FR") == "Lena.M@example.fr"
    # Internationalised addresses, as agencies' files hold them, are valid.
    assert v.parse_email("inès.dupont@exemple.fr") == "inès.dupont@exemple.fr"
    assert v.parse_email("noé.martin@Exemple.fr") == "noé.martin@exemple.fr"
    assert v.parse_email("mailto:rh@mutuelle.example") == "rh@mutuelle.example"
    for bad in ("lena.m@", "lena m@example.fr", "lena@example", "a..b@example.fr"):
        with pytest.raises(ValueProblem, match="adresse électronique"):
            v.parse_email(bad)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("VI", Qualification("VI", 1)),
        ("V bis", Qualification("Vbis", 2)),
        ("Vbis", Qualification("Vbis", 2)),
        ("V", Qualification("V", 3)),
        ("Niveau IV", Qualification("IV", 4)),
        ("niv. III", Qualification("III", 5)),
        ("II", Qualification("II", 6)),
        ("I", Qualification("I", 7)),
        ("3", Qualification("V", 3)),
        ("Niveau 8", Qualification("I", 8)),
        ("1", Qualification("VI", 1)),
    ],
)
def test_qualification_levels(text, expected):
    assert v.parse_qualification(text) == expected


def test_qualification_refused_and_label():
    with pytest.raises(ValueProblem, match="niveau de formation"):
        v.parse_qualification("9")
    assert Qualification("V", 3).label == "niveau 3 (ancien niveau V)"


def test_rome_codes():
    assert v.parse_rome("k1207") == "K1207"
    assert v.parse_rome("K 1207") == "K1207"
    for bad in ("K120", "Z1207", "1207K"):
        with pytest.raises(ValueProblem, match="code ROME"):
            v.parse_rome(bad)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CDI", ContractType.CDI),
        ("cdi temps partiel", ContractType.CDI),
        ("Contrat à durée indéterminée", ContractType.CDI),
        ("CDD 6 mois", ContractType.CDD),
        ("CDDI", ContractType.IAE),
        ("intérim", ContractType.INTERIM),
        ("Contrat d'apprentissage (2 ans)", ContractType.APPRENTICESHIP),
        ("Contrat pro", ContractType.PROFESSIONALISATION),
        ("Contrat de professionnalisation", ContractType.PROFESSIONALISATION),
        ("CUI-CAE", ContractType.CUI_CAE),
        ("cui cie", ContractType.CUI_CIE),
        ("Emploi d'avenir", ContractType.EMPLOI_AVENIR),
        ("CUI-CAE Emploi d'avenir", ContractType.EMPLOI_AVENIR),
        ("EAV", ContractType.EMPLOI_AVENIR),
        ("PEC", ContractType.PEC),
        ("Parcours Emploi Compétences", ContractType.PEC),
        ("Service civique", ContractType.CIVIC_SERVICE),
        ("PMSMP", ContractType.INTERNSHIP),
        ("Stage", ContractType.INTERNSHIP),
        ("IAE", ContractType.IAE),
    ],
)
def test_contract_types(text, expected):
    assert v.parse_contract_type(text) == expected


def test_contract_type_refused_on_partial_words():
    for bad in ("Pêcheur", "Bénévolat", "CD"):
        with pytest.raises(ValueProblem, match="type de contrat"):
            v.parse_contract_type(bad)


def test_text_is_collapsed_and_bounded():
    assert v.parse_text("  Régie   de\nquartier ") == "Régie de quartier"
    with pytest.raises(ValueProblem, match="trop long"):
        v.parse_text("x" * 11, max_length=10)
    assert v.parse_long_text(" a\nb ") == "a\nb"


def test_fold_and_squash():
    assert v.fold("Élan VERT") == "elan vert"
    assert v.squash("Contrat d'Apprentissage") == "contratdapprentissage"


def test_contract_types_are_the_domain_codes():
    from essdesk.domain.nomenclatures import CONTRACT_TYPES

    assert {kind.value for kind in ContractType} == set(CONTRACT_TYPES)
    assert v.CONTRACT_LABELS[ContractType.PEC] == CONTRACT_TYPES["PEC"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Association loi 1901", "association"),
        ("association", "association"),
        ("SCOP SARL", "scop"),
        ("SCIC SAS", "scic"),
        ("Mutuelle", "mutuelle"),
        ("Fondation", "fondation"),
        ("Entreprise agréée ESUS", "esus"),
        ("Structure d'insertion (SIAE)", "insertion"),
        ("Atelier chantier d'insertion", "insertion"),
        ("GEIQ", "geiq"),
        ("SARL", "entreprise"),
        ("Communauté de communes", "collectivite"),
        ("CCAS", "public"),
    ],
)
def test_legal_forms(text, expected):
    assert v.parse_legal_form(text) == expected


def test_legal_form_refused():
    with pytest.raises(ValueProblem, match="forme juridique"):
        v.parse_legal_form("Club de pétanque")


def test_naf_and_gender():
    assert v.parse_naf("88.99B") == "8899B"
    assert v.parse_naf("8810a") == "8810A"
    with pytest.raises(ValueProblem, match="NAF"):
        v.parse_naf("889")
    assert [v.parse_gender(t) for t in ("F", "Mme", "Femme", "H", "M.", "Monsieur")] == list(
        "FFFMMM"
    )
    with pytest.raises(ValueProblem, match="sexe"):
        v.parse_gender("?")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("01/2013", dt.date(2013, 1, 1)), ("1/2013", dt.date(2013, 1, 1)), (" 12-2015 ", dt.date(2015, 12, 1)),
     ("07.2012", dt.date(2012, 7, 1))],
)  # fmt: skip
def test_a_month_is_read_as_its_first_day(text, expected):
    assert v.parse_month(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [("13/2014", "mois 13 impossible"), ("00/2014", "mois 0 impossible"),
     ("2014-01", "illisible"), ("01/14", "illisible"), ("", "illisible"),
     ("01/1850", "hors limites")],
)  # fmt: skip
def test_a_month_not_read_says_why(text, reason):
    with pytest.raises(v.ValueProblem, match=reason):
        v.parse_month(text)
