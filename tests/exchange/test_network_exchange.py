"""Network records in the export package: pseudonymised in the statistics scope (partners by type only,
interpreters not at all, short contacts as counts) and shown in the organisation's report."""

from __future__ import annotations

import json
from datetime import date, datetime

from beratung_desktop.domain.groups import Group, GroupSession
from beratung_desktop.domain.interpreters import Interpreter
from beratung_desktop.domain.partners import NetworkPartner
from beratung_desktop.domain.short_contacts import ShortContact
from beratung_desktop.domain.statistics import EVERYTHING, Period, as_dict
from beratung_desktop.exchange import package, pseudonymise
from beratung_desktop.services import (
    groups,
    interpreters,
    organisation,
    organisation_report,
    partners,
    short_contacts,
    statistics,
)
from beratung_desktop.services.organisation import current_records
from tests import factories

from .conftest import World

MARCH = Period.month(2024, 3)


def _fill_network(office) -> None:
    partner = partners.save_partner(
        office, NetworkPartner(name="Jobcenter Geheimstadt", kind="jobcentre", contact_person="Frau Vertraulich")
    )
    pool = interpreters.save_interpreter(office, Interpreter(name="Dolmetscherin Samira", languages=["ar"]))
    client = factories.add_client(office, support_needs=["trauma"], referred_by_partner_id=partner.id)
    case = factories.add_case(office, client, opened=date(2024, 3, 1))
    factories.add_consultation(
        office,
        case,
        start=datetime(2024, 3, 5, 10),
        referral_partner_id=partner.id,
        interpreter_id=pool.id,
        interpreter_language="ar",
    )
    young = factories.add_client(office, given_name="Jung", birth_date=date(2003, 1, 1))
    factories.add_case(office, young, opened=date(2024, 3, 2), target_group_reason="Geschwister im JMD")
    short_contacts.save_short_contact(
        office,
        ShortContact(
            counsellor_id=office.user.id,
            service="mbe",
            day=date(2024, 3, 6),
            minutes=15,
            form="phone",
            language="uk",
            gender="female",
            age_group="28-44",
            topics=["housing"],
        ),
    )
    group = groups.save_group(
        office, Group(title="Frauencafé Geheimort", service="mbe", counsellor_id=office.user.id, place="Raum 7")
    )
    groups.add_member(office, group.id, client.id, date(2024, 3, 1))
    groups.save_session(
        office, GroupSession(group_id=group.id, day=date(2024, 3, 13), present=[client.id], anonymous_present=2)
    )


def test_statistics_scope_carries_network_records_pseudonymised(world: World):
    _fill_network(world.office)
    result = world.export()
    parsed = package.parse(result.path.read_bytes(), str(result.path))
    records = package.open_records(parsed, organisation.identity(world.org).age_identity, str(result.path))
    text = json.dumps(records, ensure_ascii=False)
    for secret in ("Geheimstadt", "Vertraulich", "Samira", "Frauencafé", "Geheimort", "Raum 7", "Geschwister"):
        assert secret not in text
    raw_ids = [r.id for r in world.office.store.clients.all()] + [p.id for p in world.office.store.partners.all()]
    assert not any(i in text for i in raw_ids)
    assert "interpreters" not in records
    assert [r["kind"] for r in records["partners"]] == ["jobcentre"]
    [referral] = records["referrals"]
    assert referral["partner_id"] == records["partners"][0]["id"] and "purpose" not in referral
    [short] = records["short_contacts"]
    assert set(short) - pseudonymise.COMMON_FIELDS == {"counsellor_id", "service", "day", "minutes", "form", "language"}
    [session_row] = records["group_sessions"]
    client_pseudonyms = {r["id"] for r in records["clients"]}
    assert session_row["present"] and set(session_row["present"]) <= client_pseudonyms
    [interpreted] = [c for c in records["consultations"] if c["interpreter_used"]]
    assert interpreted["interpreter_language"] == "ar" and "interpreter_id" not in interpreted
    for record_type, rows in records.items():
        for row in rows:
            assert set(row) <= pseudonymise.ALLOWED_FIELDS[record_type] | pseudonymise.COMMON_FIELDS


def test_organisation_report_shows_the_network_figures_of_the_office(world: World):
    _fill_network(world.office)
    world.export()
    [outcome] = world.import_()
    assert outcome.status == "imported", outcome.error
    office = statistics.summary(world.office, MARCH).current.network
    org = organisation_report.summary(world.org, MARCH, EVERYTHING).current.network
    assert as_dict_network(org) == as_dict_network(office)
    assert org.referrals == 1 and org.referrals_by_kind == {"jobcentre": 1}
    assert org.interpreted_by_language == {"ar": 1}
    assert (org.short_contacts, org.group_sessions, org.group_attendances) == (1, 1, 3)
    assert org.cases_outside_target_group == 1 and org.support_needs == {"trauma": 1}
    assert len(current_records(world.org, "short_contacts")) == 1
    xlsx = organisation_report.summary_file(world.org, MARCH, "csv", "de").decode("utf-8-sig")
    assert "referrals_by_partner_type.jobcentre" in xlsx and "Kurzkontakte" in xlsx


def as_dict_network(network) -> dict:
    from beratung_desktop.domain.network_figures import network_dict

    return network_dict(network)


def test_summary_json_has_the_network_section(world: World):
    _fill_network(world.office)
    figures = statistics.summary(world.office, MARCH).current
    assert as_dict(figures)["network"]["short_contacts"]["count"] == 1
