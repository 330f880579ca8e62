"""Network figures computed by hand (docs/statistics.md, "Network work")."""

from __future__ import annotations

from datetime import date

from beratung_desktop.domain.network_figures import (
    CounselledFacts,
    GroupSessionFacts,
    InterpretedFacts,
    NetworkRecords,
    OpenedCaseFacts,
    ReferralFacts,
    ShortContactFacts,
    compute_network,
)
from beratung_desktop.domain.statistics import EVERYTHING, Period, Selection

MARCH = Period.month(2024, 3)
A, B = "anna", "bert"  # counsellors


def _records() -> NetworkRecords:
    return NetworkRecords(
        referrals=[
            ReferralFacts(A, "mbe", date(2024, 3, 1), "jobcentre", "arrived"),
            ReferralFacts(A, "mbe", date(2024, 3, 31), "jobcentre", "not_arrived"),
            ReferralFacts(B, "jmd", date(2024, 3, 15), "school", "unknown"),
            ReferralFacts(A, "mbe", date(2024, 4, 1), "jobcentre", "arrived"),  # April: not counted
            ReferralFacts(A, "mbe", date(2024, 2, 29), "health", "arrived"),  # February
        ],
        short_contacts=[
            ShortContactFacts(A, "mbe", date(2024, 3, 4), 10, "phone", "ar"),
            ShortContactFacts(A, "mbe", date(2024, 3, 5), 15, "phone", "ar"),
            ShortContactFacts(B, "jmd", date(2024, 3, 6), 5, "open_hour", ""),
            ShortContactFacts(B, "jmd", date(2024, 4, 6), 5, "open_hour", "uk"),
        ],
        group_sessions=[
            # Group g1 (MBE, A): two sessions in March, one in April.
            GroupSessionFacts("g1", "mbe", A, date(2024, 3, 6), 90, ("c1", "c2"), 2),
            GroupSessionFacts("g1", "mbe", A, date(2024, 3, 13), 90, ("c1",), 1),
            GroupSessionFacts("g1", "mbe", A, date(2024, 4, 3), 90, ("c3",), 0),
            # Group g2 (JMD, B): one session in March with nobody with a file.
            GroupSessionFacts("g2", "jmd", B, date(2024, 3, 20), 120, (), 5),
        ],
        interpreted=[
            InterpretedFacts(A, "mbe", date(2024, 3, 2), "ar"),
            InterpretedFacts(A, "mbe", date(2024, 3, 9), "ar"),
            InterpretedFacts(B, "jmd", date(2024, 3, 9), "uk"),
            InterpretedFacts(B, "jmd", date(2024, 3, 10), ""),
        ],
        counselled=[
            # c1 twice in March (counts once), needs trauma + single parent, referred by a school.
            CounselledFacts("c1", A, "mbe", date(2024, 3, 2), ("trauma", "single_parent"), "school"),
            CounselledFacts("c1", A, "mbe", date(2024, 3, 9), ("trauma", "single_parent"), "school"),
            CounselledFacts("c2", B, "jmd", date(2024, 3, 9), ("trauma",), ""),
            CounselledFacts("c3", B, "jmd", date(2024, 3, 10), (), "jobcentre"),
            CounselledFacts("c4", A, "mbe", date(2024, 4, 10), ("disability",), "school"),  # April
        ],
        opened_cases=[
            OpenedCaseFacts(A, "mbe", date(2024, 3, 4), ("too_young",)),
            OpenedCaseFacts(B, "jmd", date(2024, 3, 5), ("too_old",)),
            OpenedCaseFacts(B, "fsa", date(2024, 3, 6), ("residence_status", "too_young")),
            OpenedCaseFacts(B, "fsa", date(2024, 2, 6), ("residence_status",)),  # February
        ],
    )


def test_every_network_figure_by_hand():
    f = compute_network(MARCH, _records(), EVERYTHING, kind_order=["jobcentre", "school", "health"])
    # Referrals: 1 March, 31 March, 15 March; 1 April and 29 February lie outside.
    assert f.referrals == 3
    assert f.referrals_by_kind == {"jobcentre": 2, "school": 1}
    assert f.referrals_by_outcome == {"arrived": 1, "not_arrived": 1, "unknown": 1}
    assert f.referrals_by_kind_outcome == {"jobcentre.arrived": 1, "jobcentre.not_arrived": 1, "school.unknown": 1}
    # Interpreted: 2 Arabic, 1 Ukrainian, 1 without a language.
    assert f.interpreted_consultations == 4
    assert f.interpreted_by_language == {"ar": 2, "uk": 1, "unknown": 1}
    # Groups: g1 twice + g2 once in March; minutes 90 + 90 + 120; clients c1, c2;
    # anonymous 2 + 1 + 5 = 8; attendances (2 + 2) + (1 + 1) + (0 + 5) = 11.
    assert (f.groups, f.group_sessions, f.group_minutes) == (2, 3, 300)
    assert (f.group_clients, f.group_anonymous, f.group_attendances) == (2, 8, 11)
    # Short contacts: three in March, 10 + 15 + 5 minutes.
    assert (f.short_contacts, f.short_contact_minutes) == (3, 30)
    assert f.short_contacts_by_form == {"phone": 2, "open_hour": 1}
    assert f.short_contacts_by_language == {"ar": 2, "unknown": 1}
    # Target group: three cases opened in March; the FSA case deviates twice.
    assert f.cases_outside_target_group == 3
    assert f.target_group_deviations == {"too_young": 2, "residence_status": 1, "too_old": 1}
    # Clients c1, c2, c3 counselled in March: c1 and c2 with needs; trauma twice, single parent once.
    assert f.clients_with_support_needs == 2
    assert f.support_needs == {"trauma": 2, "single_parent": 1}
    # Referred in: c1 by a school, c3 by a jobcentre (c4 only in April).
    assert f.clients_referred_in == 2
    assert f.clients_referred_in_by_kind == {"jobcentre": 1, "school": 1}


def test_selection_by_service_and_counsellor():
    only_b = compute_network(MARCH, _records(), Selection(counsellors=frozenset({B})))
    assert only_b.referrals == 1 and only_b.short_contacts == 1 and only_b.group_sessions == 1
    assert only_b.interpreted_by_language == {"uk": 1, "unknown": 1}
    assert only_b.cases_outside_target_group == 2
    only_mbe = compute_network(MARCH, _records(), Selection(services=frozenset({"mbe"})))
    assert (only_mbe.groups, only_mbe.group_attendances, only_mbe.group_clients) == (1, 6, 2)
    assert only_mbe.clients_with_support_needs == 1 and only_mbe.support_needs == {"trauma": 1, "single_parent": 1}


def test_empty_period_gives_zeros():
    f = compute_network(Period.month(2023, 1), _records(), EVERYTHING)
    assert (f.referrals, f.short_contacts, f.group_sessions, f.interpreted_consultations) == (0, 0, 0, 0)
    assert f.referrals_by_kind == {} and f.support_needs == {}
