"""Printing a written PDF: Qt's print dialog, then each page drawn by PDFium onto the printer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QWidget

MAX_DPI = 200  # sharp on paper; a 40-page review at 600 dpi would need gigabytes


def can_print() -> bool:
    """Whether the system knows a printer; else the report opens in the system's viewer."""
    return bool(QPrinterInfo.availablePrinters())


def ask_print(dialog: QPrintDialog) -> bool:
    """Show the print dialog (tests replace this: offscreen, a modal dialog blocks)."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def _page_image(page, dpi: int) -> QImage:
    bitmap = page.render(scale=dpi / 72)
    try:
        image = bitmap.to_pil().convert("RGB")
    finally:
        bitmap.close()
    data = image.tobytes()
    qimage = QImage(data, image.width, image.height, 3 * image.width, QImage.Format.Format_RGB888)
    return qimage.copy()  # detached from the Python buffer


def print_pdf(parent: QWidget | None, pdf: Path, printer: QPrinter | None = None) -> int:
    """Ask where and how to print, then print every page; the number printed (0: cancelled).

    PDFium is not thread-safe: this runs on the UI thread, one page in memory at a time.
    """
    import pypdfium2 as pdfium

    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    document = pdfium.PdfDocument(str(pdf))
    try:
        count = len(document)
        printer.setDocName(pdf.stem)
        printer.setFromTo(1, count)
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle("Imprimer le rapport")
        dialog.setMinMax(1, count)
        if not ask_print(dialog):
            return 0
        first, last = printer.fromPage() or 1, printer.toPage() or count
        dpi = min(printer.resolution(), MAX_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("L'imprimante n'a pas pu être ouverte.")
        printed = 0
        try:
            for number in range(first, last + 1):
                if printed:
                    printer.newPage()
                page = document[number - 1]
                try:
                    image = _page_image(page, dpi)
                finally:
                    page.close()
                area = painter.viewport()
                size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(area.x(), area.y(), size.width(), size.height()), image)
                printed += 1
        finally:
            painter.end()
        return printed
    finally:
        document.close()
