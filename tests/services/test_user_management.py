"""Team leads manage colleagues; first passwords must be replaced; only administrators make administrators."""

from __future__ import annotations

import pytest

from beratung_desktop.domain.validation import ValidationError
from beratung_desktop.services import accounts
from beratung_desktop.services.session import PermissionDenied
from beratung_desktop.storage.errors import WrongPassword
from beratung_desktop.storage.keyslots import TEST_KDF

LEAD = "lead's own password 1"
FIRST = "first password for you"


@pytest.fixture
def lead(session):
    accounts.add_user(session, "tara", "team_lead", LEAD, kdf=TEST_KDF)
    lead = accounts.unlock(session.store.folder, "tara", LEAD, kdf=TEST_KDF)
    yield lead
    lead.close()


def test_a_first_password_must_be_replaced_and_then_opens_nothing(lead):
    accounts.add_user(lead, "berta", "counsellor", FIRST, kdf=TEST_KDF, must_change=True)
    folder = lead.store.folder
    berta = accounts.unlock(folder, "berta", FIRST, kdf=TEST_KDF)
    assert accounts.password_change_required(berta)
    with pytest.raises(accounts.SamePassword):
        accounts.choose_own_password(berta, FIRST, kdf=TEST_KDF)
    with pytest.raises(ValidationError):
        accounts.choose_own_password(berta, "berta", kdf=TEST_KDF)
    accounts.choose_own_password(berta, "berta's very own words", kdf=TEST_KDF)
    assert not accounts.password_change_required(berta)
    berta.close()
    with pytest.raises(WrongPassword):
        accounts.unlock(folder, "berta", FIRST, kdf=TEST_KDF)
    again = accounts.unlock(folder, "berta", "berta's very own words", kdf=TEST_KDF)
    assert not accounts.password_change_required(again)
    # A change from the settings page asks for the current password first.
    with pytest.raises(WrongPassword):
        accounts.choose_own_password(again, "another good sentence", current_password="wrong one", kdf=TEST_KDF)
    accounts.choose_own_password(
        again, "another good sentence", current_password="berta's very own words", kdf=TEST_KDF
    )
    again.close()


def test_team_lead_resets_a_colleague_who_then_must_choose_again(lead):
    accounts.add_user(lead, "berta", "counsellor", "berta's own password", kdf=TEST_KDF)
    accounts.reset_password(lead, "berta", FIRST, kdf=TEST_KDF)
    berta = accounts.unlock(lead.store.folder, "berta", FIRST, kdf=TEST_KDF)
    assert accounts.password_change_required(berta)
    berta.close()
    assert [c.user.name for c in accounts.colleagues(lead) if c.must_change_password] == ["berta"]


def test_only_administrators_make_or_touch_administrators(lead, session):
    with pytest.raises(PermissionDenied):
        accounts.add_user(lead, "root", "admin", FIRST, kdf=TEST_KDF)
    with pytest.raises(PermissionDenied):
        accounts.reset_password(lead, "anna", FIRST, kdf=TEST_KDF)
    with pytest.raises(PermissionDenied):
        accounts.remove_user(lead, "anna")
    accounts.add_user(session, "root", "admin", FIRST, kdf=TEST_KDF)


def test_counsellors_manage_no_one(session):
    accounts.add_user(session, "carla", "counsellor", "carla's own password", kdf=TEST_KDF)
    carla = accounts.unlock(session.store.folder, "carla", "carla's own password", kdf=TEST_KDF)
    try:
        for attempt in (
            lambda: accounts.add_user(carla, "dora", "counsellor", FIRST, kdf=TEST_KDF),
            lambda: accounts.reset_password(carla, "anna", FIRST, kdf=TEST_KDF),
            lambda: accounts.colleagues(carla),
        ):
            with pytest.raises(PermissionDenied):
                attempt()
    finally:
        carla.close()
