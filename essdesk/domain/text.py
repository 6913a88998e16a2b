"""Comparing names as people type them: case and accents do not matter ("emilie" finds "Émilie")."""

from __future__ import annotations

import unicodedata

# Letters written as two in plain text: "Cœur" is found by "coeur".
LIGATURES = {"œ": "oe", "æ": "ae", "ß": "ss"}


def _accent_table() -> tuple[str, str]:
    """Every lowercase Latin letter with diacritics (é, ễ, ș…) and its plain letter, position by
    position: the table SQL's translate() needs where no Unicode-aware function exists."""
    accented, plain = [], []
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        letter = chr(code)
        base = "".join(
            c for c in unicodedata.normalize("NFKD", letter) if not unicodedata.combining(c)
        )
        if letter.islower() and len(base) == 1 and base.isascii() and base.isalpha():
            accented.append(letter)
            plain.append(base.lower())
    return "".join(accented), "".join(plain)


ACCENTED, PLAIN = _accent_table()
_TRANSLATION = str.maketrans(ACCENTED, PLAIN)


def fold(text: str) -> str:
    """Casefold, spell ligatures out and strip accents: the comparison key for free spellings."""
    folded = text.casefold()
    for ligature, letters in LIGATURES.items():
        folded = folded.replace(ligature, letters)
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def table_fold(text: str) -> str:
    """The folding SQL can do with lower(), replace() and translate(ACCENTED, PLAIN)."""
    folded = text.lower()
    for ligature, letters in LIGATURES.items():
        folded = folded.replace(ligature, letters)
    return folded.translate(_TRANSLATION)


def squash(text: str) -> str:
    """`fold` then keep only letters and digits: "Contrat d'Apprentissage" → "contratdapprentissage"."""
    return "".join(ch for ch in fold(text) if ch.isalnum())
