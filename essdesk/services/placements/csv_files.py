"""French Excel CSV files of the scheme commands, written beside then put in place."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from essdesk.exchange.writers import write_csv


def write_csv_atomically(
    path: str | Path, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """Write the CSV to a temporary file, then replace `path`: a failure leaves it untouched."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.partiel")
    try:
        count = write_csv(partial, headers, rows)
        os.replace(partial, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    return count
