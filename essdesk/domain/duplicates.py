"""Likely duplicates: the same person or employer typed twice, spelled a little differently."""

from __future__ import annotations

import datetime as dt
from difflib import SequenceMatcher

from essdesk.domain.search_keys import words

# Particles of names, ignored when comparing (« de Durand » = « Durand »).
PARTICLES = frozenset(
    {
        "de",
        "du",
        "des",
        "d",
        "la",
        "le",
        "les",
        "l",
        "van",
        "von",
        "der",
        "den",
        "di",
        "da",
        "del",
        "della",
        "dos",
        "das",
        "ben",
        "bin",
        "el",
        "al",
        "y",
    }
)
# Words of employer names that say the legal form, not who the employer is.
LEGAL_WORDS = frozenset(
    {
        "association",
        "asso",
        "assoc",
        "sarl",
        "sas",
        "sasu",
        "sa",
        "eurl",
        "scop",
        "scic",
        "sci",
        "gie",
        "geiq",
        "ei",
        "eirl",
        "cooperative",
        "mutuelle",
        "fondation",
        "et",
        "the",
    }
)
SIMILAR_EMPLOYER = 0.9


def name_tokens(first_name: str, last_name: str) -> tuple[str, ...]:
    """The name as a sorted bag of folded words without particles: swaps and hyphens vanish."""
    tokens = [w for w in words(f"{first_name} {last_name}") if w not in PARTICLES]
    return tuple(sorted(tokens))


def _variants(part: str) -> set[str]:
    # « de La Fontaine » → delafontaine, lafontaine, fontaine: leading particles dropped one by one,
    # so that « Lafontaine » and « Fontaine (de la) » written whole are met too.
    found = words(part)
    variants = {"".join(found)}
    for i, word in enumerate(found[:-1]):
        if word not in PARTICLES:
            break
        variants.add("".join(found[i + 1 :]))
    return variants


def _squashed(first_name: str, last_name: str) -> set[str]:
    # « Jean Pierre » = « Jean-Pierre » = « Jeanpierre », in either order of the two names.
    firsts, lasts = _variants(first_name), _variants(last_name)
    return {f + la for f in firsts for la in lasts} | {la + f for f in firsts for la in lasts}


def same_person(a: tuple[str, str, dt.date], b: tuple[str, str, dt.date]) -> bool:
    """Same birth date and the same names once accents, case, hyphens, particles and the order
    of first and last name are ignored."""
    (a_first, a_last, a_birth), (b_first, b_last, b_birth) = a, b
    if a_birth != b_birth:
        return False
    if name_tokens(a_first, a_last) == name_tokens(b_first, b_last):
        return True
    return bool(_squashed(a_first, a_last) & _squashed(b_first, b_last))


def employer_key(name: str) -> str:
    """An employer's name without accents, case, legal form words and particles."""
    return " ".join(w for w in words(name) if w not in LEGAL_WORDS and w not in PARTICLES)


def similar_employers(a: str, b: str) -> bool:
    """Names nearly identical (« Ressourcerie du Trièves » / « RESSOURCERIE TRIEVES (asso) »)."""
    key_a, key_b = employer_key(a), employer_key(b)
    if not key_a or not key_b:
        return False
    if key_a.replace(" ", "") == key_b.replace(" ", ""):
        return True
    return SequenceMatcher(None, key_a, key_b).ratio() >= SIMILAR_EMPLOYER
