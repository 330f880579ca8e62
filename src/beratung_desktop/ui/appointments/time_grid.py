"""A painted day or week grid of appointments: click selects, double-click plans, drag moves."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ...domain.appointments import Appointment
from ...i18n import _
from ...i18n.formatting import format_date
from ..forms.date_inputs import time_range
from ..qt import Qt, QtCore, QtGui, QtWidgets, Signal

FIRST_HOUR = 7
LAST_HOUR = 20
MIN_HOUR_HEIGHT = 28
HEADER_HEIGHT = 28
GUTTER_WIDTH = 52
SNAP_MINUTES = 15

STATUS_COLOURS = {
    "planned": "#d3e3fd",
    "done": "#c4eed0",
    "no_show": "#ffdcc2",
    "cancelled": "#e8e8e8",
}
OUTREACH_EDGE = "#1e8e3e"
PLANNED_EDGE = "#0b57d0"


@dataclass
class Block:
    appointment: Appointment
    rect: QtCore.QRectF
    title: str


def block_lines(metrics: QtGui.QFontMetrics, start: str, title: str, width: float, height: float) -> list[str]:
    """The text of an appointment block: the time, then the title wrapped at spaces only; a line that
    would not fit ends in an ellipsis, so a name is never cut in half. The time is isolated as a
    left-to-right run, so right-to-left text does not reorder its digits."""
    limit = max(1, int(height // metrics.lineSpacing()))
    span = max(1, int(width))
    clock = "\u2066" + start + "\u2069"
    one_line = f"{clock} {title}"
    if limit == 1 or metrics.horizontalAdvance(one_line) <= span:
        return [metrics.elidedText(one_line, Qt.TextElideMode.ElideRight, span)]
    lines, current = [clock], ""
    for word in title.split():
        candidate = f"{current} {word}".strip()
        if metrics.horizontalAdvance(candidate) <= span or not current:
            current = candidate
            continue
        lines.append(current)
        current = word
    if current:
        lines.append(current)
    if len(lines) > limit:
        lines = [*lines[: limit - 1], " ".join(lines[limit - 1 :])]
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, span) for line in lines]


def _clusters(ordered: list[Appointment], ends: dict[str, datetime]) -> list[list[Appointment]]:
    """Runs of appointments that overlap one another directly or through a chain; they share width.

    `ends` are the ends as drawn: a short appointment is drawn at least one text line tall, so the
    next one may overlap it on screen although not in time.
    """
    clusters: list[list[Appointment]] = []
    end: datetime | None = None
    for a in ordered:
        if end is None or a.start >= end:
            clusters.append([])
            end = ends[a.id]
        clusters[-1].append(a)
        end = max(end, ends[a.id])
    return clusters


def _lanes(cluster: list[Appointment], ends: dict[str, datetime]) -> dict[str, int]:
    lane_ends: list[datetime] = []
    lanes: dict[str, int] = {}
    for a in cluster:
        lane = next((i for i, end in enumerate(lane_ends) if end <= a.start), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(ends[a.id])
        else:
            lane_ends[lane] = ends[a.id]
        lanes[a.id] = lane
    return lanes


class TimeGrid(QtWidgets.QWidget):
    selected = Signal(str)  # appointment id, "" for none
    activated = Signal(str)  # Enter or double-click on an appointment
    slot_activated = Signal(datetime)  # double-click on an empty slot
    moved = Signal(str, datetime)  # appointment dragged to a new start

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.days: list[date] = [date.today()]
        self.appointments: list[Appointment] = []
        self.titles: dict[str, str] = {}
        self.selected_id = ""
        self.blocks: list[Block] = []
        self._drag: tuple[Block, QtCore.QPointF] | None = None
        self._drag_offset_minutes = 0
        self._drop_start: datetime | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(False)
        # The whole working day fits the height, so the day header never scrolls away.
        self.setMinimumHeight(HEADER_HEIGHT + (LAST_HOUR - FIRST_HOUR) * MIN_HOUR_HEIGHT)
        self.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_("Appointment grid"))

    # -- data ----------------------------------------------------------------------------------------

    def set_content(self, days: list[date], appointments: list[Appointment], titles: dict[str, str]) -> None:
        self.days = days
        self.appointments = appointments
        self.titles = titles
        if self.selected_id not in {a.id for a in appointments}:
            self.selected_id = ""
        self._layout_blocks()
        self.update()

    def select(self, appointment_id: str) -> None:
        self.selected_id = appointment_id
        self.update()
        self.selected.emit(appointment_id)

    # -- geometry ------------------------------------------------------------------------------------

    def sizeHint(self) -> QtCore.QSize:
        return QtCore.QSize(900, HEADER_HEIGHT + (LAST_HOUR - FIRST_HOUR) * 44)

    def hour_height(self) -> float:
        return max(MIN_HOUR_HEIGHT, (self.height() - HEADER_HEIGHT - 2) / (LAST_HOUR - FIRST_HOUR))

    def _column_width(self) -> float:
        return max(40.0, (self.width() - GUTTER_WIDTH) / max(1, len(self.days)))

    def _column_left(self, column: int) -> float:
        """Left edge of a day column; right-to-left layouts put Monday and the hours on the right."""
        width = self._column_width()
        if self.isRightToLeft():
            return self.width() - GUTTER_WIDTH - (column + 1) * width
        return GUTTER_WIDTH + column * width

    def y_for(self, moment: time) -> float:
        minutes = (moment.hour - FIRST_HOUR) * 60 + moment.minute
        return HEADER_HEIGHT + minutes * self.hour_height() / 60

    def moment_at(self, point: QtCore.QPointF) -> datetime | None:
        offset = self.width() - point.x() if self.isRightToLeft() else point.x()
        column = int((offset - GUTTER_WIDTH) // self._column_width())
        if offset < GUTTER_WIDTH or not 0 <= column < len(self.days) or point.y() < HEADER_HEIGHT:
            return None
        minutes = int((point.y() - HEADER_HEIGHT) * 60 / self.hour_height())
        minutes -= minutes % SNAP_MINUTES
        minutes = max(0, min(minutes, (LAST_HOUR - FIRST_HOUR) * 60 - SNAP_MINUTES))
        return datetime.combine(self.days[column], time(FIRST_HOUR)) + timedelta(minutes=minutes)

    def point_for(self, moment: datetime) -> QtCore.QPointF:
        """The middle of the slot at `moment` (used by keyboard actions and tests)."""
        column = self.days.index(moment.date())
        x = self._column_left(column) + 0.5 * self._column_width()
        return QtCore.QPointF(x, self.y_for(moment.time()) + 4)

    def _layout_blocks(self) -> None:
        self.blocks = []
        width = self._column_width()
        # A 15-minute appointment is shorter than a line of text at most window heights: it is drawn one
        # line tall (time and name readable), and what that covers counts as overlapping (side by side).
        least = self.fontMetrics().lineSpacing() + 6
        least_minutes = math.ceil(60 * least / self.hour_height())
        ends = {a.id: max(a.end, a.start + timedelta(minutes=least_minutes)) for a in self.appointments}
        for column, day in enumerate(self.days):
            todays = sorted((a for a in self.appointments if a.start.date() == day), key=lambda a: a.start)
            for cluster in _clusters(todays, ends):
                lanes = _lanes(cluster, ends)
                count = max(lanes.values()) + 1
                for a in cluster:
                    top = self.y_for(max(a.start.time(), time(FIRST_HOUR)))
                    end = a.end.time() if a.end.date() == day else time(23, 59)
                    bottom = max(top + least, self.y_for(min(end, time(LAST_HOUR))))
                    lane = count - 1 - lanes[a.id] if self.isRightToLeft() else lanes[a.id]
                    left = self._column_left(column) + lane * width / count + 2
                    rect = QtCore.QRectF(left, top + 1, width / count - 4, bottom - top - 2)
                    self.blocks.append(Block(a, rect, self.titles.get(a.id, "")))

    def block_at(self, point: QtCore.QPointF) -> Block | None:
        return next((b for b in reversed(self.blocks) if b.rect.contains(point)), None)

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout_blocks()

    # -- painting ------------------------------------------------------------------------------------

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        painter = QtGui.QPainter(self)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        self._paint_grid(painter, palette)
        for block in self.blocks:
            self._paint_block(painter, block)
        if self._drag and self._drop_start:
            block = self._drag[0]
            length = block.appointment.end - block.appointment.start
            ghost = QtCore.QRectF(block.rect)
            ghost.moveTop(self.y_for(self._drop_start.time()))
            column = self.days.index(self._drop_start.date())
            ghost.moveLeft(self._column_left(column) + 2)
            painter.setPen(QtGui.QPen(QtGui.QColor(PLANNED_EDGE), 2, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(ghost, 4, 4)
            painter.drawText(
                ghost.adjusted(4, 2, -2, 0),
                Qt.AlignmentFlag.AlignTop,
                time_range(self._drop_start, self._drop_start + length),
            )
        painter.end()

    def _paint_grid(self, painter: QtGui.QPainter, palette: QtGui.QPalette) -> None:
        width = self._column_width()
        line = palette.mid().color()
        light = QtGui.QColor(line)
        light.setAlpha(70)
        text = palette.text().color()
        today = date.today()
        for column, day in enumerate(self.days):
            x = self._column_left(column)
            if day == today:
                painter.fillRect(QtCore.QRectF(x, 0, width, self.height()), QtGui.QColor(255, 248, 225))
            painter.setPen(text)
            font = painter.font()
            font.setBold(day == today)
            painter.setFont(font)
            painter.drawText(
                QtCore.QRectF(x, 0, width, HEADER_HEIGHT), Qt.AlignmentFlag.AlignCenter, format_date(day, "EEE d MMM")
            )
            painter.setPen(line)
            edge = x + width if self.isRightToLeft() else x
            painter.drawLine(QtCore.QPointF(edge, 0), QtCore.QPointF(edge, self.height()))
        font = painter.font()
        font.setBold(False)
        painter.setFont(font)
        rtl = self.isRightToLeft()
        grid_start, grid_end = (0.0, self.width() - GUTTER_WIDTH) if rtl else (GUTTER_WIDTH, self.width())
        labels = QtCore.QRectF(self.width() - GUTTER_WIDTH + 8 if rtl else 0, 0, GUTTER_WIDTH - 8, 16)
        for hour in range(FIRST_HOUR, LAST_HOUR + 1):
            y = self.y_for(time(hour))
            painter.setPen(line)
            painter.drawLine(
                QtCore.QPointF(grid_start - (0 if rtl else 6), y), QtCore.QPointF(grid_end + (6 if rtl else 0), y)
            )
            if hour < LAST_HOUR:
                painter.setPen(light)
                half = y + self.hour_height() / 2
                painter.drawLine(QtCore.QPointF(grid_start, half), QtCore.QPointF(grid_end, half))
                painter.setPen(text)
                painter.drawText(
                    labels.translated(0, y + 2),
                    Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignTop,
                    f"{hour:02d}:00",
                )

    def _paint_block(self, painter: QtGui.QPainter, block: Block) -> None:
        a = block.appointment
        selected = a.id == self.selected_id
        painter.setBrush(QtGui.QColor(STATUS_COLOURS.get(a.status, "#eeeeee")))
        edge = QtGui.QColor(OUTREACH_EDGE if a.outreach else PLANNED_EDGE)
        painter.setPen(QtGui.QPen(edge, 2.5 if selected else 1))
        painter.drawRoundedRect(block.rect, 4, 4)
        if a.outreach:
            stripe_left = block.rect.right() - 4 if self.isRightToLeft() else block.rect.left()
            painter.fillRect(QtCore.QRectF(stripe_left, block.rect.top(), 4, block.rect.height()), edge)
        painter.setPen(QtGui.QColor("#1f1f1f"))
        font = painter.font()
        font.setStrikeOut(a.status == "cancelled")
        painter.setFont(font)
        area = block.rect.adjusted(8, 2, -3, -2)
        metrics = painter.fontMetrics()
        lines = block_lines(metrics, f"{a.start:%H:%M}", block.title, area.width(), area.height())
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextSingleLine
        for index, line in enumerate(lines):
            painter.drawText(area.adjusted(0, index * metrics.lineSpacing(), 0, 0), flags, line)
        font.setStrikeOut(False)
        painter.setFont(font)

    # -- mouse ---------------------------------------------------------------------------------------

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:
        self.setFocus()
        point = event.position()
        block = self.block_at(point)
        self.select(block.appointment.id if block else "")
        if block and event.button() == Qt.MouseButton.LeftButton and block.appointment.status == "planned":
            self._drag = (block, point)
            start = self.moment_at(QtCore.QPointF(point.x(), block.rect.top() + 1))
            grabbed = self.moment_at(point)
            offset = (grabbed - start) if start and grabbed else timedelta(0)
            self._drag_offset_minutes = int(offset.total_seconds() // 60)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QtGui.QMouseEvent) -> None:
        if self._drag is None:
            return
        origin = self._drag[1]
        if (event.position() - origin).manhattanLength() < QtWidgets.QApplication.startDragDistance():
            return
        moment = self.moment_at(event.position())
        if moment is not None:
            # Both moments are snapped, so the difference keeps the start on the snap grid.
            start = moment - timedelta(minutes=self._drag_offset_minutes)
            self._drop_start = max(start, datetime.combine(moment.date(), time(FIRST_HOUR)))
            self.update()

    def mouseReleaseEvent(self, event: QtGui.QMouseEvent) -> None:
        if self._drag is not None:
            block = self._drag[0]
            drop = self._drop_start
            self._drag = None
            self._drop_start = None
            self.update()
            if drop is not None and drop != block.appointment.start:
                self.moved.emit(block.appointment.id, drop)
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QtGui.QMouseEvent) -> None:
        block = self.block_at(event.position())
        if block:
            self.activated.emit(block.appointment.id)
            return
        moment = self.moment_at(event.position())
        if moment is not None:
            self.slot_activated.emit(moment)

    # -- keyboard ------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        ordered = sorted(self.appointments, key=lambda a: a.start)
        ids = [a.id for a in ordered]
        key = event.key()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and self._move_by_key(key):
            return
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Left) and ids:
            step = 1 if key in (Qt.Key.Key_Down, Qt.Key.Key_Right) else -1
            index = ids.index(self.selected_id) + step if self.selected_id in ids else 0
            self.select(ids[index % len(ids)])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected_id:
            self.activated.emit(self.selected_id)
        else:
            super().keyPressEvent(event)

    def _move_by_key(self, key: int) -> bool:
        """Ctrl+Up/Down moves the selected planned appointment by 15 minutes, Ctrl+Left/Right by a day."""
        steps = {
            Qt.Key.Key_Up: timedelta(minutes=-SNAP_MINUTES),
            Qt.Key.Key_Down: timedelta(minutes=SNAP_MINUTES),
            Qt.Key.Key_Left: timedelta(days=1 if self.isRightToLeft() else -1),
            Qt.Key.Key_Right: timedelta(days=-1 if self.isRightToLeft() else 1),
        }
        selected = next((a for a in self.appointments if a.id == self.selected_id), None)
        if key not in steps or selected is None or selected.status != "planned":
            return False
        self.moved.emit(selected.id, selected.start + steps[key])
        return True
