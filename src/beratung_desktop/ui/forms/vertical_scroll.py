"""A scroll area that scrolls up and down only: it is as wide as its content needs, never scrolls sideways."""

from __future__ import annotations

from ..qt import Qt, QtCore, QtWidgets


class VerticalScrollArea(QtWidgets.QScrollArea):
    """Its minimum width is the content's, so the window grows (or the content wraps) instead of scrolling."""

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _content_width(self) -> int:
        inner = self.widget()
        if inner is None:
            return 0
        frame = 2 * self.frameWidth()
        bar = self.verticalScrollBar().sizeHint().width()
        return inner.minimumSizeHint().width() + frame + bar

    def minimumSizeHint(self) -> QtCore.QSize:
        hint = super().minimumSizeHint()
        return QtCore.QSize(max(hint.width(), self._content_width()), hint.height())

    def sizeHint(self) -> QtCore.QSize:
        hint = super().sizeHint()
        inner = self.widget()
        height = inner.sizeHint().height() + 2 * self.frameWidth() if inner is not None else hint.height()
        return QtCore.QSize(max(hint.width(), self._content_width()), max(hint.height(), height))

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        # The content's minimum changes with its texts (a language switch, a message): re-measure.
        if watched is self.widget() and event.type() == QtCore.QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)
