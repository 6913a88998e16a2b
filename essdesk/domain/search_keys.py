"""Folded words and sort keys: what lets "helene dur" find « Hélène Durand » through an index."""

from __future__ import annotations

import re
from collections.abc import Iterable

from essdesk.domain.text import fold

TERM_LENGTH = 60  # the stored term is cut there; a longer typed word is cut the same way
SORT_KEY_LENGTH = 200

_WORD = re.compile(r"[0-9a-z]+")
_PHONE_QUERY = re.compile(r"\+?[\d\s.\-/()]+")


def words(text: str | None) -> list[str]:
    """The folded words of a free text: "Jean-Pierre d'Aubigné" → jean, pierre, d, aubigne."""
    return _WORD.findall(fold(text)) if text else []


def sort_key(*parts: str | None) -> str:
    """The French sort order as a plain byte order: « Édith » among the E, « Léger » before
    « Lucas », whatever the database's collation."""
    return " ".join(w for part in parts for w in words(part))[:SORT_KEY_LENGTH]


# Overseas departments dial from mainland France as 0 + their national number.
_OVERSEAS_CODES = ("262", "269", "508", "590", "594", "596")


def phone_digits(phone: str | None) -> str:
    """A phone as the digits people type: "+33 6 12 34 56 78" (stored E.164) → "0612345678"."""
    if not phone:
        return ""
    digits = re.sub(r"\D", "", phone)
    international = phone.strip().startswith("+") or digits.startswith("00")
    if digits.startswith("00"):
        digits = digits[2:]
    if international and digits.startswith("33"):
        return "0" + digits[2:]
    if international and digits[:3] in _OVERSEAS_CODES:
        return "0" + digits[3:]
    return digits


def _name_terms(text: str | None) -> set[str]:
    found = words(text)
    terms = {w for w in found if len(w) > 1 or w.isdigit()}
    if len(found) > 1:
        terms.add("".join(found))  # "jeanpierre" is found by "jean-pierre" typed whole
    return terms


def record_terms(
    names: Iterable[str | None] = (),
    emails: Iterable[str | None] = (),
    phones: Iterable[str | None] = (),
    codes: Iterable[str | None] = (),
) -> set[str]:
    """Every term stored for a record: its name words, whole e-mails, phone digits and codes."""
    terms: set[str] = set()
    for name in names:
        terms |= _name_terms(name)
    for email in emails:
        if email:
            terms.add(fold(email.strip())[:TERM_LENGTH])
            terms |= _name_terms(email.split("@")[0])
    for phone in phones:
        digits = phone_digits(phone)
        if digits:
            terms.add(digits)
    for code in codes:
        if code:
            terms.add(fold(code.strip())[:TERM_LENGTH])
    return {t[:TERM_LENGTH] for t in terms if t}


def query_prefixes(query: str) -> list[str]:
    """The prefixes a typed search asks for, each to be found among a record's terms.

    A query that reads as a phone number ("06 12 34") is one string of digits; a word with "@"
    is an e-mail prefix; any other word is folded and its hyphens and apostrophes dropped.
    """
    query = query.strip()
    if not query:
        return []
    if _PHONE_QUERY.fullmatch(query) and sum(c.isdigit() for c in query) >= 2:
        return [phone_digits(query)[:TERM_LENGTH]]
    prefixes: list[str] = []
    for raw in query.split():
        prefix = fold(raw) if "@" in raw else "".join(words(raw))
        if prefix and prefix[:TERM_LENGTH] not in prefixes:
            prefixes.append(prefix[:TERM_LENGTH])
    return prefixes


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string above every string starting with `prefix` (an index range's end)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)
