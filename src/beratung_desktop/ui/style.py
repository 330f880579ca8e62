"""A calm, restrained look: Fusion with a light palette and one accent colour, sized in points."""

from __future__ import annotations

from .fonts import script_font_families
from .qt import Qt, QtGui, QtWidgets

STYLE = "Fusion"
# A QApplication built with these arguments starts in the app's style. Setting it there gives Python no
# handle on the style object: the first one costs a quarter of the unlock window's own start-up (its
# type and enums are built then), and the unlock window needs none (benchmarks/scale_benchmark.py).
STYLE_ARGUMENTS = ["-style", STYLE]
ACCENT = "#2f6f8f"
TEXT = "#1f2a30"
MUTED = "#5b6b73"
BACKGROUND = "#f5f6f7"
ERROR = "#b3261e"

STYLESHEET = f"""
QWidget {{ font-size: 10pt; }}
QMainWindow, QDialog, QWizard {{ background: {BACKGROUND}; }}
QListWidget#navigation {{ background: #e8ecee; border: none; padding-top: 8px; font-size: 11pt;
    outline: none; }}
QListWidget#navigation::item {{ padding: 10px 12px; border-radius: 6px; margin: 2px 6px; }}
QListWidget#navigation::item:selected {{ background: {ACCENT}; color: white; }}
QLabel[role="title"] {{ font-size: 15pt; font-weight: 600; color: {TEXT}; }}
QLabel[role="subtitle"] {{ font-size: 11pt; color: {MUTED}; }}
QLabel[role="hint"] {{ color: {MUTED}; }}
QLabel[role="error"] {{ color: {ERROR}; }}
QLabel[role="notice"] {{ background: #fff4d6; border: 1px solid #e6cf8a; border-radius: 4px; padding: 6px; }}
QLineEdit, QPlainTextEdit, QTextEdit {{
    padding: 4px 6px; border: 1px solid #b8c2c7; border-radius: 4px; background: white; }}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus {{ border: 1px solid {ACCENT}; }}
QLineEdit:disabled {{ background: #eef0f1; color: #6b777d; }}
QPushButton {{ padding: 5px 14px; border: 1px solid #b8c2c7; border-radius: 4px; background: white; }}
QPushButton:hover {{ border-color: {ACCENT}; }}
QPushButton:default, QPushButton[role="primary"] {{
    background: {ACCENT}; color: white; border-color: {ACCENT}; }}
QPushButton:disabled {{ color: #9aa5ab; background: #eef0f1; border-color: #d5dadd; }}
QTableView {{ background: white; alternate-background-color: #f7f9fa; gridline-color: #e3e7e9;
    selection-background-color: #cfe3ee; selection-color: {TEXT}; }}
QHeaderView::section {{ background: #eef1f3; padding: 5px 6px; border: none;
    border-bottom: 1px solid #d5dadd; font-weight: 600; }}
QTabWidget::pane {{ border: 1px solid #d5dadd; background: white; }}
QTabBar::tab {{ padding: 6px 14px; margin-right: 2px; background: #e8ecee; border: 1px solid #d5dadd;
    border-bottom: none; border-top-left-radius: 4px; border-top-right-radius: 4px; }}
QTabBar::tab:selected {{ background: white; color: {ACCENT}; font-weight: 600; }}
QTabBar::tab:hover:!selected {{ background: #f3f5f6; }}
QScrollArea#personal, QScrollArea#personal > QWidget > QWidget {{ background: white; border: none; }}
QToolBar {{ border: none; spacing: 6px; padding: 4px; background: {BACKGROUND}; }}
"""


def apply_style(app: QtWidgets.QApplication, *, started_in_style: bool = False, script_fonts: bool = True) -> None:
    """The palette and stylesheet, and the style unless the app was built with STYLE_ARGUMENTS
    (`started_in_style`). `script_fonts=False` leaves registering the script fonts to the caller (the
    desktop app does it once its first window is on screen)."""
    if script_fonts:
        script_font_families()
    if app.styleSheet() == STYLESHEET:
        return  # already applied; re-polishing every widget again would only cost time
    if not started_in_style:
        app.setStyle(STYLE)
    palette = app.palette()
    palette.setColor(QtGui.QPalette.ColorRole.Window, QtGui.QColor(BACKGROUND))
    palette.setColor(QtGui.QPalette.ColorRole.WindowText, QtGui.QColor(TEXT))
    palette.setColor(QtGui.QPalette.ColorRole.Highlight, QtGui.QColor(ACCENT))
    palette.setColor(QtGui.QPalette.ColorRole.HighlightedText, QtGui.QColor("white"))
    app.setPalette(palette)
    app.setStyleSheet(STYLESHEET)


def set_role(widget: QtWidgets.QWidget, role: str) -> None:
    """Tags a label or button for the stylesheet (title, hint, error, notice, primary)."""
    widget.setProperty("role", role)
    if not widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        return  # the stylesheet reads the role when the widget is first shown
    widget.style().unpolish(widget)
    widget.style().polish(widget)
