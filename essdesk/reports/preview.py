"""The first page of a written PDF as a PNG image, for the app's preview (PDFium, no Qt needed)."""

from __future__ import annotations

import io
from pathlib import Path


def first_page_png(pdf: str | Path, width_px: int = 560) -> bytes:
    """Render page 1 of `pdf` at about `width_px` pixels wide; PNG bytes."""
    import pypdfium2 as pdfium  # only the app's preview pays for PDFium

    # Every PDFium object is closed here, on the thread that made it: none is left for the
    # garbage collector to free later on another thread.
    document = pdfium.PdfDocument(str(pdf))
    try:
        page = document[0]
        try:
            bitmap = page.render(scale=width_px / page.get_width())
            try:
                image = bitmap.to_pil().copy()  # detached from PDFium's buffer
            finally:
                bitmap.close()
        finally:
            page.close()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
