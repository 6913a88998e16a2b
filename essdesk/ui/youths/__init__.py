"""The young people area: list with the counsellors' filters, editor and the file's panels."""

from essdesk.ui.youths.area import YOUTH_TYPE, make_youths_area

__all__ = ["YOUTH_TYPE", "make_youths_area"]
