"""Names for screen readers: a control without a label of its own is named from what a sighted
user reads next to it (its placeholder, the label before it, its group, its tab, its window)."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QTabWidget,
    QTextEdit,
    QWidget,
)

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QTextEdit,
    QPlainTextEdit,
)


def name_controls(root: QWidget) -> int:
    """Give each unnamed control under `root` the name it is seen with; the number named."""
    named = 0
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, CONTROLS) or isinstance(widget, QHeaderView):
            continue
        if widget.objectName().startswith("qt_") or _spoken_name(widget):
            continue
        name = _seen_name(widget)
        if name:
            widget.setAccessibleName(name)
            named += 1
    return named


def _spoken_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def _seen_name(widget: QWidget) -> str:
    """What names the control on screen, the nearest first."""
    for text in (
        _placeholder(widget),
        _label_before(widget),
        widget.toolTip(),
        _enclosing_title(widget),
    ):
        text = _clean(text or "")
        if text:
            return text
    return ""


def _placeholder(widget: QWidget) -> str:
    if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
        return widget.placeholderText()
    if isinstance(widget, QComboBox) and widget.isEditable() and widget.lineEdit():
        return widget.lineEdit().placeholderText()
    return ""


def _label_before(widget: QWidget) -> str:
    """The label just before the control in its layout (« Du » [date] « au » [date])."""
    parent = widget.parentWidget()
    layout = parent.layout() if parent is not None else None
    holder = _layout_holding(layout, widget) if layout is not None else None
    if holder is None:
        return ""
    if isinstance(holder, QFormLayout):
        label = holder.labelForField(widget)
        return label.text() if isinstance(label, QLabel) else ""
    index = holder.indexOf(widget)
    previous = holder.itemAt(index - 1) if index > 0 else None
    label = previous.widget() if previous is not None else None
    if isinstance(label, QLabel) and not label.wordWrap():  # a short caption, not a paragraph
        return label.text()
    return ""


def _layout_holding(layout, widget: QWidget):
    if layout.indexOf(widget) >= 0:
        return layout
    for i in range(layout.count()):
        child = layout.itemAt(i).layout()
        if child is not None:
            found = _layout_holding(child, widget)
            if found is not None:
                return found
    return None


def _enclosing_title(widget: QWidget) -> str:
    """The group box, tab or window the control sits in."""
    child, walker = widget, widget.parentWidget()
    while walker is not None:
        if isinstance(walker, QGroupBox) and walker.title():
            return walker.title()
        if isinstance(walker, QStackedWidget) and isinstance(walker.parentWidget(), QTabWidget):
            tabs = walker.parentWidget()
            index = tabs.indexOf(child)
            if index >= 0:
                return tabs.tabText(index)
        if walker.isWindow():
            return walker.windowTitle()
        child, walker = walker, walker.parentWidget()
    return ""


def _clean(text: str) -> str:
    if "<" in text:  # a rich-text caption (« <h3>Échéances…</h3> »)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = " ".join(text.split())
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()
    return text.rstrip(" :").strip()


class ControlNamer(QObject):
    """Names the controls of each window the main window opens, when it is first shown."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            name_controls(watched)
        return False
