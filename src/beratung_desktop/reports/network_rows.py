"""The network figures as rows of the summary (PDF, CSV, XLSX): referrals, interpreted consultations,
group offers, short contacts, target groups and support needs."""

from __future__ import annotations

from collections.abc import Callable

from ..domain.catalogues import (
    PARTNER_KINDS,
    REFERRAL_OUTCOMES,
    SHORT_CONTACT_FORMS,
    SUPPORT_NEEDS,
    TARGET_GROUP_DEVIATIONS,
    Catalogue,
)
from ..domain.network_figures import UNKNOWN
from ..domain.statistics import Comparison
from ..i18n import N_
from ..i18n.formatting import language_name
from .figures_table import FigureRow


def network_rows(comparison: Comparison, tr: Callable[[str], str], language: str) -> list[FigureRow]:
    cur, prev = comparison.current.network, comparison.previous.network

    def scalars(section: str, label: str, items: list[tuple[str, str, str]]) -> list[FigureRow]:
        return [
            FigureRow(section, tr(label), key, tr(text), getattr(cur, attr), getattr(prev, attr))
            for key, attr, text in items
        ]

    def distribution(section: str, label: str, attr: str, name: Callable[[str], str]) -> list[FigureRow]:
        now: dict = getattr(cur, attr)
        before: dict = getattr(prev, attr)
        keys = list(now) + [k for k in before if k not in now]
        return [FigureRow(section, tr(label), k, name(k), now.get(k, 0), before.get(k, 0)) for k in keys]

    def catalogue(cat: Catalogue) -> Callable[[str], str]:
        return lambda code: tr(cat.label(code)) if code in cat else tr(N_("Other"))

    def kind_outcome(code: str) -> str:
        kind, _dot, outcome = code.partition(".")
        return f"{catalogue(PARTNER_KINDS)(kind)}: {catalogue(REFERRAL_OUTCOMES)(outcome)}"

    def language_label(code: str) -> str:
        return tr(N_("unknown")) if code == UNKNOWN else (language_name(code, language) or code)

    rows = scalars(
        "network",
        N_("Network work"),
        [
            ("referrals", "referrals", N_("Referrals to network partners")),
            ("clients_referred_in", "clients_referred_in", N_("Clients counselled who came referred by a partner")),
            ("interpreted", "interpreted_consultations", N_("Consultations with an interpreter")),
            ("group_sessions", "group_sessions", N_("Sessions of group offers")),
            ("short_contacts", "short_contacts", N_("Short contacts without a client file")),
        ],
    )
    rows += distribution(
        "referrals_by_partner_type", N_("Referrals by partner type"), "referrals_by_kind", catalogue(PARTNER_KINDS)
    )
    rows += distribution(
        "referrals_by_outcome", N_("Referrals by outcome"), "referrals_by_outcome", catalogue(REFERRAL_OUTCOMES)
    )
    rows += distribution(
        "referrals_by_partner_type_and_outcome",
        N_("Referrals by partner type and outcome"),
        "referrals_by_kind_outcome",
        kind_outcome,
    )
    rows += distribution(
        "clients_referred_in_by_partner_type",
        N_("Clients referred by a partner, by partner type"),
        "clients_referred_in_by_kind",
        catalogue(PARTNER_KINDS),
    )
    rows += distribution(
        "interpreted_by_language",
        N_("Consultations with an interpreter by language"),
        "interpreted_by_language",
        language_label,
    )
    rows += scalars(
        "group_offers",
        N_("Group offers (apart from individual counselling)"),
        [
            ("groups", "groups", N_("Groups with sessions")),
            ("sessions", "group_sessions", N_("Sessions")),
            ("minutes", "group_minutes", N_("Minutes (once per session)")),
            ("clients", "group_clients", N_("Clients who attended")),
            ("anonymous", "group_anonymous", N_("Attendances without a client file")),
            ("attendances", "group_attendances", N_("Attendances (one per person and session)")),
        ],
    )
    rows += scalars(
        "short_contacts",
        N_("Short contacts (not counted as clients)"),
        [
            ("count", "short_contacts", N_("Short contacts")),
            ("minutes", "short_contact_minutes", N_("Minutes")),
        ],
    )
    rows += distribution(
        "short_contacts_by_form", N_("Short contacts by form"), "short_contacts_by_form", catalogue(SHORT_CONTACT_FORMS)
    )
    rows += distribution(
        "short_contacts_by_language", N_("Short contacts by language"), "short_contacts_by_language", language_label
    )
    rows += scalars(
        "target_group",
        N_("Target group"),
        [("cases_outside", "cases_outside_target_group", N_("Cases opened outside the target group (with a reason)"))],
    )
    rows += distribution(
        "target_group_deviations",
        N_("Cases outside the target group by deviation"),
        "target_group_deviations",
        catalogue(TARGET_GROUP_DEVIATIONS),
    )
    rows += scalars(
        "support_needs_total",
        N_("Special support needs"),
        [("clients", "clients_with_support_needs", N_("Clients counselled with a special support need"))],
    )
    rows += distribution(
        "support_needs", N_("Clients counselled by special support need"), "support_needs", catalogue(SUPPORT_NEEDS)
    )
    return rows
