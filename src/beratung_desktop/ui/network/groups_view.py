"""The group offers tab of the network page: the groups, one group's participants and sessions."""

from __future__ import annotations

from ...domain.catalogues import SERVICE_SHORT
from ...domain.groups import Group
from ...i18n import N_, _
from ...i18n.formatting import format_date, left_to_right
from ...services import groups
from ..clients.client_page import RecordTable
from ..qt import Qt, QtWidgets
from ..retranslating import Retranslating
from ..style import set_role
from .group_dialogs import AddMemberDialog, GroupDialog, GroupSessionDialog
from .selection import select_row


class GroupsView(Retranslating, QtWidgets.QWidget):
    def __init__(self, session, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.groups: list[Group] = []
        self.file: groups.GroupFile | None = None
        self.list = RecordTable([N_("Title"), N_("Service"), N_("Place")])
        self.list.itemSelectionChanged.connect(self._show_selected)
        self.new_button = QtWidgets.QPushButton()
        set_role(self.new_button, "primary")
        self.new_button.clicked.connect(self.new_group)
        self.edit_button = QtWidgets.QPushButton()
        self.edit_button.clicked.connect(self.edit_group)
        self.member_button = QtWidgets.QPushButton()
        self.member_button.clicked.connect(self.add_member)
        self.remove_member_button = QtWidgets.QPushButton()
        self.remove_member_button.clicked.connect(self.remove_member)
        self.session_button = QtWidgets.QPushButton()
        self.session_button.clicked.connect(self.new_session)
        self.edit_session_button = QtWidgets.QPushButton()
        self.edit_session_button.clicked.connect(self.edit_session)
        self.heading = QtWidgets.QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.members = RecordTable([N_("Participant"), N_("Joined"), N_("Sessions attended")])
        self.sessions = RecordTable([N_("Date"), N_("Time"), N_("Minutes"), N_("Attended"), N_("Without a file")])
        self.sessions.doubleClicked.connect(lambda _i: self.edit_session())
        self.members_label = QtWidgets.QLabel()
        self.sessions_label = QtWidgets.QLabel()

        left_box = QtWidgets.QWidget()
        left = QtWidgets.QVBoxLayout(left_box)
        left.setContentsMargins(0, 0, 0, 0)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.edit_button)
        row.addStretch(1)
        left.addLayout(row)
        left.addWidget(self.list, 1)
        right_box = QtWidgets.QWidget()
        right = QtWidgets.QVBoxLayout(right_box)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.heading)
        member_row = QtWidgets.QHBoxLayout()
        member_row.addWidget(self.members_label, 1)
        member_row.addWidget(self.member_button)
        member_row.addWidget(self.remove_member_button)
        right.addLayout(member_row)
        right.addWidget(self.members, 2)
        session_row = QtWidgets.QHBoxLayout()
        session_row.addWidget(self.sessions_label, 1)
        session_row.addWidget(self.session_button)
        session_row.addWidget(self.edit_session_button)
        right.addLayout(session_row)
        right.addWidget(self.sessions, 3)
        split = QtWidgets.QSplitter()
        split.addWidget(left_box)
        split.addWidget(right_box)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(split, 1)
        self.retranslate()
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        keep = select or (self.selected().id if self.selected() else None)
        self.groups = groups.list_groups(self.session)
        self.list.fill([[g.title, SERVICE_SHORT.get(g.service, g.service), g.place] for g in self.groups])
        rows = [i for i, g in enumerate(self.groups) if g.id == keep]
        if rows or (self.groups and keep is None):
            select_row(self.list, rows[0] if rows else 0)
        self._show_selected()

    def selected(self) -> Group | None:
        row = self.list.currentRow()
        if 0 <= row < len(self.groups) and self.list.selectionModel().hasSelection():
            return self.groups[row]
        return None

    def _show_selected(self) -> None:
        group = self.selected()
        for b in (
            self.edit_button,
            self.member_button,
            self.remove_member_button,
            self.session_button,
            self.edit_session_button,
        ):
            b.setEnabled(group is not None)
        if group is None:
            self.file = None
            self.heading.setText(_("Choose a group in the list, or create one."))
            self.members.fill([])
            self.sessions.fill([])
            return
        self.file = file = groups.group_file(self.session, group.id)
        since = left_to_right(format_date(group.first_day)) if group.first_day else "–"
        self.heading.setText(
            f"<h3>{group.title}</h3>"
            + _(
                "Facilitator: {name} · Place: {place} · since {date} · participants without a client file: {count}"
            ).format(
                name=group.facilitator or "–", place=group.place or "–", date=since, count=group.anonymous_participants
            )
        )
        attended = {m.client_id: sum(1 for s in file.sessions if m.client_id in s.present) for m in file.members}
        self.members.fill(
            [
                [file.names.get(m.client_id, "?"), format_date(m.joined), str(attended[m.client_id])]
                for m in file.members
            ]
        )
        self.sessions.fill(
            [
                [format_date(s.day), s.start_time, str(s.minutes), str(len(s.present)), str(s.anonymous_present)]
                for s in file.sessions
            ]
        )

    def _accepted(self, dialog: QtWidgets.QDialog) -> bool:
        return dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted

    def new_group(self) -> None:
        dialog = GroupDialog(self.session, parent=self)
        created: list[str] = []
        dialog.saved.connect(created.append)
        if self._accepted(dialog):
            self.refresh(select=created[0] if created else None)

    def edit_group(self) -> None:
        group = self.selected()
        if group is not None and self._accepted(GroupDialog(self.session, group, parent=self)):
            self.refresh()

    def add_member(self) -> None:
        group = self.selected()
        if group is not None and self._accepted(AddMemberDialog(self.session, group, parent=self)):
            self._show_selected()

    def remove_member(self) -> None:
        row = self.members.currentRow()
        if self.file is None or not (0 <= row < len(self.file.members)):
            return
        member = self.file.members[row]
        answer = QtWidgets.QMessageBox.question(
            self,
            _("Remove participant"),
            _("Remove {name} from the group? The sessions they attended keep their attendance.").format(
                name=self.file.names.get(member.client_id, "?")
            ),
        )
        if answer == QtWidgets.QMessageBox.StandardButton.Yes:
            groups.remove_member(self.session, member.id)
            self._show_selected()

    def new_session(self) -> None:
        if self.file is not None and self._accepted(GroupSessionDialog(self.session, self.file, parent=self)):
            self._show_selected()

    def edit_session(self) -> None:
        row = self.sessions.currentRow()
        if self.file is None or not (0 <= row < len(self.file.sessions)):
            return
        dialog = GroupSessionDialog(self.session, self.file, self.file.sessions[row], parent=self)
        if self._accepted(dialog):
            self._show_selected()

    def retranslate(self) -> None:
        self.new_button.setText(_("&New group…"))
        self.edit_button.setText(_("&Edit…"))
        self.member_button.setText(_("Add &participant…"))
        self.remove_member_button.setText(_("&Remove"))
        self.session_button.setText(_("New &session…"))
        self.edit_session_button.setText(_("A&ttendance…"))
        self.members_label.setText(_("Participants with a client file"))
        self.sessions_label.setText(_("Sessions and attendance"))
        self.list.setAccessibleName(_("Group offers"))
        if self.groups:
            self._show_selected()
