"""The offers board on a screen at reception: one open offer at a time, in large print, paging on."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from essdesk.reports.offers_board import OffersBoardData

SECONDS_PER_OFFER = 12


class OffersBoardView(QWidget):
    """Full screen; Esc quits, the arrows and the space bar page, a timer advances on its own."""

    def __init__(self, data: OffersBoardData, parent=None, *, seconds: int = SECONDS_PER_OFFER):
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Offres à la une")
        self.setStyleSheet("background: #ffffff;")
        self.data, self.index = data, 0
        self.counter = QLabel()
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.counter.setStyleSheet("font-size: 16pt; color: #5f6368;")
        self.card = QLabel()
        self.card.setWordWrap(True)
        self.card.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.card.setTextFormat(Qt.TextFormat.RichText)
        self.footer = QLabel("Échap : quitter · ← → : offre précédente ou suivante")
        self.footer.setStyleSheet("font-size: 12pt; color: #80868b;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 30, 60, 30)
        layout.addWidget(self.counter)
        layout.addWidget(self.card, 1)
        layout.addWidget(self.footer)
        self.timer = QTimer(self, interval=seconds * 1000)
        self.timer.timeout.connect(self.next_offer)
        self.show_offer(0)
        if len(data.cards) > 1:
            self.timer.start()

    def show_offer(self, index: int) -> None:
        cards = self.data.cards
        if not cards:
            self.counter.clear()
            self.card.setText(
                "<p style='font-size:40pt; color:#1a5276'>Aucune offre ouverte à afficher</p>"
                "<p style='font-size:22pt'>Les offres présentées à l'événement, ou les offres "
                "ouvertes de la base, s'afficheront ici.</p>"
            )
            return
        self.index = index % len(cards)
        card = cards[self.index]
        subject = f"{escape(self.data.subject)} · " if self.data.subject else ""
        self.counter.setText(f"{subject}Offre {self.index + 1} / {len(cards)}")
        facts = "".join(f"<p style='font-size:30pt'>{escape(line)}</p>" for line in card.facts())
        where = f" — {escape(card.place)}" if card.place else ""
        self.card.setText(
            f"<p style='font-size:52pt; font-weight:600; color:#1a5276'>{escape(card.title)}</p>"
            f"<p style='font-size:32pt'>{escape(card.employer)}{where}</p>{facts}"
            f"<p style='font-size:20pt; color:#5f6368'>{escape(card.excerpt())}</p>"
        )

    def next_offer(self) -> None:
        self.show_offer(self.index + 1)

    def previous_offer(self) -> None:
        self.show_offer(self.index - 1)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.timer.stop()
            self.close()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_PageDown):
            self.next_offer()
            self.timer.start()  # the reader gets a full turn after paging by hand
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            self.previous_offer()
            self.timer.start()
        else:
            super().keyPressEvent(event)


def open_offers_board(parent: QWidget, context, event_id=None) -> None:
    """Read the open offers (of the event, when given) off the UI thread, then go full screen."""
    from essdesk.services.offers_board import offers_board_data
    from essdesk.ui.ops import QueryOp

    def show(data: OffersBoardData) -> None:
        view = OffersBoardView(data, parent)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        parent._offers_board = view  # kept: a window nobody holds is collected
        view.showFullScreen()

    QueryOp(parent=parent, context=context, op=lambda db, _c: offers_board_data(db, event_id),
            success=show).run_in_background()  # fmt: skip
