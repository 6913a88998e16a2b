"""Parsing of field values as French agencies write them: dates, numbers, SIRET, phones, e-mails, codes."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.fr import siret as stdnum_siret

from essdesk.domain.contact_values import format_phone, parse_email, parse_phone  # noqa: F401
from essdesk.domain.nomenclatures import CONTRACT_TYPES, LEGAL_FORMS, OLD_TO_NEW_LEVEL
from essdesk.domain.text import fold, squash  # noqa: F401 - part of this module's API
from essdesk.domain.value_problem import ValueProblem

_SPACES = re.compile(r"\s+")


# Control characters (NUL included) are never typed: they come from a damaged or hostile file,
# PostgreSQL refuses NUL outright and SQLite would store them. Tab and line breaks are layout.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _refuse_control(text: str) -> None:
    found = _CONTROL.search(text)
    if found:
        code = ord(found.group())
        name = "nul (NUL)" if code == 0 else f"de contrôle (U+{code:04X})"
        raise ValueProblem(f"caractère {name} interdit dans un texte")


def parse_text(text: str, *, max_length: int = 255) -> str:
    """Collapse inner runs of spaces (line breaks in a cell included) and bound the length."""
    _refuse_control(text)
    value = _SPACES.sub(" ", text).strip()
    if len(value) > max_length:
        raise ValueProblem(f"texte trop long ({len(value)} caractères, {max_length} au plus)")
    return value


def parse_long_text(text: str) -> str:
    """Free text (descriptions, notes): line breaks are kept."""
    _refuse_control(text)
    return text.strip()


# Dates. French files are day first. ISO (yyyy-mm-dd) is accepted because a four-digit
# year first cannot be misread; two-digit years and month-first guesses are refused.
_DAY_FIRST = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
MIN_YEAR, MAX_YEAR = 1900, 2100


def parse_date(text: str) -> dt.date:
    """dd/mm/yyyy (also with `.` or `-`), or ISO yyyy-mm-dd; a time part is ignored."""
    value = text.strip()
    if match := _ISO.fullmatch(value):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DAY_FIRST.fullmatch(value):
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) != 4:
            raise ValueProblem(f"date « {value} » : l'année doit avoir 4 chiffres (jj/mm/aaaa)")
    else:
        raise ValueProblem(f"date « {value} » illisible (format attendu : jj/mm/aaaa)")
    if not 1 <= month <= 12:
        # Typically a month-first date (12/31/2003): never swap silently.
        raise ValueProblem(f"date « {value} » : mois {month} impossible (format jj/mm/aaaa)")
    try:
        date = dt.date(year, month, day)
    except ValueError:
        raise ValueProblem(f"date « {value} » inexistante") from None
    if not MIN_YEAR <= date.year <= MAX_YEAR:
        raise ValueProblem(f"date « {value} » hors limites ({MIN_YEAR}–{MAX_YEAR})")
    return date


_MONTH = re.compile(r"(\d{1,2})[/.-](\d{4})")


def parse_month(text: str) -> dt.date:
    """mm/aaaa (also with `.` or `-`): the first day of that month."""
    value = text.strip()
    match = _MONTH.fullmatch(value)
    if not match:
        raise ValueProblem(
            f"mois « {value} » illisible (format attendu : mm/aaaa, par ex. 01/2013)"
        )
    month, year = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise ValueProblem(f"mois « {value} » : mois {month} impossible (format mm/aaaa)")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueProblem(f"mois « {value} » hors limites ({MIN_YEAR}–{MAX_YEAR})")
    return dt.date(year, month, 1)


_NUMBER_NOISE = str.maketrans("", "", " \u00a0\u202f\u2009€'")


def parse_decimal(text: str) -> Decimal:
    """1 234,56 / 1234.56 / 1.234,56 / 12,5 € → Decimal. Both separators: the last is decimal."""
    value = text.strip().translate(_NUMBER_NOISE)
    if "," in value and "." in value:
        if value.rindex(",") > value.rindex("."):
            value = value.replace(".", "").replace(",", ".")
        else:
            value = value.replace(",", "")
    else:
        value = value.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", value):
        raise ValueProblem(f"nombre « {text.strip()} » illisible")
    try:
        return Decimal(value)
    except InvalidOperation:
        raise ValueProblem(f"nombre « {text.strip()} » illisible") from None


def parse_integer(text: str) -> int:
    number = parse_decimal(text)
    if number != number.to_integral_value():
        raise ValueProblem(f"nombre entier attendu (« {text.strip()} »)")
    return int(number)


_HOURS = re.compile(r"(\d{1,2})\s*h\s*(\d{2})?(?:\s*min)?", re.IGNORECASE)


def parse_hours(text: str) -> Decimal:
    """Weekly hours: 35 / 17,5 / 35h / 24h30 (→ 24.5); between 0 and 48 (legal maximum)."""
    value = text.strip()
    if match := _HOURS.fullmatch(value):
        hours = Decimal(match.group(1)) + Decimal(int(match.group(2) or 0)) / 60
        hours = hours.quantize(Decimal("0.01")).normalize()
    else:
        try:
            hours = parse_decimal(value)
        except ValueProblem:
            raise ValueProblem(
                f"durée « {value} » illisible (exemples : 35 ; 17,5 ; 24h30)"
            ) from None
    if not 0 < hours <= 48:
        raise ValueProblem(f"durée hebdomadaire de {value} impossible (entre 0 et 48 heures)")
    return hours


_TRUE = frozenset({"oui", "o", "vrai", "v", "1", "x", "yes", "y", "true", "t"})
_FALSE = frozenset({"non", "n", "faux", "f", "0", "no", "false"})


def parse_boolean(text: str) -> bool:
    key = squash(text)
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ValueProblem(
        f"« {text.strip()} » n'est pas un oui/non (Oui, Non, O, N, Vrai, Faux, 1, 0, X)"
    )


def parse_siret(text: str) -> str:
    """14 digits with a valid check digit; spaces, dots and no-break spaces are tolerated."""
    value = text.strip()
    if re.search(r"\d[.,]\d+E\+?\d+$", value, re.IGNORECASE):
        raise ValueProblem(
            "SIRET abîmé par Excel (notation scientifique) : mettez la colonne au format texte"
        )
    compact = re.sub(r"[\s.\u00a0\u202f-]", "", value)
    if compact.isdigit() and not compact[:9].strip("0"):
        # Zeros pass the Luhn key, and SIREN 000 000 000 is no company: a placeholder typed to
        # get past a required column.
        raise ValueProblem(f"SIRET « {value} » invalide : aucune entreprise n'a ce numéro")
    try:
        return stdnum_siret.validate(compact)
    # InvalidLength is a subclass of InvalidFormat in stdnum: it must come first.
    except InvalidLength:
        raise ValueProblem(
            f"SIRET « {value} » invalide : 14 chiffres attendus ({len(compact)} trouvés)"
        ) from None
    except InvalidFormat:
        raise ValueProblem(
            f"SIRET « {value} » invalide : il ne doit contenir que des chiffres"
        ) from None
    except InvalidChecksum:
        raise ValueProblem("SIRET invalide (clé de contrôle)") from None


def parse_postcode(text: str) -> str:
    """5 digits (2A/2B accepted for Corsica); 4 digits get back the leading 0 Excel removed."""
    value = re.sub(r"[\s\u00a0]", "", text).upper()
    if re.fullmatch(r"\d{4}", value):
        value = "0" + value
    if re.fullmatch(r"\d{5}|2[AB]\d{3}", value):
        return value
    raise ValueProblem(f"code postal « {text.strip()} » invalide (5 chiffres attendus)")


@dataclass(frozen=True, slots=True)
class Qualification:
    """A qualification level in both nomenclatures: old (1969) and new (2019)."""

    old: str  # "VI", "Vbis", "V", "IV", "III", "II", "I"
    new: int  # 1–8

    @property
    def label(self) -> str:
        return f"niveau {self.new} (ancien niveau {self.old})"


# The project's one correspondence (domain.nomenclatures): VI→1, Vbis→2, V→3 … I→7; 8 is also I.
OLD_TO_NEW: dict[str, int] = dict(OLD_TO_NEW_LEVEL)
NEW_TO_OLD: dict[int, str] = {new: old for old, new in OLD_TO_NEW.items()} | {8: "I"}
_OLD_KEYS = {"vi": "VI", "vbis": "Vbis", "v": "V", "iv": "IV", "iii": "III", "ii": "II", "i": "I"}
_LEVEL_PREFIX = re.compile(r"^(niveau|niv|level)")


def parse_qualification(text: str) -> Qualification:
    """Old levels (VI, V bis, V…I) and new ones (1–8): "Niveau IV", "niv. 3", "Vbis"…

    Both are kept: the level as written, and its counterpart in the other nomenclature.
    """
    key = _LEVEL_PREFIX.sub("", squash(text))
    if key in _OLD_KEYS:
        old = _OLD_KEYS[key]
        return Qualification(old, OLD_TO_NEW[old])
    if key.isdigit() and 1 <= int(key) <= 8:
        new = int(key)
        return Qualification(NEW_TO_OLD[new], new)
    raise ValueProblem(
        f"niveau de formation « {text.strip()} » inconnu (VI, V bis, V, IV, III, II, I ou 1 à 8)"
    )


_ROME = re.compile(r"[A-N]\d{4}")


def parse_rome(text: str) -> str:
    """A ROME job sheet code: a letter A–N and 4 digits (K1207)."""
    value = re.sub(r"[\s\u00a0]", "", text).upper()
    if not _ROME.fullmatch(value):
        raise ValueProblem(
            f"code ROME « {text.strip()} » invalide (une lettre de A à N et 4 chiffres)"
        )
    return value


class ContractType(StrEnum):
    """Contract types of the offers and hires."""

    # Values are the codes stored in the base (domain.nomenclatures.CONTRACT_TYPES).
    CDI = "CDI"
    CDD = "CDD"
    INTERIM = "interim"
    APPRENTICESHIP = "apprentissage"
    PROFESSIONALISATION = "professionnalisation"
    CUI_CAE = "CUI-CAE"
    CUI_CIE = "CUI-CIE"
    EMPLOI_AVENIR = "emploi_avenir"
    PEC = "PEC"
    CIVIC_SERVICE = "service_civique"
    INTERNSHIP = "stage"
    IAE = "IAE"


# The French labels shown to users are the domain's, so that exports read like the app.
CONTRACT_LABELS = {ContractType(code): label for code, label in CONTRACT_TYPES.items()}

# fmt: off
_CONTRACT_SPELLINGS: dict[ContractType, tuple[str, ...]] = {
    ContractType.CDI: ("CDI", "Contrat à durée indéterminée", "Permanent"),
    ContractType.CDD: ("CDD", "Contrat à durée déterminée", "Fixed-term", "Saisonnier"),
    ContractType.INTERIM: ("Intérim", "Travail temporaire", "Mission d'intérim", "CTT", "Temporary"),
    ContractType.APPRENTICESHIP: ("Apprentissage", "Contrat d'apprentissage", "Apprenti",
                                  "Alternance apprentissage", "Apprenticeship"),
    ContractType.PROFESSIONALISATION: ("Contrat de professionnalisation", "Professionnalisation", "Contrat pro",
                                       "Contrat de pro", "Alternance professionnalisation"),
    ContractType.CUI_CAE: ("CUI-CAE", "CAE", "Contrat d'accompagnement dans l'emploi"),
    ContractType.CUI_CIE: ("CUI-CIE", "CIE", "Contrat initiative emploi"),
    ContractType.EMPLOI_AVENIR: ("Emploi d'avenir", "Emplois d'avenir", "EAV", "EA", "CUI-CAE Emploi d'avenir",
                                 "CUI-CIE Emploi d'avenir"),
    ContractType.PEC: ("PEC", "Parcours emploi compétences", "Parcours emploi compétence", "CUI-PEC",
                       "CUI-CAE PEC"),
    ContractType.CIVIC_SERVICE: ("Service civique", "Engagement de service civique",
                                 "Volontariat de service civique"),
    ContractType.INTERNSHIP: ("Stage", "PMSMP", "Stage / PMSMP", "Immersion",
                              "Période de mise en situation en milieu professionnel", "Internship"),
    ContractType.IAE: ("IAE", "CDDI", "Insertion par l'activité économique", "Chantier d'insertion", "ACI",
                       "Entreprise d'insertion"),
}
# Codes of domain.nomenclatures.LEGAL_FORMS and the spellings found in agencies' files.
_LEGAL_FORM_SPELLINGS: dict[str, tuple[str, ...]] = {
    "association": ("Association", "Association loi 1901", "Association loi 1908", "Asso",
                    "Association reconnue d'utilité publique"),
    "scop": ("SCOP", "Société coopérative de production", "Société coopérative et participative"),
    "scic": ("SCIC", "Société coopérative d'intérêt collectif"),
    "cooperative": ("Coopérative", "Coop", "Coopérative agricole", "SCA", "Coopérative d'activité et d'emploi"),
    "mutuelle": ("Mutuelle", "Société d'assurance mutuelle", "Mutuelle santé"),
    "fondation": ("Fondation", "Fondation reconnue d'utilité publique"),
    "esus": ("ESUS", "Entreprise agréée ESUS", "Entreprise solidaire d'utilité sociale", "Agrément ESUS"),
    "insertion": ("SIAE", "Structure d'insertion (SIAE)", "Structure d'insertion", "Entreprise d'insertion",
                  "ACI", "Atelier chantier d'insertion", "Chantier d'insertion", "Association intermédiaire",
                  "ETTI", "Régie de quartier"),
    "geiq": ("GEIQ",),
    "collectivite": ("Collectivité", "Collectivité territoriale", "Commune", "Mairie", "Département", "Région",
                     "Communauté de communes", "Communauté d'agglomération", "Métropole", "EPCI"),
    "public": ("Établissement public", "EPA", "EPIC", "CCAS", "Centre hospitalier", "Hôpital"),
    "entreprise": ("Entreprise", "Entreprise privée", "SARL", "SAS", "SASU", "EURL", "SA", "SNC",
                   "Entreprise individuelle", "Micro-entreprise", "Auto-entrepreneur"),
    "autre": ("Autre", "Other"),
}
# fmt: on
_WORDS = re.compile(r"[^\W_]+")


def _keys(spellings: dict) -> dict:
    return {squash(s): code for code, names in spellings.items() for s in (*names, str(code))}


_CONTRACT_KEYS = _keys(_CONTRACT_SPELLINGS)
_LEGAL_FORM_KEYS = _keys(_LEGAL_FORM_SPELLINGS) | _keys(
    {code: (label,) for code, label in LEGAL_FORMS.items()}
)


def _lookup(text: str, keys: dict):
    """The code of the longest run of leading words found in `keys`, or None.

    Longest first, so that "CUI-CAE Emploi d'avenir" beats "CUI-CAE" and "SCOP SARL" is a SCOP;
    whole words only, so that "Pêcheur" is never read as PEC.
    """
    words = _WORDS.findall(fold(text))
    for count in range(len(words), 0, -1):
        code = keys.get("".join(words[:count]))
        if code is not None:
            return code
    return None


def parse_contract_type(text: str) -> ContractType:
    """Common spellings, and details after the type: "CDD 6 mois", "CDI temps partiel"."""
    kind = _lookup(text, _CONTRACT_KEYS)
    if kind is None:
        expected = ", ".join(CONTRACT_LABELS.values())
        raise ValueProblem(f"type de contrat « {text.strip()} » inconnu (attendus : {expected})")
    return kind


def parse_legal_form(text: str) -> str:
    """A legal form code of domain.nomenclatures: "Association loi 1901" → "association"."""
    code = _lookup(text, _LEGAL_FORM_KEYS)
    if code is None:
        expected = ", ".join(LEGAL_FORMS.values())
        raise ValueProblem(f"forme juridique « {text.strip()} » inconnue (attendues : {expected})")
    return code


def parse_naf(text: str) -> str:
    """NAF/APE code, 4 digits and a letter, stored without the dot: "88.99B" → "8899B"."""
    value = re.sub(r"[\s.]", "", text).upper()
    if not re.fullmatch(r"\d{4}[A-Z]", value):
        raise ValueProblem(f"code NAF « {text.strip()} » invalide (exemple : 88.99B)")
    return value


# fmt: off
_GENDERS = {
    "f": "F", "femme": "F", "feminin": "F", "mme": "F", "madame": "F", "mlle": "F", "mademoiselle": "F",
    "female": "F", "w": "F",
    "h": "M", "m": "M", "homme": "M", "masculin": "M", "monsieur": "M", "mr": "M", "male": "M",
}
# fmt: on


def parse_gender(text: str) -> str:
    """F or M as stored in the base, from F/H, Femme/Homme, Mme/M., Madame/Monsieur…"""
    code = _GENDERS.get(squash(text))
    if code is None:
        raise ValueProblem(f"sexe « {text.strip()} » inconnu (F/H, Femme/Homme, Mme/M.)")
    return code
