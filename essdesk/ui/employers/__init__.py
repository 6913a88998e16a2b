"""The employers area: list, editor and contacts."""

from essdesk.ui.employers.area import EMPLOYER_TYPE, make_employers_area

__all__ = ["EMPLOYER_TYPE", "make_employers_area"]
