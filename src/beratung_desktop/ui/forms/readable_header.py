"""Table headers whose captions stay readable: a column is never narrower than its caption."""

from __future__ import annotations

from ..qt import Qt, QtCore, QtWidgets


def caption_width(header: QtWidgets.QHeaderView, section: int) -> int:
    """What the caption needs with the style's font, padding and sort arrow (0 for none)."""
    model = header.model()
    if model is None or not model.headerData(section, header.orientation()):
        return 0
    return max(0, header.sectionSizeHint(section))


def widen_to_captions(header: QtWidgets.QHeaderView) -> None:
    """Widens each section narrower than its caption; stretched sections get it as their minimum."""
    mode = QtWidgets.QHeaderView.ResizeMode
    stretched = 0
    last = header.logicalIndex(header.count() - 1) if header.stretchLastSection() and header.count() else -1
    for section in range(header.count()):
        need = caption_width(header, section)
        if header.sectionResizeMode(section) == mode.Stretch or section == last:
            stretched = max(stretched, need)
        elif header.sectionSize(section) < need and not header.isSectionHidden(section):
            header.resizeSection(section, need)
    if stretched > header.minimumSectionSize():
        header.setMinimumSectionSize(stretched)
    # Without room to stretch into, Qt gives stretched sections the default size, not the minimum.
    if stretched > header.defaultSectionSize():
        header.setDefaultSectionSize(stretched)


class _Follower(QtCore.QObject):
    """Re-fits the header whenever its captions change (new labels, another language)."""

    def __init__(self, header: QtWidgets.QHeaderView):
        super().__init__(header)
        self._header = header
        self._model: QtCore.QAbstractItemModel | None = None
        self._attach()

    def _attach(self) -> None:
        model = self._header.model()
        if model is not None and model is not self._model:
            self._model = model
            model.headerDataChanged.connect(self._changed)
            model.modelReset.connect(self.fit)
            model.columnsInserted.connect(self.fit)

    def _changed(self, orientation: Qt.Orientation, _first: int, _last: int) -> None:
        if orientation == self._header.orientation():
            self.fit()

    def fit(self) -> None:
        self._attach()
        widen_to_captions(self._header)


def keep_captions_readable(view: QtWidgets.QTableView) -> None:
    """Call once the view has its model; the header then follows its captions for good."""
    _Follower(view.horizontalHeader()).fit()
