"""First run: the wizard creates a real encrypted store and insists the recovery key was kept."""

from __future__ import annotations

from beratung_desktop.services import accounts
from beratung_desktop.storage.keyslots import TEST_KDF
from beratung_desktop.ui.qt import QtWidgets
from beratung_desktop.ui.setup_wizard import SetupWizard

PASSWORD = "a long and quiet river"


def _next(wizard: SetupWizard) -> None:
    button = wizard.button(QtWidgets.QWizard.WizardButton.NextButton)
    if not button.isVisible():
        button = wizard.button(QtWidgets.QWizard.WizardButton.CommitButton)
    assert button.isEnabled()
    button.click()


def test_wizard_creates_store_and_requires_kept_key(qtbot, tmp_path):
    folder = tmp_path / "office"
    wizard = SetupWizard(folder, kdf=TEST_KDF)
    qtbot.addWidget(wizard)
    wizard.show()

    assert not wizard.button(QtWidgets.QWizard.WizardButton.NextButton).isEnabled()
    qtbot.keyClicks(wizard.office_page.office, "Beratungsstelle Nord")
    _next(wizard)
    qtbot.keyClicks(wizard.user_page.display, "Berta Beispiel")
    assert wizard.user_page.login.text() == "berta"
    _next(wizard)

    page = wizard.password_page
    qtbot.keyClicks(page.password, "short")
    assert "Too short" in page.strength_hint.text()
    page.password.clear()
    qtbot.keyClicks(page.password, PASSWORD)
    qtbot.keyClicks(page.repeat, PASSWORD + "x")
    assert not page.isComplete()
    assert page.mismatch.text()
    page.repeat.clear()
    qtbot.keyClicks(page.repeat, PASSWORD)
    assert page.isComplete()
    assert page.strength.value() >= 2
    _next(wizard)

    qtbot.waitUntil(lambda: wizard.session is not None, timeout=10000)
    recovery = wizard.recovery_page
    assert recovery.key.text() == wizard.recovery_key
    finish = wizard.button(QtWidgets.QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled(), "finishing needs the confirmation"
    wizard.reject()
    assert wizard.isVisible(), "the wizard may not be closed before the key was confirmed"
    recovery.kept.setChecked(True)
    assert finish.isEnabled()
    finish.click()
    assert wizard.result() == QtWidgets.QDialog.DialogCode.Accepted

    wizard.session.close()
    session = accounts.unlock(folder, "berta", PASSWORD, kdf=TEST_KDF)
    assert session.store.meta("office_name") == "Beratungsstelle Nord"
    assert session.user.display_name == "Berta Beispiel" and session.user.role == "admin"
    session.close()


def test_recovery_key_saved_atomically(qtbot, tmp_path):
    wizard = SetupWizard(tmp_path / "office", kdf=TEST_KDF)
    qtbot.addWidget(wizard)
    wizard.setField("office", "Office")
    wizard.recovery_page.key.setText("ABCD-EFGH")
    target = tmp_path / "key.txt"
    wizard.recovery_page.write_key(target)
    assert "ABCD-EFGH" in target.read_text("utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_wizard_suggests_a_login_with_the_umlaut_spelled_out(qtbot, tmp_path):
    wizard = SetupWizard(tmp_path / "office", kdf=TEST_KDF)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.office_page.office, "Beratungsstelle Nord")
    _next(wizard)
    # QTest types ASCII only; insert() edits like typing does and emits textEdited.
    wizard.user_page.display.insert("Jürgen Weiß")
    assert wizard.user_page.login.text() == "juergen"


def test_printed_recovery_key_is_large_monospaced_and_grouped(qtbot, tmp_path):
    wizard = SetupWizard(tmp_path / "office", kdf=TEST_KDF)
    qtbot.addWidget(wizard)
    key = "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789"
    wizard.recovery_page.key.setText(key)
    sheet = wizard.recovery_page.key_sheet()
    lines = sheet.toPlainText().splitlines()
    assert "ABCD  EFGH  JKLM  NPQR" in [line.replace("\xa0", " ") for line in lines]
    assert "STUV  WXYZ  2345  6789" in [line.replace("\xa0", " ") for line in lines]
    block = sheet.find("ABCD")
    font = block.charFormat().font()
    assert font.pointSizeF() >= 20
    assert "DejaVu Sans Mono" in font.families()
