"""Writing a report file safely: a side file first, then it replaces the target in one step."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from pathlib import Path

from essdesk.errors import EssDeskError, os_reason


def write_replacing(path: Path, write: Callable[[Path], object]) -> Path:
    """Run `write(side_file)`, then put the result at `path`; a failure leaves `path` untouched."""
    side = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.partiel")
    try:
        write(side)
        try:
            os.replace(side, path)
        except PermissionError as error:
            raise EssDeskError(
                f"Impossible de remplacer « {path} » : le fichier est-il ouvert dans une autre "
                "application (lecteur PDF) ? Fermez-le puis recommencez."
            ) from error
    except OSError as error:
        raise EssDeskError(f"Impossible d'écrire « {path} » ({os_reason(error)}).") from error
    finally:
        side.unlink(missing_ok=True)
    return path
