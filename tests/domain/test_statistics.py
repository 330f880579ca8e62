"""Summary figures against hand-computed expectations."""

from __future__ import annotations

from datetime import date, datetime

from beratung_desktop.domain.activities import Activity
from beratung_desktop.domain.cases import Case
from beratung_desktop.domain.clients import Client, HouseholdMember
from beratung_desktop.domain.consultations import Consultation
from beratung_desktop.domain.statistics import Period, Records, Selection, as_dict, compute, top_with_other

MARCH = Period.month(2024, 3)


def _client(cid: str, **kw) -> Client:
    values = dict(
        id=cid,
        given_name="T",
        family_name=cid,
        gender="female",
        country_of_origin="SY",
        birth_date=date(1990, 6, 1),
        arrival_date=date(2022, 5, 1),
    )
    values.update(kw)
    return Client(**values)


def _case(cid: str, client: str, service: str = "mbe", opened: date = date(2024, 1, 10), **kw) -> Case:
    return Case(
        id=cid, client_id=client, service=service, counsellor_id=kw.pop("counsellor", "u1"), opened=opened, **kw
    )


def _cons(case: Case, start: datetime, minutes: int = 30, **kw) -> Consultation:
    return Consultation(
        case_id=case.id,
        client_id=case.client_id,
        counsellor_id=kw.pop("counsellor", "u1"),
        start=start,
        minutes=minutes,
        topics=kw.pop("topics", ["housing"]),
        **kw,
    )


def _scenario() -> Records:
    clients = {
        # a: two cases (MBE and FSA), consulted in both in March: counted once; known since January.
        "a": _client(
            "a", household=[HouseholdMember(given_name="x"), HouseholdMember(given_name="y", counselled=False)]
        ),
        # b: case opened and first consultation on the last day of March, 23:30: new in March.
        "b": _client(
            "b", gender="male", country_of_origin="AF", birth_date=None, birth_year=2010, arrival_date=date(2019, 1, 1)
        ),
        # c: consulted in February only.
        "c": _client("c", country_of_origin="UA"),
    }
    cases = {
        "ka": _case("ka", "a", opened=date(2024, 1, 10), case_management=True),  # open across months
        "ka2": _case(
            "ka2", "a", service="fsa", opened=date(2024, 3, 1), closed=date(2024, 3, 20), close_reason="goals_achieved"
        ),
        "kb": _case("kb", "b", service="jmd", opened=date(2024, 3, 31)),
        "kc": _case("kc", "c", opened=date(2023, 11, 1), closed=date(2024, 2, 29), close_reason="moved_away"),
    }
    consultations = [
        _cons(cases["ka"], datetime(2024, 1, 15, 9), 60),
        _cons(cases["ka"], datetime(2024, 3, 1, 0, 0), 30, topics=["housing", "health"], interpreter_used=True),
        _cons(cases["ka2"], datetime(2024, 3, 12, 14), 45, form="phone", topics=["benefits"]),
        _cons(cases["kb"], datetime(2024, 3, 31, 23, 30), 90, form="video", topics=["health", "health"]),
        _cons(cases["kc"], datetime(2024, 2, 29, 10), 20),
        _cons(cases["ka"], datetime(2024, 4, 1, 0, 0), 15),  # first minute of April: not March
    ]
    activities = [
        Activity(
            counsellor_id="u1",
            kind="network_meeting",
            service="mbe",
            day=date(2024, 3, 31),
            minutes=120,
            participants=8,
        ),
        Activity(
            counsellor_id="u2", kind="group_offer", service="jmd", day=date(2024, 4, 1), minutes=60, participants=5
        ),
    ]
    return Records.of(clients.values(), cases.values(), consultations, activities)


def test_month_figures_by_hand():
    f = compute(MARCH, _scenario())
    assert f.clients_counselled == 2  # a (twice, two cases) and b
    assert (f.clients_new, f.clients_continuing) == (1, 1)
    assert f.household_members == 1  # only x is counselled with a
    assert f.consultations == 3
    assert f.consultations_by_form == {"in_person": 1, "phone": 1, "video": 1}
    assert f.consultations_by_service == {"fsa": 1, "jmd": 1, "mbe": 1}
    assert f.minutes_total == 165 and f.minutes_average == 55.0
    assert f.topics == {"health": 2, "benefits": 1, "housing": 1}  # b's duplicated topic counts once
    assert f.interpreter_consultations == 1
    assert (f.cases_opened, f.cases_closed) == (2, 1)
    assert f.close_reasons == {"goals_achieved": 1}
    assert f.cases_active == 3  # ka across months, ka2 and kb; kc closed in February
    assert f.countries == {"AF": 1, "SY": 1}
    # a is 33 at the end of March; b, born 2010 (year only), is 14.
    assert f.age_groups == {"12-17": 1, "28-44": 1}
    assert f.genders == {"female": 1, "male": 1}
    assert f.arrival == {"up_to_3_years": 1, "longer": 1}
    assert (f.case_management_clients, f.case_management_share) == (1, 0.5)
    assert (f.activities, f.activity_minutes, f.activity_participants) == (1, 120, 8)


def test_previous_period_and_leap_day():
    records = _scenario()
    feb = MARCH.previous()
    assert (feb.start, feb.end) == (date(2024, 2, 1), date(2024, 2, 29))
    f = compute(feb, records)
    assert f.clients_counselled == 1  # c, seen on 29 February
    assert f.clients_new == 0  # c's case was opened in November
    assert f.cases_closed == 1 and f.close_reasons == {"moved_away": 1}
    assert f.cases_active == 2  # ka open across months, kc


def test_selection_by_service_and_counsellor():
    records = _scenario()
    f = compute(MARCH, records, Selection(services=frozenset({"mbe"})))
    assert (f.clients_counselled, f.consultations, f.minutes_total) == (1, 1, 30)
    assert f.cases_opened == 0 and f.activities == 1
    assert compute(MARCH, records, Selection(counsellors=frozenset({"u9"}))).consultations == 0


def test_year_and_empty_period():
    year = Period.year(2024)
    assert year.previous() == Period.year(2023)
    f = compute(year, _scenario())
    assert f.clients_counselled == 3 and f.consultations == 6
    assert (f.clients_new, f.clients_continuing) == (2, 1)  # a and b opened in 2024, c in 2023
    empty = compute(Period.month(2025, 1), _scenario())
    assert empty.clients_counselled == 0 and empty.minutes_average == 0.0
    assert empty.case_management_share == 0.0


def test_parse_month_and_january_previous():
    assert Period.parse_month("2024-01").previous() == Period.month(2023, 12)
    for bad in ("2024-13", "24-01", "2024/01", ""):
        try:
            Period.parse_month(bad)
        except ValueError:
            continue
        raise AssertionError(bad)


def test_top_ten_countries_and_other():
    from collections import Counter

    counter = Counter({f"C{i:02d}": 20 - i for i in range(13)})
    top = top_with_other(counter)
    assert len(top) == 11 and top["other"] == 10 + 9 + 8  # C10..C12
    assert list(top)[:2] == ["C00", "C01"]


def test_previous_period_compared_on_the_current_top_ten():
    from beratung_desktop.domain.statistics import same_top

    assert same_top({"VN": 5, "SY": 3, "AF": 1}, {"SY": 9, "UA": 2, "other": 4}) == {"SY": 3, "UA": 0, "other": 6}
    assert same_top({"SY": 3}, {"SY": 1}) == {"SY": 3}


def test_json_keys_are_stable():
    d = as_dict(compute(MARCH, _scenario()))
    assert list(d) == [
        "period",
        "clients",
        "cases",
        "consultations",
        "topics",
        "countries",
        "age_groups",
        "genders",
        "arrival",
        "case_management",
        "activities",
    ]
    assert d["clients"] == {"counselled": 2, "new": 1, "continuing": 1, "household_members": 1}
    assert d["period"]["key"] == "2024-03"
