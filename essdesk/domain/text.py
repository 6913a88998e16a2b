"""Comparing names as people type them: case and accents do not matter ("emilie" finds "Émilie")."""

from __future__ import annotations

import unicodedata

# For SQL engines without a Unicode-aware function: the accented letters of French and their
# plain forms, position by position (PostgreSQL's translate()).
ACCENTED = "àâäáãåçéèêëíìîïñóòôöõúùûüýÿœæ"
PLAIN = "aaaaaaceeeeiiiinooooouuuuyyoa"


def fold(text: str) -> str:
    """Casefold and strip accents: the comparison key for free spellings."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def squash(text: str) -> str:
    """`fold` then keep only letters and digits: "Contrat d'Apprentissage" → "contratdapprentissage"."""
    return "".join(ch for ch in fold(text) if ch.isalnum())
