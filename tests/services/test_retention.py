"""Retention: a review list a person confirms, legal holds keep clients off it, machine policy wins."""

from __future__ import annotations

import json
from datetime import date

from beratung_desktop.cli import main
from beratung_desktop.domain.consents import Consent
from beratung_desktop.services import accounts, casework, privacy
from beratung_desktop.services.session import Session
from beratung_desktop.storage.keyslots import TEST_KDF
from tests.conftest import PASSWORD
from tests.factories import add_case, add_client

TODAY = date(2026, 6, 1)


def _closed_client(session: Session, family: str, closed: date, service: str = "mbe"):
    # Young enough for the JMD, adult enough for the MBE in the year the case opened (target groups).
    born = date(2004, 5, 17) if service == "jmd" else date(1984, 5, 17)
    client = add_client(session, family_name=family, birth_date=born)
    case = add_case(session, client, service=service, opened=date(2020, 1, 10))
    casework.close_case(session, case.id, closed, "goals_achieved")
    return client


def test_review_list_by_service_months_holds_and_withdrawn_consent(session: Session) -> None:
    due = _closed_client(session, "Faellig", date(2023, 1, 31))  # 36 months: due 2026-01-31
    not_yet = _closed_client(session, "Nochnicht", date(2024, 1, 31))
    jmd = _closed_client(session, "Jugend", date(2025, 1, 31), service="jmd")  # jmd: 12 months
    held = _closed_client(session, "Gesperrt", date(2022, 1, 31))
    privacy.place_hold(session, held.id, "Klage anhängig", until=date(2027, 1, 1))
    open_client = add_client(session, family_name="Widerruf")
    add_case(session, open_client)
    casework.save_consent(
        session,
        Consent(client_id=open_client.id, purpose="data_storage", given=date(2024, 1, 1), withdrawn=date(2026, 5, 2)),
    )
    privacy.set_retention_months(session, {"jmd": 12})
    policy = privacy.retention_policy(session, None, 36)
    items = privacy.review_list(session, policy, TODAY)
    assert [(i.name, i.reason) for i in items] == [
        ("Faellig, Testa", "retention_expired"),
        ("Jugend, Testa", "retention_expired"),
        ("Widerruf, Testa", "consent_withdrawn"),
    ]
    assert not_yet.id not in {i.client_id for i in items} and held.id not in {i.client_id for i in items}
    # Machine policy fixes one value for every service: 48 months leaves only the withdrawn consent.
    fixed = privacy.retention_policy(session, 48, 36)
    assert [i.name for i in privacy.review_list(session, fixed, TODAY)] == ["Widerruf, Testa"]
    results = privacy.erase_reviewed(session, items[:1], TODAY)
    assert isinstance(results[0][1], privacy.ErasureResult)
    assert not session.store.clients.exists(due.id) and session.store.clients.exists(jmd.id)


def test_machine_settings_fix_retention_months(session: Session, settings_store) -> None:
    machine = settings_store.machine_path
    machine.write_text(json.dumps({"retention_months": 6}))
    policy = privacy.policy_from_settings(session, settings_store)
    assert policy.fixed and policy.months("mbe") == 6
    machine.unlink()
    assert not privacy.policy_from_settings(session, settings_store).fixed


def test_cli_apply_lists_without_confirm_and_erases_with_it(data_dir, monkeypatch, capsys) -> None:
    session, _ = accounts.create_store(data_dir, "anna", PASSWORD, office_name="Test", kdf=TEST_KDF)
    client = _closed_client(session, "Alt", date(2020, 1, 31))
    session.close()
    base = ["--data-dir", str(data_dir), "--user", "anna", "--password-stdin", "retention"]
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(f"{PASSWORD}\n"))
    assert main([*base, "apply"], kdf=TEST_KDF) == 0
    out = capsys.readouterr().out
    assert "Alt, Testa" in out and "Nothing was erased" in out
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(f"{PASSWORD}\n"))
    assert main([*base, "apply", "--confirm"], kdf=TEST_KDF) == 0
    assert "1 clients erased, 0 refused." in capsys.readouterr().out
    session = accounts.unlock(data_dir, "anna", PASSWORD)
    assert not session.store.clients.exists(client.id)
    session.close()
