"""Click's own words (usage, errors, help) in French, so that the whole command line speaks French."""

from __future__ import annotations

import gettext

import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.types

# Click marks its messages for gettext; these are the ones a user of `essdesk` can meet.
FRENCH = {
    "Usage:": "Utilisation :",
    "Options": "Options",
    "Commands": "Commandes",
    "Positional arguments": "Arguments",
    "Show this message and exit.": "Affiche cette aide et quitte.",
    "Show the version and exit.": "Affiche la version et quitte.",
    "Error: {message}": "Erreur : {message}",
    "Try '{command} {option}' for help.": "Aide : « {command} {option} ».",
    "required": "obligatoire",
    "Missing argument": "Argument manquant",
    "Missing option": "Option manquante",
    "Missing parameter": "Paramètre manquant",
    "Missing command.": "Commande manquante.",
    "Missing parameter: {param_name}": "Paramètre manquant : {param_name}",
    "Missing {param_type}": "{param_type} manquant",
    "No such command {name!r}.": "Commande inconnue : {name!r}.",
    "No such option {name!r}.": "Option inconnue : {name!r}.",
    "Invalid value for {param_hint}: {message}": "Valeur invalide pour {param_hint} : {message}",
    "Invalid value: {message}": "Valeur invalide : {message}",
    "Aborted!": "Interrompu.",
    "{value!r} is not a valid {number_type}.": "{value!r} n'est pas un nombre valide.",
    "{value!r} is not a valid UUID.": "{value!r} n'est pas un identifiant valide.",
    "{value} is not in the range {range}.": "{value} n'est pas dans l'intervalle {range}.",
    # « {filename} », not {filename!r}: repr() would double every backslash of a Windows path.
    "{name} {filename!r} does not exist.": "{name} « {filename} » introuvable.",
    "{name} {filename!r} is a directory.": "{name} « {filename} » : c'est un dossier.",
    "{name} {filename!r} is a file.": "{name} « {filename} » : c'est un fichier.",
    "{name} {filename!r} is not readable.": "{name} « {filename} » ne peut pas être lu.",
    "{name} {filename!r} is not writable.": "{name} « {filename} » n'est pas accessible en écriture.",
    "Could not open file {filename!r}: {message}": "Impossible d'ouvrir « {filename} » : {message}",
    "file": "Fichier",
    "directory": "Dossier",
    "path": "Chemin",
    "default: {default}": "par défaut : {default}",
    "env var: {var}": "variable d'environnement : {var}",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
}
FRENCH_PLURAL = {
    "Got unexpected extra argument ({args})": (
        "Argument en trop ({args})",
        "Arguments en trop ({args})",
    ),
    "{value!r} is not {choice}.": (
        "{value!r} n'est pas {choice}.",
        "{value!r} n'est pas parmi {choices}.",
    ),
    "Did you mean {possibility}?": (
        "Vouliez-vous dire {possibility} ?",
        "(Vouliez-vous dire : {possibilities} ?)",
    ),
}


def _french(message: str) -> str:
    return FRENCH.get(message, gettext.gettext(message))


def _french_plural(singular: str, plural: str, n: int) -> str:
    if singular in FRENCH_PLURAL:
        one, many = FRENCH_PLURAL[singular]
        return one if n == 1 else many
    return gettext.ngettext(singular, plural, n)


def install() -> None:
    """Route click's message lookups through the French table (unknown ones stay as they are)."""
    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.types):
        if hasattr(module, "_"):
            module._ = _french
        if hasattr(module, "ngettext"):
            module.ngettext = _french_plural
