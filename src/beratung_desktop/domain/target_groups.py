"""The target groups of the services as their funders describe them, checked when a case opens.

- JMD (Jugendmigrationsdienste): young people aged 12 to 27.
- MBE (Migrationsberatung für erwachsene Zuwanderer): adults over 27 living here lawfully and
  probably for good, so not during an asylum procedure or with a Duldung.
- FSA (Flüchtlingssozialarbeit): refugees and asylum seekers (asylum procedure, Duldung, protection
  status, temporary protection).
MSA and labour-market mentoring have no fixed target group here. An unknown age or residence status is
not a deviation: the counsellor cannot be asked to prove what nobody knows.

Outside the target group is a warning, not a refusal: the counsellor can go on with a reason, which
the case keeps and the summary counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .clients import Client, age_on

LASTING_PERSPECTIVE_EXCLUDED = frozenset({"asylum_pending", "tolerated"})
REFUGEE_STATUSES = frozenset({"asylum_pending", "tolerated", "refugee", "subsidiary", "temporary_protection"})


@dataclass(frozen=True)
class TargetGroup:
    low_age: int | None = None
    high_age: int | None = None
    statuses: frozenset[str] | None = None  # allowed residence statuses (None: any)
    excluded_statuses: frozenset[str] = frozenset()


TARGET_GROUPS: dict[str, TargetGroup] = {
    "jmd": TargetGroup(low_age=12, high_age=27),
    "mbe": TargetGroup(low_age=28, excluded_statuses=LASTING_PERSPECTIVE_EXCLUDED),
    "fsa": TargetGroup(statuses=REFUGEE_STATUSES),
}


def deviations(service: str, client: Client | None, day: date) -> list[str]:
    """Codes (catalogue TARGET_GROUP_DEVIATIONS) of how the client lies outside the service's target
    group on the day the case opens; empty when inside or when the service has none."""
    group = TARGET_GROUPS.get(service)
    if group is None or client is None:
        return []
    found: list[str] = []
    age = age_on(client, day)
    if age is not None:
        if group.low_age is not None and age < group.low_age:
            found.append("too_young")
        if group.high_age is not None and age > group.high_age:
            found.append("too_old")
    status = client.residence_status
    outside = (group.statuses is not None and status not in group.statuses) or status in group.excluded_statuses
    if status != "unknown" and outside:
        found.append("residence_status")
    return found
