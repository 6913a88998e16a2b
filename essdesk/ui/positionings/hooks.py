"""What other screens do after a hire: each callable gets (parent, context, positioning id).

The placements screens register their editor here, so that a positioning moved to « embauchée »
proposes to record the contract; with nothing registered, nothing is proposed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from essdesk.ui.ops import OpContext

on_hired: list[Callable[[QWidget, OpContext, uuid.UUID], None]] = []
