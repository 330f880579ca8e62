"""Figures of the network work beside the individual counselling (pure, no storage).

Definitions (documented for funders in docs/statistics.md, section "Network work"):
- referrals: referrals to a network partner made on a day of the period, counted by the partner's
  type and by their outcome as known when the figures are made (arrived / did not arrive / not known).
- clients referred in: clients counselled in the period who came referred by a partner, by its type.
- interpreted consultations: consultations of the period with an interpreter, by the language used
  ("unknown" when only the flag was set).
- group offers: groups with at least one session in the period; their sessions, minutes (once per
  session), distinct clients who attended, anonymous attendances and all attendances
  (clients + anonymous, one per person and session). Not part of the consultations or clients counted.
- short contacts: contacts without a client file, their minutes, by form and by language. Never
  counted as clients or consultations; a short contact converted into a client file later stays a
  short contact of its day.
- cases outside the target group: cases opened in the period outside their service's target group
  (with a reason), by how they deviate.
- support needs: clients counselled in the period with each special support need (a client with two
  needs counts under each), and clients with at least one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .statistics import Period, Selection

UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class ReferralFacts:
    counsellor_id: str
    service: str
    day: date
    partner_kind: str
    outcome: str


@dataclass(frozen=True, slots=True)
class ShortContactFacts:
    counsellor_id: str
    service: str
    day: date
    minutes: int
    form: str
    language: str


@dataclass(frozen=True, slots=True)
class GroupSessionFacts:
    group_id: str
    service: str
    counsellor_id: str
    day: date
    minutes: int
    present: tuple[str, ...]
    anonymous_present: int


@dataclass(frozen=True, slots=True)
class InterpretedFacts:
    """Consultations with an interpreter: `count` of them of one counsellor, service, day and language."""

    counsellor_id: str
    service: str
    day: date
    language: str
    count: int = 1


@dataclass(frozen=True, slots=True)
class CounselledFacts:
    """A client counselled on `day` (one fact may stand for the client's other consultations with that
    counsellor in that service in the same period), for the breakdowns by client (support needs, referred in)."""

    client_id: str
    counsellor_id: str
    service: str
    day: date
    support_needs: tuple[str, ...]
    referred_by_kind: str  # "" when the client was not referred by a partner


@dataclass(frozen=True, slots=True)
class OpenedCaseFacts:
    counsellor_id: str
    service: str
    opened: date
    outside_target_group: tuple[str, ...]


@dataclass
class NetworkRecords:
    referrals: list[ReferralFacts] = field(default_factory=list)
    short_contacts: list[ShortContactFacts] = field(default_factory=list)
    group_sessions: list[GroupSessionFacts] = field(default_factory=list)
    interpreted: list[InterpretedFacts] = field(default_factory=list)
    counselled: list[CounselledFacts] = field(default_factory=list)
    opened_cases: list[OpenedCaseFacts] = field(default_factory=list)


@dataclass
class NetworkFigures:
    referrals: int = 0
    referrals_by_kind: dict[str, int] = field(default_factory=dict)
    referrals_by_outcome: dict[str, int] = field(default_factory=dict)
    referrals_by_kind_outcome: dict[str, int] = field(default_factory=dict)  # "kind.outcome"
    clients_referred_in: int = 0
    clients_referred_in_by_kind: dict[str, int] = field(default_factory=dict)
    interpreted_consultations: int = 0
    interpreted_by_language: dict[str, int] = field(default_factory=dict)
    groups: int = 0
    group_sessions: int = 0
    group_minutes: int = 0
    group_clients: int = 0
    group_anonymous: int = 0
    group_attendances: int = 0
    short_contacts: int = 0
    short_contact_minutes: int = 0
    short_contacts_by_form: dict[str, int] = field(default_factory=dict)
    short_contacts_by_language: dict[str, int] = field(default_factory=dict)
    cases_outside_target_group: int = 0
    target_group_deviations: dict[str, int] = field(default_factory=dict)
    clients_with_support_needs: int = 0
    support_needs: dict[str, int] = field(default_factory=dict)


OUTCOME_ORDER = ("arrived", "not_arrived", UNKNOWN)


def _sorted(counter: Counter, order: tuple[str, ...] | list[str] | None = None) -> dict[str, int]:
    if order is not None:
        rest = sorted(k for k in counter if k not in order)
        return {k: counter[k] for k in [*order, *rest] if counter[k]}
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def compute_network(
    period: Period,
    records: NetworkRecords,
    selection: Selection,
    kind_order: list[str] | None = None,
    need_order: list[str] | None = None,
) -> NetworkFigures:
    f = NetworkFigures()

    def chosen(item) -> bool:
        return (
            period.contains(item.day)
            and selection.service_ok(item.service)
            and selection.counsellor_ok(item.counsellor_id)
        )

    referrals = [r for r in records.referrals if chosen(r)]
    f.referrals = len(referrals)
    f.referrals_by_kind = _sorted(Counter(r.partner_kind for r in referrals), kind_order)
    f.referrals_by_outcome = _sorted(Counter(r.outcome for r in referrals), OUTCOME_ORDER)
    pairs = Counter(f"{r.partner_kind}.{r.outcome}" for r in referrals)
    order = [f"{k}.{o}" for k in (kind_order or sorted(f.referrals_by_kind)) for o in OUTCOME_ORDER]
    f.referrals_by_kind_outcome = _sorted(pairs, order)

    interpreted = [c for c in records.interpreted if chosen(c)]
    f.interpreted_consultations = sum(c.count for c in interpreted)
    by_language: Counter[str] = Counter()
    for facts in interpreted:
        by_language[facts.language or UNKNOWN] += facts.count
    f.interpreted_by_language = _sorted(by_language)

    sessions = [s for s in records.group_sessions if chosen(s)]
    f.groups = len({s.group_id for s in sessions})
    f.group_sessions = len(sessions)
    f.group_minutes = sum(s.minutes for s in sessions)
    f.group_clients = len({c for s in sessions for c in s.present})
    f.group_anonymous = sum(s.anonymous_present for s in sessions)
    f.group_attendances = sum(len(set(s.present)) for s in sessions) + f.group_anonymous

    short = [s for s in records.short_contacts if chosen(s)]
    f.short_contacts = len(short)
    f.short_contact_minutes = sum(s.minutes for s in short)
    f.short_contacts_by_form = _sorted(Counter(s.form for s in short))
    f.short_contacts_by_language = _sorted(Counter(s.language or UNKNOWN for s in short))

    opened = [
        c
        for c in records.opened_cases
        if period.contains(c.opened)
        and selection.service_ok(c.service)
        and selection.counsellor_ok(c.counsellor_id)
        and c.outside_target_group
    ]
    f.cases_outside_target_group = len(opened)
    f.target_group_deviations = _sorted(Counter(d for c in opened for d in set(c.outside_target_group)))

    # One row per client: the needs and the referral are the client's, whatever the consultation.
    clients: dict[str, CounselledFacts] = {}
    for c in records.counselled:
        if chosen(c):
            clients.setdefault(c.client_id, c)
    f.clients_with_support_needs = sum(1 for c in clients.values() if c.support_needs)
    f.support_needs = _sorted(Counter(n for c in clients.values() for n in set(c.support_needs)), need_order)
    referred = [c for c in clients.values() if c.referred_by_kind]
    f.clients_referred_in = len(referred)
    f.clients_referred_in_by_kind = _sorted(Counter(c.referred_by_kind for c in referred), kind_order)
    return f


def network_dict(f: NetworkFigures) -> dict:
    """Stable JSON keys (documented in docs/statistics.md)."""
    return {
        "referrals": {
            "count": f.referrals,
            "by_partner_type": f.referrals_by_kind,
            "by_outcome": f.referrals_by_outcome,
            "by_partner_type_and_outcome": f.referrals_by_kind_outcome,
        },
        "clients_referred_in": {"count": f.clients_referred_in, "by_partner_type": f.clients_referred_in_by_kind},
        "interpreted_consultations": {"count": f.interpreted_consultations, "by_language": f.interpreted_by_language},
        "group_offers": {
            "groups": f.groups,
            "sessions": f.group_sessions,
            "minutes": f.group_minutes,
            "clients": f.group_clients,
            "anonymous_attendances": f.group_anonymous,
            "attendances": f.group_attendances,
        },
        "short_contacts": {
            "count": f.short_contacts,
            "minutes": f.short_contact_minutes,
            "by_form": f.short_contacts_by_form,
            "by_language": f.short_contacts_by_language,
        },
        "target_group": {"cases_outside": f.cases_outside_target_group, "by_deviation": f.target_group_deviations},
        "support_needs": {"clients": f.clients_with_support_needs, "by_need": f.support_needs},
    }
