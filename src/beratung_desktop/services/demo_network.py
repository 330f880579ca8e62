"""The network work of the demo office: partner details, the interpreter pool, referrals, a weekly
group with attendance, short contacts, support needs and target-group reasons.

A random generator of its own, so that the rest of the demo data stays what it was for a seed.
Names of interpreters come from the resources/names lists like the clients'.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from ..domain.age_groups import AGE_GROUPS
from ..domain.cases import Case
from ..domain.catalogues import SUPPORT_NEEDS
from ..domain.clients import Client, age_on
from ..domain.consultations import Consultation
from ..domain.groups import Group, GroupMember, GroupSession
from ..domain.interpreters import Interpreter
from ..domain.partners import NetworkPartner
from ..domain.referrals import Referral
from ..domain.short_contacts import ShortContact
from ..domain.target_groups import deviations
from . import demo_texts as texts
from .demo_population import name_list

# (country list for the name, languages) of the pool
_POOL = (
    ("SY", ["ar"]),
    ("AF", ["fa", "ps"]),
    ("UA", ["uk", "ru"]),
    ("ER", ["ti"]),
    ("IQ", ["ar", "ku"]),
    ("TR", ["tr", "ku"]),
    ("IR", ["fa"]),
)
_SHORT_FORMS = (("open_hour", 45), ("phone", 35), ("messenger", 15), ("email", 5))
_OUTCOMES = (("arrived", 55), ("not_arrived", 15), ("unknown", 30))


def _stamp(day: date, hour: int = 12) -> datetime:
    from datetime import UTC

    return datetime.combine(day, time(hour)).replace(tzinfo=UTC)


class NetworkDemo:
    def __init__(self, seed: int, run: int, today: date, start: date):
        # Each run on the same store draws new ids, as the main generator does.
        self.rng = random.Random(seed * 7919 + 17 + run * 104729)
        self.today = today
        self.start = start
        self.interpreters: list[Interpreter] = []
        self.partner_kinds: dict[str, str] = {}

    def _uid(self) -> str:
        import uuid

        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def _weighted(self, pairs):
        return self.rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]

    # partners and interpreters

    def partner_details(self, partner: NetworkPartner, index: int) -> None:
        partner.contact_person = texts.PARTNER_CONTACTS[index % len(texts.PARTNER_CONTACTS)]
        partner.phone = f"0341 {2000 + index * 37:04d}-{10 + index % 80}"
        street = texts.PARTNER_STREETS[index % len(texts.PARTNER_STREETS)]
        partner.address = f"{street} {1 + index % 40}, {'Cottbus' if 'Cottbus' in partner.name else 'Leipzig'}"
        partner.languages = ["de", "en"] if index % 3 == 0 else ["de"]
        self.partner_kinds[partner.id] = partner.kind

    def interpreter_pool(self) -> list[Interpreter]:
        pool = []
        for i, (country, languages) in enumerate(_POOL):
            names = name_list(country)
            gender = "female" if i % 2 == 0 else "male"
            given = self.rng.choice(names.given_names(gender))[0]
            family = self.rng.choice(names.family_names(gender))[0]
            pool.append(
                Interpreter(
                    id=self._uid(),
                    name=f"{given} {family}",
                    languages=languages,
                    contact=f"01{self.rng.randint(51, 79)} {self.rng.randint(1000000, 9999999)}",
                    kind="paid" if i % 3 == 0 else "volunteer",
                    created_at=_stamp(self.start),
                    updated_at=_stamp(self.start),
                )
            )
        self.interpreters = pool
        return pool

    # clients, cases and consultations

    def client(self, client: Client, partners: list[NetworkPartner]) -> None:
        if self.rng.random() < 0.12:
            age = age_on(client, self.today) or 30
            # Needs that fit the person: no unaccompanied adult, no pregnant man, no care need at 30.
            fitting = [
                n
                for n in SUPPORT_NEEDS.codes()
                if not (n == "unaccompanied_minor" and age >= 18)
                and not (n == "pregnancy" and client.gender != "female")
                and not (n == "older_person" and age < 65)
            ]
            client.support_needs = sorted(set(self.rng.sample(fitting, self.rng.choice((1, 1, 2)))))
        if partners and self.rng.random() < 0.15:
            client.referred_by_partner_id = self.rng.choice(partners).id

    def case(self, case: Case, client: Client) -> None:
        case.outside_target_group = deviations(case.service, client, case.opened)
        if case.outside_target_group:
            case.target_group_reason = self.rng.choice(texts.TARGET_GROUP_REASONS)

    def consultation(self, consultation: Consultation, client: Client) -> None:
        if not consultation.interpreter_used:
            return
        spoken = [lang for lang in client.languages if lang not in ("de", "en")]
        if not spoken:
            return
        consultation.interpreter_language = spoken[0]
        matching = [i for i in self.interpreters if spoken[0] in i.languages]
        if matching and self.rng.random() < 0.8:
            consultation.interpreter_id = self.rng.choice(matching).id

    def referral(self, consultation: Consultation, case: Case) -> Referral | None:
        if not consultation.referral_partner_id:
            return None
        day = consultation.start.date()
        outcome = self._weighted(_OUTCOMES) if (self.today - day).days > 14 else "unknown"
        return Referral(
            id=self._uid(),
            client_id=consultation.client_id,
            partner_id=consultation.referral_partner_id,
            counsellor_id=consultation.counsellor_id,
            service=case.service,
            day=day,
            consultation_id=consultation.id,
            purpose=self.rng.choice(texts.REFERRAL_PURPOSES),
            outcome=outcome,
            outcome_day=None
            if outcome == "unknown"
            else min(self.today, day + timedelta(days=self.rng.randint(3, 21))),
            created_at=_stamp(day, 17),
            updated_at=_stamp(day, 17),
        )

    # the weekly group and short contacts

    def weekly_group(
        self, counsellor_id: str, candidates: list[Client]
    ) -> tuple[Group, list[GroupMember], list[GroupSession]]:
        title, place, facilitator = texts.WEEKLY_GROUP
        first = self.today - timedelta(days=26 * 7)
        first += timedelta(days=(2 - first.weekday()) % 7)  # Wednesdays
        group = Group(
            id=self._uid(),
            title=title,
            service="mbe",
            counsellor_id=counsellor_id,
            facilitator=facilitator,
            place=place,
            first_day=first,
            anonymous_participants=4,
            created_at=_stamp(first, 9),
            updated_at=_stamp(first, 9),
        )
        chosen = self.rng.sample(candidates, min(8, len(candidates)))
        members = [
            GroupMember(
                id=self._uid(),
                group_id=group.id,
                client_id=c.id,
                joined=first,
                created_at=_stamp(first, 9),
                updated_at=_stamp(first, 9),
            )
            for c in chosen
        ]
        sessions = []
        day = first
        while day < self.today:
            present = sorted(m.client_id for m in members if self.rng.random() < 0.7)
            sessions.append(
                GroupSession(
                    id=self._uid(),
                    group_id=group.id,
                    day=day,
                    start_time="10:00",
                    minutes=90,
                    present=present,
                    anonymous_present=self.rng.randint(0, 4),
                    created_at=_stamp(day, 13),
                    updated_at=_stamp(day, 13),
                )
            )
            day += timedelta(days=7)
        return group, members, sessions

    def short_contacts(self, counsellors: list[tuple[str, tuple[str, ...]]], partners: list[str]) -> list[ShortContact]:
        result = []
        day = self.today - timedelta(days=365)
        ages = [code for code, *_rest in AGE_GROUPS if code not in ("0-11",)]
        languages = ("ar", "uk", "fa", "ru", "ti", "de", "en", "tr")
        while day < self.today:
            if day.weekday() < 5:
                for _ in range(self.rng.choice((0, 0, 1, 1, 2))):
                    counsellor, services = self.rng.choice(counsellors)
                    result.append(
                        ShortContact(
                            id=self._uid(),
                            counsellor_id=counsellor,
                            service=self.rng.choice(services),
                            day=day,
                            minutes=self.rng.choice((5, 10, 10, 15, 20, 30)),
                            form=self._weighted(_SHORT_FORMS),
                            topics=[
                                self.rng.choice(
                                    (
                                        "residence_law",
                                        "benefits",
                                        "housing",
                                        "language_course",
                                        "authorities",
                                        "work_recognition",
                                    )
                                )
                            ],
                            language=self.rng.choice(languages),
                            gender=self.rng.choice(("female", "male", "unspecified")),
                            age_group=self.rng.choice(ages),
                            referral_partner_id=self.rng.choice(partners)
                            if partners and self.rng.random() < 0.2
                            else None,
                            created_at=_stamp(day, 15),
                            updated_at=_stamp(day, 15),
                        )
                    )
            day += timedelta(days=1)
        return result


def group_candidates(clients: list[Client], cases: list[Case], today: date) -> list[Client]:
    """Adult women with an open MBE or FSA case: the demo's Frauencafé invites them."""
    open_clients = {c.client_id for c in cases if c.is_open and c.service in ("mbe", "fsa")}
    return [c for c in clients if c.id in open_clients and c.gender == "female" and (age_on(c, today) or 0) >= 18]
