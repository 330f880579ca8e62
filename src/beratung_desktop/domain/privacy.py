"""The client's rights: erasure as anonymisation, legal holds, retention, consent in effect.

Pure rules; the storage and the services apply them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from .cases import Case
from .clients import Client, HouseholdMember
from .consents import Consent
from .consultations import Consultation
from .record import Record, new_id, utc_now

# Statistics look at ages and arrival at the end of a period: a month end (day 28 to 31) or a year end.
# A date before the 28th compares with such a day exactly as the first of its month does, so the
# skeleton keeps only the month there, and the day itself only from the 28th on.
PERIOD_END_EARLIEST_DAY = 28


@dataclass(kw_only=True)
class LegalHold(Record):
    """Keeps a client off the review list and refuses their erasure, e.g. during court proceedings."""

    client_id: str
    reason: str
    until: date | None = None
    placed_by: str = ""

    def active_on(self, day: date) -> bool:
        return not self.deleted and (self.until is None or day <= self.until)


@dataclass(kw_only=True)
class Erasure(Record):
    """That a client was erased: travels with the next export so the organisation erases its copy.

    `client_id` is the erased client's former id (no name, no content); `reason` a catalogue code.
    """

    client_id: str
    day: date
    reason: str


@dataclass
class Skeleton:
    """What funders' figures need of an erased client, under new random ids."""

    client: Client
    cases: list[Case] = field(default_factory=list)
    consultations: list[Consultation] = field(default_factory=list)


def coarse_day(day: date | None) -> date | None:
    if day is None or day.day >= PERIOD_END_EARLIEST_DAY:
        return day
    return day.replace(day=1)


def _midnight(moment: datetime) -> datetime:
    return datetime.combine(moment.date(), time(0), moment.tzinfo)


def skeleton_of(client: Client, cases: list[Case], consultations: list[Consultation]) -> Skeleton:
    """The pseudonymous skeleton: codes, dates, minutes, birth year and month, country codes.

    Names, contact data, address, notes, household names and the client number are gone; every id is
    new, so nothing links the skeleton to the audit entries or exports of the person.
    """
    client_id = new_id()
    created = _midnight(client.created_at)
    # Changed now, so the next export carries the skeleton even when its creation day lies long before.
    now = utc_now()
    kept = Client(
        id=client_id,
        created_at=created,
        updated_at=now,
        client_number=f"E-{client_id.replace('-', '')[:12]}",
        birth_date=coarse_day(client.birth_date),
        birth_year=client.effective_birth_year,
        gender=client.gender,
        country_of_origin=client.country_of_origin,
        nationality=client.nationality,
        languages=list(client.languages),
        interpreter_needed=client.interpreter_needed,
        residence_status=client.residence_status,
        arrival_date=coarse_day(client.arrival_date),
        household=[HouseholdMember(given_name="", counselled=m.counselled) for m in client.household],
        erased=True,
    )
    case_ids = {c.id: new_id() for c in cases}
    new_cases = [
        Case(
            id=case_ids[c.id],
            created_at=_midnight(c.created_at),
            updated_at=now,
            client_id=client_id,
            service=c.service,
            counsellor_id=c.counsellor_id,
            opened=c.opened,
            closed=c.closed,
            close_reason=c.close_reason,
            case_management=c.case_management,
            deleted=c.deleted,
        )
        for c in cases
    ]
    new_consultations = [
        Consultation(
            created_at=_midnight(c.created_at),
            updated_at=now,
            case_id=case_ids[c.case_id],
            client_id=client_id,
            counsellor_id=c.counsellor_id,
            start=_midnight(c.start),
            minutes=c.minutes,
            form=c.form,
            topics=list(c.topics),
            interpreter_used=c.interpreter_used,
            referral_partner_id=c.referral_partner_id,
            deleted=c.deleted,
        )
        for c in consultations
        if c.case_id in case_ids
    ]
    return Skeleton(kept, new_cases, new_consultations)


# -- retention ---------------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    target_year, target_month = day.year + year, month + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(target_year, target_month, candidate)
        except ValueError:
            continue
    raise ValueError(day)


def retention_last_day(today: date, months: int) -> date:
    """The latest day whose retention of `months` has ended by `today`: add_months(day, months) <= today.

    add_months never decreases as the day grows, so every earlier day has ended too; this lets storage
    select the clients due with a plain date comparison. Month ends clamp (31 March + 1 month is
    30 April), so the answer lies a few days around today minus the months.
    """
    day = add_months(today, -months)
    while add_months(day, months) > today:
        day -= timedelta(days=1)
    while add_months(day + timedelta(days=1), months) <= today:
        day += timedelta(days=1)
    return day


def retention_due(cases: list[Case], created: date, months_for: dict[str, int], default_months: int) -> date | None:
    """The day a client's data is due for review: the latest (case closed + its service's retention).

    None while a case is open. Without any case, the retention runs from the day the client was recorded.
    """
    live = [c for c in cases if not c.deleted]
    if any(c.closed is None for c in live):
        return None
    if not live:
        return add_months(created, default_months)
    return max(add_months(c.closed, months_for.get(c.service, default_months)) for c in live if c.closed)


def storage_withdrawn(consents: list[Consent], day: date) -> Consent | None:
    """The withdrawn storage consent when no storage consent is in effect any more."""
    storage = [c for c in consents if c.purpose == "data_storage" and not c.deleted]
    if any(c.is_valid_on(day) for c in storage):
        return None
    withdrawn = [c for c in storage if c.withdrawn is not None and c.withdrawn <= day]
    return max(withdrawn, key=lambda c: c.withdrawn or day) if withdrawn else None


def sharing_allowed(consents: list[Consent], recipient: str, day: date) -> bool:
    """Whether a sharing consent for this recipient is in effect (names compared without case and spaces)."""
    wanted = " ".join(recipient.split()).casefold()
    return any(
        c.purpose == "sharing" and not c.deleted and " ".join(c.recipient.split()).casefold() == wanted
        for c in consents
        if c.is_valid_on(day)
    )


def expiring(consents: list[Consent], day: date, within_days: int) -> list[Consent]:
    """Consents in effect that expire within the next days."""
    return [
        c
        for c in consents
        if not c.deleted and c.expires is not None and c.is_valid_on(day) and (c.expires - day).days <= within_days
    ]
