"""Deterministic demo data: a realistic office with counsellors, partners, clients and three years of work.

Everything is drawn from one `random.Random(seed)` relative to a fixed `today`, so the same seed and day
give the same data. Records are written with the repositories' bulk `add_many`; the domain validators
accept every generated record (checked in the tests, not here, to keep generation fast).
"""

from __future__ import annotations

import random
import shutil
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from ..domain.activities import Activity
from ..domain.agreements import AgreementGoal
from ..domain.appointments import Appointment
from ..domain.cases import SERVICE_AGE_LIMITS, Case
from ..domain.clients import Client, HouseholdMember
from ..domain.consents import Consent
from ..domain.consultations import Consultation
from ..domain.partners import NetworkPartner
from ..domain.referrals import Referral
from ..domain.users import User
from ..errors import N_, AppError
from ..storage.keyslots import DEFAULT_KDF, KdfParams
from ..storage.store import Store, store_exists
from . import accounts
from . import demo_texts as texts
from .demo_network import NetworkDemo, group_candidates
from .demo_population import PROFILES, REFUGEE_STATUSES, CountryProfile, name_list
from .session import Session

DEMO_USER = "demo"
DEMO_PASSWORD = "demo-passwort"
DEMO_OFFICE = "Beratungsstelle Demo"
DEMO_CLIENTS = 1500
DEMO_SEED = 2024
DEMO_RUNS_KEY = "demo_runs"


class NotADemoStore(AppError):
    message = N_(
        "Demo data goes only into a demo store (create one with 'init --demo' in an empty folder): it adds "
        "accounts with a published password. Nothing was changed."
    )


# meta entry counting generator runs on a store
YEARS = 3
BATCH = 1000  # clients per bulk write

_FORMS = (("in_person", 62), ("phone", 18), ("video", 5), ("outreach", 9), ("group", 6))
_MINUTES = ((15, 10), (30, 30), (45, 28), (60, 22), (90, 8), (120, 2))
_SERVICE_TOPICS: dict[str, tuple[tuple[str, float], ...]] = {
    "mbe": (
        ("residence_law", 14),
        ("language_course", 14),
        ("work_recognition", 16),
        ("housing", 8),
        ("health", 6),
        ("school_childcare", 6),
        ("benefits", 12),
        ("family", 6),
        ("debts", 4),
        ("authorities", 12),
        ("psychosocial", 2),
        ("other", 3),
    ),
    "jmd": (
        ("language_course", 16),
        ("work_recognition", 22),
        ("school_childcare", 18),
        ("residence_law", 8),
        ("family", 8),
        ("authorities", 8),
        ("psychosocial", 8),
        ("housing", 4),
        ("benefits", 4),
        ("health", 2),
        ("other", 2),
    ),
    "fsa": (
        ("residence_law", 22),
        ("housing", 14),
        ("health", 10),
        ("authorities", 16),
        ("benefits", 10),
        ("psychosocial", 8),
        ("language_course", 8),
        ("school_childcare", 6),
        ("family", 4),
        ("other", 2),
    ),
    "msa": (
        ("residence_law", 20),
        ("housing", 12),
        ("health", 10),
        ("authorities", 16),
        ("benefits", 12),
        ("psychosocial", 8),
        ("language_course", 10),
        ("family", 6),
        ("other", 6),
    ),
    "labour_mentoring": (("work_recognition", 60), ("language_course", 20), ("authorities", 10), ("benefits", 10)),
}
_RESPONSIBLE = (("together", 50), ("client", 30), ("counsellor", 15), ("partner", 5))
_CLOSE_REASONS = (
    ("goals_achieved", 35),
    ("client_ended", 12),
    ("no_contact", 25),
    ("moved_away", 10),
    ("referred", 12),
    ("other", 6),
)


@dataclass
class DemoSummary:
    users: int = 0
    partners: int = 0
    clients: int = 0
    cases: int = 0
    consultations: int = 0
    goals: int = 0
    consents: int = 0
    appointments: int = 0
    activities: int = 0
    interpreters: int = 0
    referrals: int = 0
    groups: int = 0
    group_sessions: int = 0
    short_contacts: int = 0
    documents: int = 0
    deadlines: int = 0

    def items(self) -> list[tuple[str, int]]:
        return [(f.name, getattr(self, f.name)) for f in fields(self)]


# -- small random helpers ----------------------------------------------------------------------------


class _Dice:
    """The seeded random source with the draws the generator needs."""

    def __init__(self, seed: int, id_offset: int = 0):
        self.rng = random.Random(seed)
        # Ids come from their own stream, shifted by the number of earlier demo runs on this store, so
        # running the generator again with the same seed adds new records instead of colliding.
        self.ids = random.Random(f"{seed}:{id_offset}")

    def uid(self) -> str:
        return str(uuid.UUID(int=self.ids.getrandbits(128), version=4))

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, items: Sequence):
        return items[int(self.rng.random() * len(items))]

    def weighted(self, pairs: Sequence[tuple[object, float]]):
        return self.rng.choices([p[0] for p in pairs], [p[1] for p in pairs])[0]

    def day_between(self, low: date, high: date) -> date:
        span = (high - low).days
        return low + timedelta(days=self.rng.randint(0, max(span, 0)))


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _workday(day: date, low: date, high: date) -> date:
    """The nearest Monday-to-Friday within [low, high]; the day itself when none is near."""
    if day.weekday() < 5:
        return day
    for shift in (-1, 1, -2, 2):
        moved = day + timedelta(days=shift)
        if moved.weekday() < 5 and low <= moved <= high:
            return moved
    return day


def _stamp(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


# -- the generator -----------------------------------------------------------------------------------


@dataclass
class _Staff:
    user: User
    services: tuple[str, ...]


class _Office:
    def __init__(self, session: Session, seed: int, today: date, kdf: KdfParams, password: str):
        self.session = session
        self.store = session.store
        self.dice = _Dice(seed, int(self.store.meta(DEMO_RUNS_KEY, "0") or 0))
        self.today = today
        self.start = _add_years(today, -YEARS)
        self.kdf = kdf
        self.password = password
        self.summary = DemoSummary()
        self.staff: list[_Staff] = []
        self.partners: list[NetworkPartner] = []
        self.partners_by_kind: dict[str, list[NetworkPartner]] = {}
        self.numbers: dict[int, int] = {}
        self.upcoming_slots: dict[tuple[str, date], set[int]] = {}
        self.past_slots: dict[tuple[str, date], set[int]] = {}
        self.upcoming_chance = 0.1
        self.country_weights = tuple((p, p.weight) for p in PROFILES)
        self.network = NetworkDemo(seed, int(self.store.meta(DEMO_RUNS_KEY, "0") or 0), today, self.start)
        self.group_candidates: list[Client] = []

    # people of the office

    def add_staff(self, counsellors: int) -> None:
        chosen = list(texts.COUNSELLORS[:counsellors])
        for name, display, services in [*chosen, texts.TEAM_LEAD]:
            role = "team_lead" if name == texts.TEAM_LEAD[0] else "counsellor"
            user = self.store.users.by_name(name)
            if user is None:
                user = accounts.add_user(self.session, name, role, self.password, display_name=display, kdf=self.kdf)
                self.summary.users += 1
            self.staff.append(_Staff(user, services))
        if self.session.user.name == DEMO_USER:
            # The demo account counsels too, so its start page and calendar show a working day.
            self.staff.append(_Staff(self.session.user, ("mbe", "fsa")))

    def add_partners(self) -> None:
        existing = {p.name: p for p in self.store.partners.all()}
        new: list[NetworkPartner] = []
        for name, kind in texts.PARTNERS:
            partner = existing.get(name)
            if partner is None:
                partner = NetworkPartner(
                    id=self.dice.uid(),
                    name=name,
                    kind=kind,
                    contact="info@example.org",
                    created_at=_stamp(self.start),
                    updated_at=_stamp(self.start),
                )
                self.network.partner_details(partner, len(new))
                new.append(partner)
            self.partners.append(partner)
            self.partners_by_kind.setdefault(kind, []).append(partner)
        self.summary.partners += self.store.partners.add_many(new)

    def counsellor_for(self, service: str) -> User:
        offering = [s.user for s in self.staff if service in s.services]
        return self.dice.pick(offering or [s.user for s in self.staff])

    # clients

    def next_number(self, year: int) -> str:
        if year not in self.numbers:
            last = self.store.clients.next_number(year)
            self.numbers[year] = int(last.split("-")[1]) - 1
        self.numbers[year] += 1
        return f"{year}-{self.numbers[year]:05d}"

    def new_client(self) -> Client:
        d = self.dice
        profile: CountryProfile = d.weighted(self.country_weights)
        names = name_list(profile.code)
        gender = "female" if d.chance(profile.female_share) else "male"
        if d.chance(0.01):
            gender = d.pick(("diverse", "unspecified"))
        given = d.pick(names.given_names(gender))
        family = d.pick(names.family_names(gender))
        age = self._age(d)
        born = self.today - timedelta(days=int(age * 365.25) + d.rng.randint(0, 364))
        year_only = d.chance(0.12)
        if not year_only and d.chance(0.05):
            born = date(born.year, 1, 1)  # "01.01." as often written in refugee documents
        status = d.weighted(tuple(profile.statuses.items()))
        arrival = self._arrival(profile, born)
        languages = [profile.languages[0]]
        if len(profile.languages) > 1 and d.chance(0.3):
            languages.append(profile.languages[1])
        for extra in ("en", "de"):
            if d.chance(0.2):
                languages.append(extra)
        client = Client(
            id=d.uid(),
            given_name=given[0],
            family_name=family[0],
            given_name_original=given[1],
            family_name_original=family[1],
            birth_date=None if year_only else born,
            birth_year=born.year if year_only else None,
            gender=gender,
            country_of_origin=profile.code,
            nationality="XX" if d.chance(0.01) else profile.code,
            languages=languages,
            interpreter_needed=d.chance(profile.interpreter_share),
            residence_status=status,
            arrival_date=arrival,
            notes=d.pick(texts.CLIENT_NOTES),
        )
        if d.chance(0.6):
            client.phone = f"01{d.rng.randint(51, 79)} {d.rng.randint(1000000, 9999999)}"
        if d.chance(0.7):
            client.address = f"{d.pick(texts.STREETS)} {d.rng.randint(1, 120)}, {d.pick(texts.TOWNS)}"
        if d.chance(0.4):
            client.household = self._household(client, names)
        return client

    @staticmethod
    def _age(d: _Dice) -> int:
        band = d.rng.random()
        if band < 0.32:
            return d.rng.randint(13, 27)
        if band < 0.92:
            return d.rng.randint(28, 60)
        return d.rng.randint(61, 78)

    def _arrival(self, profile: CountryProfile, born: date) -> date | None:
        d = self.dice
        wave = d.weighted(tuple(((lo, hi), w) for lo, hi, w in profile.arrivals))
        low, high = wave[0], min(wave[1] or self.today, self.today)
        low = max(low, born)
        if low > high:
            return None  # born here after the family arrived
        return d.day_between(low, high)

    def _household(self, client: Client, names) -> list[HouseholdMember]:
        d = self.dice
        members = []
        born = client.effective_birth_year or self.today.year - 30
        age = self.today.year - born
        if age >= 22 and d.chance(0.7):
            partner_gender = "male" if client.gender == "female" else "female"
            given = d.pick(names.given_names(partner_gender))
            members.append(
                HouseholdMember(
                    given_name=given[0],
                    family_name=client.family_name,
                    relation="Ehepartner/in",
                    birth_year=born + d.rng.randint(-6, 6),
                    counselled=d.chance(0.6),
                )
            )
        if 22 <= age <= 55:
            for _ in range(d.rng.randint(0, 4)):
                child_year = min(self.today.year, born + d.rng.randint(20, 40))
                given = d.pick(names.given_names(d.pick(("male", "female"))))
                members.append(
                    HouseholdMember(
                        given_name=given[0],
                        family_name=client.family_name,
                        relation="Kind",
                        birth_year=child_year,
                        counselled=d.chance(0.2),
                    )
                )
        return members

    # cases

    def service_windows(self, client: Client) -> list[tuple[str, date, date, float]]:
        """Services the client may use, each with the days a case could open and a weight."""
        earliest = max(self.start, client.arrival_date or self.start)
        options = []

        def window(low_age: int, high_age: int) -> tuple[date, date] | None:
            if client.birth_date:
                low = _add_years(client.birth_date, low_age)
                high = _add_years(client.birth_date, high_age + 1) - timedelta(days=1)
            else:
                year = client.birth_year or 1980
                low, high = date(year + low_age, 1, 1), date(year + high_age, 12, 31)
            low, high = max(low, earliest), min(high, self.today)
            return (low, high) if low <= high else None

        jmd = window(*SERVICE_AGE_LIMITS["jmd"])
        if jmd:
            options.append(("jmd", *jmd, 6.0))
        adult = window(18, 120)
        if adult:
            options.append(("mbe", *adult, 5.0))
            if client.residence_status in REFUGEE_STATUSES:
                options.append(("fsa", *adult, 4.0))
                options.append(("msa", *adult, 1.5))
            if client.residence_status in ("residence_permit", "settlement_permit", "eu_citizen", "refugee"):
                options.append(("labour_mentoring", *adult, 0.8))
        return options

    def new_cases(self, client: Client) -> list[Case]:
        d = self.dice
        options = self.service_windows(client)
        if not options:
            return []
        count = 2 if d.chance(0.15) and len(options) > 1 else 1
        cases = []
        for _ in range(count):
            service, low, high, _weight = d.weighted(tuple((o, o[3]) for o in options))
            options = [o for o in options if o[0] != service]
            opened = _workday(d.day_between(low, high), low, high)
            case = Case(
                id=d.uid(),
                client_id=client.id,
                service=service,
                counsellor_id=self.counsellor_for(service).id,
                opened=opened,
                case_management=d.chance(0.25 if service in ("mbe", "jmd") else 0.1),
                created_at=_stamp(opened),
                updated_at=_stamp(opened),
            )
            if (self.today - opened).days > 120 and d.chance(0.55):
                closed = min(self.today, opened + timedelta(days=d.rng.randint(30, 540)))
                case.closed = closed
                case.close_reason = d.weighted(_CLOSE_REASONS)
                case.updated_at = _stamp(closed)
            cases.append(case)
            if not options:
                break
        return cases

    # consultations, goals, consents, appointments

    def consultations(self, client: Client, case: Case) -> list[Consultation]:
        d = self.dice
        # Consultations lie before today: today's work is still ahead as planned appointments.
        end = max(case.opened, min(case.closed or self.today, self.today - timedelta(days=1)))
        mean = 20 if case.case_management else 6
        count = max(1, round(d.rng.expovariate(1 / mean)))
        span = (end - case.opened).days
        days = sorted([case.opened] + [case.opened + timedelta(days=d.rng.randint(0, span)) for _ in range(count - 1)])
        colleagues = [s.user.id for s in self.staff]
        result = []
        for day in days:
            day = _workday(day, case.opened, end)
            # Only a case opened today has a consultation today: early, so it is over by the time one looks.
            last_hour = 9 if day >= self.today else 16
            start = datetime.combine(day, time(d.rng.randint(8, last_hour), d.pick((0, 15, 30, 45))))
            topics = self._topics(case.service)
            form = d.weighted(_FORMS)
            interpreter = (client.interpreter_needed and form != "group" and d.chance(0.7)) or d.chance(0.02)
            referral = self._referral(topics[0]) if d.chance(0.12) else None
            notes = d.pick(texts.TOPIC_NOTES[topics[0]]) if d.chance(0.35) else ""
            counsellor = case.counsellor_id if d.chance(0.9) else d.pick(colleagues)
            result.append(
                Consultation(
                    id=d.uid(),
                    case_id=case.id,
                    client_id=client.id,
                    counsellor_id=counsellor,
                    start=start,
                    minutes=d.weighted(_MINUTES),
                    form=form,
                    topics=topics,
                    interpreter_used=interpreter,
                    referral_partner_id=referral,
                    notes=notes,
                    created_at=_stamp(day, 17),
                    updated_at=_stamp(day, 17),
                )
            )
        return result

    def _topics(self, service: str) -> list[str]:
        d = self.dice
        weights = _SERVICE_TOPICS[service]
        topics = [d.weighted(weights)]
        for _ in range(d.weighted(((0, 55), (1, 35), (2, 10)))):
            extra = d.weighted(weights)
            if extra not in topics:
                topics.append(extra)
        return topics

    def _referral(self, topic: str) -> str | None:
        kinds = texts.TOPIC_PARTNER_KINDS.get(topic, ("other",))
        candidates = [p for k in kinds for p in self.partners_by_kind.get(k, [])]
        return self.dice.pick(candidates).id if candidates else None

    def goals(self, case: Case, topics: list[str]) -> list[AgreementGoal]:
        d = self.dice
        goals = []
        usable = [t for t in dict.fromkeys(topics) if t in texts.TOPIC_GOALS] or ["language_course"]
        for topic in usable[: d.rng.randint(2, 4)]:
            goal_text, steps = d.pick(texts.TOPIC_GOALS[topic])
            due = case.opened + timedelta(days=d.rng.randint(30, 240))
            if case.closed:
                status = d.weighted((("achieved", 60), ("dropped", 25), ("in_progress", 15)))
                status = "achieved" if status == "in_progress" else status
            elif due < self.today:
                # Some goals past their date stay open: they show up as overdue in the demo.
                status = d.weighted((("achieved", 50), ("in_progress", 25), ("open", 15), ("dropped", 10)))
            else:
                status = d.weighted((("open", 50), ("in_progress", 45), ("achieved", 5)))
            reviewed = min(self.today, case.opened + timedelta(days=d.rng.randint(14, 120)))
            goals.append(
                AgreementGoal(
                    id=d.uid(),
                    case_id=case.id,
                    goal=goal_text,
                    steps=list(steps),
                    responsible=d.weighted(_RESPONSIBLE),
                    due=due,
                    status=status,
                    reviewed=reviewed if d.chance(0.7) else None,
                    created_at=_stamp(case.opened),
                    updated_at=_stamp(reviewed),
                )
            )
        return goals

    def consents(self, client: Client, first_day: date) -> list[Consent]:
        d = self.dice
        consents = []
        if d.chance(0.96):
            withdrawn = (first_day + timedelta(days=d.rng.randint(30, 400))) if d.chance(0.02) else None
            consents.append(
                Consent(
                    id=d.uid(),
                    client_id=client.id,
                    purpose="data_storage",
                    given=first_day,
                    withdrawn=withdrawn if withdrawn and withdrawn <= self.today else None,
                    created_at=_stamp(first_day),
                    updated_at=_stamp(first_day),
                )
            )
        if d.chance(0.7):
            consents.append(
                Consent(
                    id=d.uid(),
                    client_id=client.id,
                    purpose="statistics_export",
                    given=first_day,
                    created_at=_stamp(first_day),
                    updated_at=_stamp(first_day),
                )
            )
        if d.chance(0.25):
            partner = d.pick(self.partners)
            consents.append(
                Consent(
                    id=d.uid(),
                    client_id=client.id,
                    purpose="sharing",
                    given=first_day,
                    recipient=partner.name,
                    expires=_add_years(first_day, 1) if d.chance(0.5) else None,
                    created_at=_stamp(first_day),
                    updated_at=_stamp(first_day),
                )
            )
        return consents

    def past_appointments(self, consultations: list[Consultation]) -> list[Appointment]:
        """Appointments behind recent consultations, plus no-shows and cancellations around them."""
        d = self.dice
        horizon = datetime.combine(self.today - timedelta(days=120), time())
        result = []
        for c in consultations:
            if c.start < horizon or c.form in ("group", "phone") or not d.chance(0.6):
                continue
            # A counsellor's calendar holds one client at a time: skip what would double-book.
            hours = set(range(c.start.hour, (c.start + timedelta(minutes=c.minutes - 1)).hour + 1))
            taken = self.past_slots.setdefault((c.counsellor_id, c.start.date()), set())
            if hours & taken:
                continue
            taken.update(hours)
            place = d.pick(texts.OUTREACH_PLACES) if c.form == "outreach" else d.pick(texts.ROOMS)
            result.append(
                self._appointment(
                    c.counsellor_id,
                    c.start,
                    c.minutes,
                    client_id=c.client_id,
                    place=place,
                    status="done",
                    outreach=c.form == "outreach",
                )
            )
            if d.chance(0.15):
                earlier = c.start - timedelta(days=d.rng.randint(3, 14))
                result.append(
                    self._appointment(
                        c.counsellor_id,
                        earlier,
                        45,
                        client_id=c.client_id,
                        place=d.pick(texts.ROOMS),
                        status=d.weighted((("no_show", 55), ("cancelled", 45))),
                    )
                )
        return result

    def _appointment(self, counsellor_id: str, start: datetime, minutes: int, **values) -> Appointment:
        day = start.date()
        stamp = _stamp(min(day, self.today) - timedelta(days=7))
        return Appointment(
            id=self.dice.uid(),
            start=start,
            end=start + timedelta(minutes=minutes),
            counsellor_id=counsellor_id,
            created_at=stamp,
            updated_at=stamp,
            **values,
        )

    def upcoming_appointment(self, client: Client, case: Case) -> Appointment | None:
        """A planned appointment in the next two weeks, on a free hour of the counsellor (rarely not)."""
        d = self.dice
        day = self.today + timedelta(days=d.rng.randint(0, 14))
        if day.weekday() >= 5:
            return None
        taken = self.upcoming_slots.setdefault((case.counsellor_id, day), set())
        free = [h for h in range(8, 16) if h not in taken]
        # Now and then a double booking, as happens in real calendars.
        hour = d.rng.randint(8, 15) if not free or d.chance(0.01) else d.pick(free)
        taken.add(hour)
        start = datetime.combine(day, time(hour))
        return self._appointment(
            case.counsellor_id,
            start,
            d.pick((30, 45, 60)),
            client_id=client.id,
            place=d.pick(texts.ROOMS),
            notes=d.pick(("", "", "Dolmetschung angefragt")),
        )

    def staff_calendar(self) -> list[Appointment]:
        """Outreach days in shared accommodation and group offers over the next two weeks."""
        d = self.dice
        result = []
        for offset in range(1, 15):
            day = self.today + timedelta(days=offset)
            if day.weekday() >= 5:
                continue
            for member in self.staff:
                if any(s in ("fsa", "msa") for s in member.services) and day.weekday() == 2:
                    self.upcoming_slots.setdefault((member.user.id, day), set()).update(range(9, 13))
                    result.append(
                        self._appointment(
                            member.user.id,
                            datetime.combine(day, time(9)),
                            240,
                            place=d.pick(texts.OUTREACH_PLACES),
                            outreach=True,
                            notes="Sprechstunde vor Ort",
                        )
                    )
                elif day.weekday() == 3 and d.chance(0.5):
                    self.upcoming_slots.setdefault((member.user.id, day), set()).update(range(14, 16))
                    result.append(
                        self._appointment(
                            member.user.id,
                            datetime.combine(day, time(14)),
                            90,
                            place=d.pick(texts.ROOMS),
                            group_name=d.pick(texts.GROUPS),
                        )
                    )
        return result

    def activities(self) -> list[Activity]:
        d = self.dice
        result = []
        kinds = (
            ("network_meeting", 35),
            ("group_offer", 30),
            ("course_visit", 15),
            ("public_relations", 8),
            ("other", 12),
        )
        for member in self.staff:
            week = self.start
            while week <= self.today:
                for _ in range(d.rng.randint(0, 3)):
                    day = _workday(week + timedelta(days=d.rng.randint(0, 4)), self.start, self.today)
                    if day > self.today:
                        continue
                    kind = d.weighted(kinds)
                    meeting = kind == "network_meeting" and d.chance(0.6)
                    partner = d.pick(self.partners).id if meeting else None
                    result.append(
                        Activity(
                            id=d.uid(),
                            counsellor_id=member.user.id,
                            kind=kind,
                            service=d.pick(member.services),
                            day=day,
                            minutes=d.pick((60, 90, 120, 180)),
                            title=d.pick(texts.ACTIVITY_TITLES[kind]),
                            participants=d.rng.randint(3, 25)
                            if kind in ("group_offer", "course_visit", "network_meeting")
                            else 0,
                            partner_id=partner,
                            created_at=_stamp(day),
                            updated_at=_stamp(day),
                        )
                    )
                week += timedelta(days=7)
        return result

    # writing

    def add_clients(self, count: int) -> None:
        for first in range(0, count, BATCH):
            self._write_batch(min(BATCH, count - first))

    def _write_batch(self, size: int) -> None:
        d = self.dice
        clients, cases, consultations, goals, consents, appointments = [], [], [], [], [], []
        referrals: list[Referral] = []
        years: list[int] = []
        net = self.network
        for _ in range(size):
            client = self.new_client()
            net.client(client, self.partners)
            client_cases = self.new_cases(client)
            for case in client_cases:
                net.case(case, client)
            first_day = min((c.opened for c in client_cases), default=self.today)
            years.append(first_day.year)
            client.created_at = client.updated_at = _stamp(first_day, 9)
            clients.append(client)
            cases.extend(client_cases)
            consents.extend(self.consents(client, first_day))
            for case in client_cases:
                case_consultations = self.consultations(client, case)
                for consultation in case_consultations:
                    net.consultation(consultation, client)
                    referral = net.referral(consultation, case)
                    if referral is not None:
                        referrals.append(referral)
                consultations.extend(case_consultations)
                appointments.extend(self.past_appointments(case_consultations))
                if case.case_management:
                    goals.extend(self.goals(case, [t for c in case_consultations for t in c.topics]))
                if case.is_open and d.chance(self.upcoming_chance):
                    upcoming = self.upcoming_appointment(client, case)
                    if upcoming:
                        appointments.append(upcoming)
        s, st = self.summary, self.store
        with st.transaction():
            # Numbers continue from the store's highest of each year, read once per year: generate() holds
            # one transaction over all batches, so no other writer (the app, an import) adds clients in
            # between, and reading the highest number again per batch cost a scan of the year's numbers.
            for client, year in zip(clients, years, strict=True):
                client.client_number = self.next_number(year)
            s.clients += st.clients.add_many(clients)
            s.cases += st.cases.add_many(cases)
            s.consultations += st.consultations.add_many(consultations)
            s.goals += st.goals.add_many(goals)
            s.consents += st.consents.add_many(consents)
            s.appointments += st.appointments.add_many(appointments)
            s.referrals += st.referrals.add_many(referrals)
        if len(self.group_candidates) < 60:
            self.group_candidates += group_candidates(clients, cases, self.today)

    def add_documents(self) -> None:
        """Scanned letters for a fifth of the clients with an open case; the demo account's deadlines."""
        from .demo_documents import add_documents

        # A client with two open cases: the counsellor of the one opened last. (This followed the order in
        # which SQLite happened to read all cases, by counsellor id, which are random: two builds with the
        # same seed could differ here.)
        counsellors = {c.client_id: c.counsellor_id for c in self.store.cases.open_by_opening()}
        chosen = [c for c in sorted(counsellors) if self.dice.chance(0.2)]
        added = add_documents(
            self.session, chosen, seed=self.dice.rng.randrange(1 << 30), today=self.today, counsellors=counsellors
        )
        self.summary.documents += added.documents
        self.summary.deadlines += added.deadlines

    def add_network(self) -> None:
        """The interpreter pool before the clients (consultations name them), once per store."""
        st, s = self.store, self.summary
        existing = st.interpreters.all()
        if existing:
            self.network.interpreters = existing
        else:
            s.interpreters += st.interpreters.add_many(self.network.interpreter_pool())

    def add_group_and_short_contacts(self) -> None:
        """A weekly group with attendance and a year of short contacts, once per store."""
        st, s = self.store, self.summary
        if st.groups.count() or not self.group_candidates:
            return
        lead = next((m.user for m in self.staff if "mbe" in m.services), self.staff[0].user)
        group, members, sessions = self.network.weekly_group(lead.id, self.group_candidates)
        s.groups += st.groups.add_many([group])
        st.group_members.add_many(members)
        s.group_sessions += st.group_sessions.add_many(sessions)
        counsellors = [(m.user.id, m.services) for m in self.staff]
        s.short_contacts += st.short_contacts.add_many(
            self.network.short_contacts(counsellors, [p.id for p in self.partners])
        )


def counsellor_count(clients: int) -> int:
    """3 counsellors for a small office, up to 6 for a large data set."""
    return max(3, min(6, 3 + clients // 1000))


def generate(
    session: Session,
    clients: int = DEMO_CLIENTS,
    *,
    seed: int = DEMO_SEED,
    today: date | None = None,
    kdf: KdfParams = DEFAULT_KDF,
    password: str = DEMO_PASSWORD,
) -> DemoSummary:
    """Fills the session's store with demo data; staff get key slots with `password` (admins only)."""
    session.require_role("admin")
    if not session.store.is_demo:
        raise NotADemoStore()
    office = _Office(session, seed, today or date.today(), kdf, password)
    office.add_staff(counsellor_count(clients))
    # About four client appointments a day per counsellor over the next ten working days.
    office.upcoming_chance = min(0.8, 40 * len(office.staff) / max(1, clients * 0.6))
    store = session.store
    with store.transaction():
        office.add_partners()
        office.add_network()
        # Outreach days and groups first, so client appointments go around them.
        office.summary.appointments += store.appointments.add_many(office.staff_calendar())
        office.add_clients(clients)
        office.add_group_and_short_contacts()
        office.summary.activities += store.activities.add_many(office.activities())
        office.add_documents()
        store.set_meta(DEMO_RUNS_KEY, str(int(store.meta(DEMO_RUNS_KEY, "0") or 0) + 1))
        detail = ", ".join(f"{k}={v}" for k, v in office.summary.items())
        session.audit("demo_data", "", "", f"seed={seed} {detail}")
    return office.summary


# What differs between two builds by design: the accounts' random ids (replaced by their names), scanned
# letters' random ids (replaced by client, checksum and title), the times the accounts, letters and store
# were created, the store id, the key slots' public keys, the audit log's times and hash chain.
_VOLATILE = {
    "audit_log": ("at", "prev_hash", "hash"),
    "users": ("created_at", "updated_at"),
    "documents": ("created_at", "updated_at"),
    "deadlines": ("id", "created_at", "updated_at"),
}


def content_digest(store: Store) -> dict[str, tuple[int, str]]:
    """Row count and hash per table of a demo store, equal for two builds of the same size, seed and day
    (storage/content_digest.py); benchmarks/demo_digest.py compares builds with it."""
    users = store.users.all(include_deleted=True)
    aliases: dict[object, object] = {u.id: f"user:{u.name}" for u in users}
    for key in ("store_id", "created_at", *(f"slot_public/{u.name}" for u in users)):
        aliases[store.meta(key)] = f"meta:{key}"
    for d in store.documents.all(include_deleted=True):
        aliases[d.id] = f"document:{d.client_id}:{d.sha256}:{d.title}"
    return store.content_digest(volatile=_VOLATILE, aliases=aliases)


def ensure_demo_store(
    folder: Path, clients: int = DEMO_CLIENTS, *, kdf: KdfParams = DEFAULT_KDF, today: date | None = None
) -> tuple[str, str]:
    """Creates the demo store in `folder` unless it exists; returns the demo user name and password.

    The store is built in a sibling folder and moved into place at the end, so an interrupted run never
    leaves a half-filled demo store behind.
    """
    folder = Path(folder)
    if store_exists(folder):
        return DEMO_USER, DEMO_PASSWORD
    building = folder.with_name(folder.name + ".creating")
    if building.exists():
        shutil.rmtree(building)
    session, _recovery = accounts.create_store(
        building, DEMO_USER, DEMO_PASSWORD, display_name="Demo", office_name=DEMO_OFFICE, kdf=kdf, demo=True
    )
    try:
        # Nobody else has the new store open: its one large transaction writes through a rollback journal,
        # each page once into the file. In the WAL it would leave a second copy of the whole data (3 GB at
        # 200,000 clients); committing in batches instead rewrote the randomly keyed index pages with every
        # batch (12 GB written for the first 600 MB). The secondary indexes are built at the end, each in
        # one sorted pass, instead of row by row at random places (Store.bulk_fill).
        with session.store.bulk_fill():
            generate(session, clients, today=today, kdf=kdf)
    finally:
        session.close()
    # The folder may already exist (with settings, say); the finished files move into it.
    folder.mkdir(parents=True, exist_ok=True)
    for item in building.iterdir():
        item.rename(folder / item.name)
    building.rmdir()
    return DEMO_USER, DEMO_PASSWORD
