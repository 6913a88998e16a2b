"""Phone numbers and e-mail addresses, checked by the libraries made for them (phonenumbers, email-validator)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from essdesk.domain.value_problem import ValueProblem

if TYPE_CHECKING:
    import phonenumbers

# Both libraries are imported when first needed: their tables are a tenth of the app's start.

# Metropolitan France first, then the overseas plans whose national numbers also start with 0.
_FRENCH_REGIONS = ("FR", "RE", "GP", "MQ", "GF", "YT", "PM", "NC", "PF", "WF")


def parse_phone(text: str) -> str:
    """A phone number (French by default) → E.164, as stored: "04 76 12 34 56" → "+33476123456".

    phonenumbers knows every plan (overseas departments included); Excel's lost leading zero
    ("476123456") is given back before parsing.
    """
    import phonenumbers

    value = text.strip()
    compact = re.sub(r"[\s.\-/()\u00a0\u202f]", "", value.replace("(0)", ""))
    if re.fullmatch(r"[1-9]\d{8}", compact):
        compact = "0" + compact
    for region in _FRENCH_REGIONS:  # 0262… is a Réunion number dialled from France
        try:
            number = phonenumbers.parse(compact, region)
        except phonenumbers.NumberParseException:
            raise ValueProblem(f"numéro de téléphone « {value} » invalide") from None
        if phonenumbers.is_valid_number(number):
            break
        if compact.startswith("+"):
            break
    else:
        number = phonenumbers.parse(compact, "FR")
    if not _acceptable(number):
        raise ValueProblem(f"numéro de téléphone « {value} » invalide (10 chiffres attendus)")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _acceptable(number: phonenumbers.PhoneNumber) -> bool:
    import phonenumbers

    # A French number of the right shape is kept even when its block is not yet in
    # phonenumbers' tables (ARCEP opens new 07 blocks): agencies' files hold such numbers.
    if phonenumbers.is_valid_number(number):
        return True
    national = str(number.national_number)
    return number.country_code == 33 and len(national) == 9 and national[0] in "123456789"


def format_phone(stored: str | None) -> str:
    """How a stored number is shown: French ones nationally (04 76 12 34 56), others +…."""
    if not stored:
        return ""
    import phonenumbers

    try:
        number = phonenumbers.parse(stored, "FR")
    except phonenumbers.NumberParseException:
        return stored  # an old value typed before numbers were checked: shown as typed
    if number.country_code == 33:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def parse_email(text: str) -> str:
    """An e-mail address checked by email-validator, without any DNS lookup.

    Internationalised addresses (« inès.dupont@exemple.fr ») are valid; the domain is
    normalised (lower case, IDNA), the local part kept as written.
    """
    import email_validator

    value = text.strip()
    if value.lower().startswith("mailto:"):
        value = value[7:]
    if len(value) > 200:
        raise ValueProblem("adresse électronique trop longue (200 caractères au plus)")
    try:
        checked = email_validator.validate_email(value, check_deliverability=False)
    except email_validator.EmailNotValidError:
        raise ValueProblem(f"adresse électronique « {text.strip()} » invalide") from None
    return checked.normalized
