"""Render essdesk/resources/icons/essdesk.svg to packaging/essdesk.ico (the Windows icon).

Run before PyInstaller on Windows (the workflow does): Windows wants an .ico for executables,
shortcuts and the installer, and the SVG stays the one source of the drawing.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "essdesk" / "resources" / "icons" / "essdesk.svg"
TARGET = ROOT / "packaging" / "essdesk.ico"
SIZE = 256  # Windows scales it down for the menus and the taskbar


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"Icône illisible : {SOURCE}", file=sys.stderr)
        return 1
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    if not image.save(str(TARGET), "ICO"):
        print(f"Impossible d'écrire {TARGET}", file=sys.stderr)
        return 1
    print(f"Icône écrite : {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
