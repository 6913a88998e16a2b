"""Header recognition: the column names agencies use, in French or English, → field names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from essdesk.domain.catalogue import CATALOGUES
from essdesk.domain.values import fold
from essdesk.errors import DataFileError

# Words that carry no meaning in a header: "N° de téléphone" = "Téléphone", "Date de
# naissance" = "Date naissance". "n", "no", "num", "numero" are the forms of "n°".
_NOISE_WORDS = frozenset(
    {
        "n",
        "no",
        "nº",
        "num",
        "numero",
        "number",
        "nr",
        "de",
        "du",
        "des",
        "d",
        "l",
        "la",
        "le",
        "les",
        "of",
        "the",
    }
)
_WORDS = re.compile(r"[^\W_]+")


def normalize_header(name: str) -> str:
    """ "N° SIRET" → "siret", "Date de naissance" → "datenaissance", "E-mail" → "email"."""
    words = _WORDS.findall(fold(name).replace("°", " ").replace("º", " "))
    kept = [w for w in words if w not in _NOISE_WORDS]
    # A header made only of noise words ("N°", "Num") is still a header of its own.
    return "".join(kept or words)


# fmt: off
_PHONE = ("Téléphone", "Tél.", "Tel", "Tél. fixe", "Tél. portable", "Portable", "Mobile", "Phone", "Telephone")
_EMAIL = ("Courriel", "E-mail", "Email", "Mail", "Adresse électronique", "Adresse mail", "Mél.")
_ADDRESS = {
    "address": ("Adresse", "Adresse postale", "Rue", "Address", "Street"),
    "postcode": ("Code postal", "CP", "Postcode", "Post code", "Postal code", "Zip", "Zip code"),
    "commune": ("Commune", "Ville", "Localité", "City", "Town"),
    "phone": _PHONE,
    "email": _EMAIL,
}
_EMPLOYER_REF = {
    "employer_siret": ("SIRET", "N° SIRET", "SIRET employeur", "SIRET de l'employeur", "Employer SIRET"),
    "employer_name": ("Employeur", "Raison sociale", "Structure", "Entreprise", "Nom employeur", "Employer", "Company"),
}

# Field names are the columns of the models (essdesk.db.models), so that a validated record
# maps onto them without renaming. Each field is also recognised under its own name.
SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "employers": {
        "name": ("Raison sociale", "Nom", "Employeur", "Structure", "Dénomination", "Nom de la structure",
                 "Nom employeur", "Entreprise", "Organisme", "Company", "Company name", "Employer", "Name"),
        "siret": ("SIRET", "N° SIRET", "Numéro SIRET", "Siret employeur"),
        "legal_form": ("Forme juridique", "Statut juridique", "Forme", "Catégorie juridique", "Legal form",
                       "Legal status"),
        "naf_code": ("Code NAF", "NAF", "Code APE", "APE", "NAF code"),
        "sector": ("Secteur", "Secteur d'activité", "Activité", "Domaine d'activité", "Sector", "Industry"),
        **_ADDRESS,
        "notes": ("Remarques", "Observations", "Commentaires", "Commentaire", "Notes", "Comments"),
    },
    "contacts": {
        **_EMPLOYER_REF,
        "last_name": ("Nom", "Nom de famille", "Nom du contact", "Last name", "Surname", "Family name", "Name"),
        "first_name": ("Prénom", "Prénom du contact", "First name", "Given name", "Firstname"),
        "role": ("Fonction", "Poste", "Qualité", "Rôle", "Job title", "Position", "Role"),
        "phone": _PHONE,
        "email": _EMAIL,
        "is_tutor": ("Tuteur", "Tutrice", "Tuteur/tutrice", "Tuteur ou tutrice", "Tutor"),
    },
    "offers": {
        **_EMPLOYER_REF,
        "title": ("Intitulé du poste", "Intitulé", "Poste", "Intitulé de l'offre", "Titre", "Titre de l'offre",
                  "Métier", "Job title", "Title", "Position"),
        "contract_type": ("Type de contrat", "Contrat", "Nature du contrat", "Contract type", "Contract"),
        "weekly_hours": ("Durée hebdomadaire", "Durée hebdo", "Heures par semaine", "Temps de travail",
                         "Nb heures", "Nombre d'heures", "Weekly hours", "Hours per week"),
        "duration_months": ("Durée du contrat (mois)", "Durée du contrat", "Durée en mois", "Durée (mois)",
                            "Contract length (months)"),
        "place": ("Lieu de travail", "Lieu", "Localisation", "Commune", "Ville", "Workplace", "Location",
                  "City"),
        "publication_date": ("Date de publication", "Publiée le", "Date publication", "Date de diffusion",
                             "Date de l'offre", "Publication date", "Published on"),
        "start_date": ("Date de début", "Début", "Date d'embauche", "Prise de poste", "Date de prise de poste",
                       "Start date"),
        "end_date": ("Date de fin", "Fin", "Date de fin de contrat", "End date"),
        "positions": ("Nombre de postes", "Nb postes", "Postes", "Positions", "Openings"),
        "rome_code": ("Code ROME", "ROME", "Fiche ROME", "ROME code"),
        "source": ("Source", "Origine", "Origine de l'offre", "Diffuseur"),
        "description": ("Description", "Descriptif", "Missions", "Description du poste", "Profil recherché"),
    },
    "youths": {
        "last_name": ("Nom", "Nom de famille", "Nom d'usage", "Last name", "Surname", "Family name", "Name"),
        "first_name": ("Prénom", "First name", "Given name", "Firstname"),
        "birth_date": ("Date de naissance", "Né(e) le", "Née le", "Né le", "Naissance", "Date of birth",
                       "Birth date", "Birthdate", "DOB"),
        "gender": ("Sexe", "Genre", "Civilité", "Gender", "Sex"),
        **_ADDRESS,
        "qualification_level": ("Niveau de formation", "Niveau", "Niveau de qualification", "Niveau scolaire",
                                "Niveau d'études", "Education level", "Qualification level", "Level"),
        "diploma_obtained": ("Diplôme obtenu", "Diplômé", "Diplômé(e)", "Diploma obtained", "Graduated"),
        "diploma_label": ("Intitulé du diplôme", "Libellé du diplôme", "Diplôme préparé", "Dernier diplôme",
                          "Diploma"),
        "rqth": ("RQTH", "Travailleur handicapé", "Reconnaissance travailleur handicapé", "Disability"),
        "qpv": ("QPV", "Résident QPV", "Quartier prioritaire", "ZUS", "Priority district"),
        "rural_zone": ("ZRR", "FRR", "ZRR/FRR", "Zone rurale", "Résident ZRR", "Rural zone"),
        "job_search_start": ("Début de recherche d'emploi", "Date de début de recherche", "En recherche depuis",
                             "Job search start"),
    },
    "rome": {
        "code": ("Code ROME", "Code", "ROME", "Fiche ROME", "Code fiche", "ROME code"),
        "label": ("Libellé", "Intitulé", "Libellé ROME", "Libellé de la fiche", "Appellation", "Métier",
                  "Label", "Title"),
    },
}
# fmt: on

# Extra spellings of the fields the first files did not carry.
_MORE = {
    "employers": {
        "size_band": ("Tranche d'effectif", "Effectif salarié", "Taille", "Size"),
        "territory": ("Territoire", "Type de territoire", "Zone", "Territory"),
        "ess_networks": ("Réseaux", "Réseau ESS", "Réseaux ESS", "Fédération", "Networks"),
        "partnership_status": ("Statut de partenariat", "Partenaire", "Partnership"),
    },
    "offers": {"status": ("Statut", "État", "État de l'offre", "Status")},
    "youths": {
        "status": ("Statut", "Situation actuelle", "Status"),
        "qpv_list_version": ("Version de la liste QPV", "Liste QPV", "Année QPV"),
        "consent_date": ("Date de consentement", "Consentement", "Consentement RGPD"),
        "information_date": ("Date d'information", "Information RGPD", "Informé le"),
        "photo_consent": ("Droit à l'image", "Accord photos", "Photos"),
        "newsletter_consent": ("Newsletter", "Lettre d'information", "Accord newsletter"),
    },
}


def _with_catalogue(synonyms: dict[str, dict[str, tuple[str, ...]]]) -> None:
    """Every importable field of the catalogues is recognised under its own French label."""
    for kind, catalogue in CATALOGUES.items():
        entity = synonyms.setdefault(kind.value, {})
        for item in catalogue.importable:
            names = (*entity.get(item.name, ()), *_MORE.get(kind.value, {}).get(item.name, ()))
            entity[item.name] = (item.label, *(n for n in names if n != item.label))


_with_catalogue(SYNONYMS)
ENTITIES = tuple(SYNONYMS)


def _index(entity: str) -> dict[str, str]:
    index: dict[str, str] = {}
    for field_name, names in SYNONYMS[entity].items():
        for name in (field_name, *names):
            index.setdefault(normalize_header(name), field_name)
    return index


_INDEX = {entity: _index(entity) for entity in SYNONYMS}


@dataclass
class ColumnMap:
    """Which file column feeds which field, and what could not be recognised."""

    fields: dict[str, str] = field(default_factory=dict)  # field → header as in the file
    unknown: list[str] = field(default_factory=list)  # headers matching no field
    ignored: list[str] = field(default_factory=list)  # headers mapped to nothing on purpose

    def column_of(self, field_name: str) -> str | None:
        return self.fields.get(field_name)


def parse_mapping(items: list[str] | tuple[str, ...] | None, entity: str) -> dict[str, str | None]:
    """["Colonne=field", "Colonne inutile="] → {"Colonne": "field", "Colonne inutile": None}."""
    check_entity(entity)
    mapping: dict[str, str | None] = {}
    for item in items or ():
        column, sep, target = item.rpartition("=")
        column, target = column.strip(), target.strip()
        if not sep or not column:
            raise DataFileError(
                f'correspondance « {item} » illisible (forme attendue : "Colonne=champ")'
            )
        if target and target not in SYNONYMS[entity]:
            known = ", ".join(SYNONYMS[entity])
            raise DataFileError(f"champ « {target} » inconnu pour cet import (champs : {known})")
        mapping[column] = target or None
    return mapping


def check_entity(entity: str) -> None:
    if entity not in SYNONYMS:
        raise DataFileError(
            f"type d'import « {entity} » inconnu (attendus : {', '.join(ENTITIES)})"
        )


def resolve_columns(
    headers: list[str], entity: str, mapping: dict[str, str | None] | None = None
) -> ColumnMap:
    """Match each header to a field: the explicit mapping first, then the synonyms."""
    check_entity(entity)
    index = _INDEX[entity]
    by_key = {normalize_header(h): h for h in headers}
    result = ColumnMap()
    claimed: dict[str, str] = {}  # header → field, from the mapping
    for column, target in (mapping or {}).items():
        header = column if column in headers else by_key.get(normalize_header(column))
        if header is None:
            raise DataFileError(
                f"la colonne « {column} » donnée en correspondance n'existe pas dans le fichier "
                f"(colonnes : {', '.join(headers)})"
            )
        claimed[header] = target or ""
    for header, target in claimed.items():
        if not target:
            result.ignored.append(header)
        elif target in result.fields:
            raise DataFileError(
                f"les colonnes « {result.fields[target]} » et « {header} » sont toutes deux "
                f"associées au champ « {target} »"
            )
        else:
            result.fields[target] = header
    explicit = set(result.fields)
    for header in headers:
        if header in claimed:
            continue
        target = index.get(normalize_header(header))
        if target is None or target in explicit:
            # A column whose field the mapping gave to another column is left unread.
            result.unknown.append(header)
        elif target in result.fields:
            raise DataFileError(
                f"les colonnes « {result.fields[target]} » et « {header} » désignent le même champ "
                f'« {target} » : précisez avec une correspondance (--map "{header}=champ")',
                line=1,
            )
        else:
            result.fields[target] = header
    return result


def accepted_names(entity: str, field_name: str) -> str:
    """The header names a field is recognised under, for error messages."""
    return ", ".join(SYNONYMS[entity][field_name][:4])
