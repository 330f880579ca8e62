"""Network partners: the authorities and services the office works with and refers clients to."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.activities import Activity
from ..domain.partners import NetworkPartner, validate_partner
from ..domain.referrals import Referral
from ..domain.validation import N_, ValidationError
from ..errors import AppError
from .session import Session


class MergeRefused(AppError):
    message = N_("A partner cannot be merged into itself or into a partner that was merged away.")


def list_partners(session: Session, include_archived: bool = False) -> list[NetworkPartner]:
    """Partners by name; archived ones only when asked (forms offer the active ones)."""
    return session.store.partners.ordered_by_name(include_archived)


def partner_choices(session: Session, keep: str | None = None) -> list[NetworkPartner]:
    return session.store.partners.choices(keep)


def save_partner(session: Session, partner: NetworkPartner) -> NetworkPartner:
    partner.name = partner.name.strip()
    issues = validate_partner(partner)
    if issues:
        raise ValidationError(issues)
    return session.save(session.store.partners, partner, "partner")


def set_archived(session: Session, partner_id: str, archived: bool) -> NetworkPartner:
    partner = session.store.partners.require(partner_id)
    partner.archived = archived
    return session.save(session.store.partners, partner, "partner", "archived" if archived else "restored")


@dataclass
class PartnerFile:
    """What the partner page shows of one partner: the work done with them."""

    partner: NetworkPartner
    activities: list[Activity] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    referred_clients: int = 0


def partner_file(session: Session, partner_id: str) -> PartnerFile:
    store = session.store
    partner = store.partners.require(partner_id)
    referred = len(store.clients.naming("referred_by_partner_id", partner_id))
    activities = store.activities.with_partner(partner_id)
    return PartnerFile(partner, activities, store.referrals.for_partner(partner_id), referred)


def merge_partners(session: Session, duplicate_id: str, keep_id: str) -> NetworkPartner:
    """Merges a partner entered twice into the one kept: every activity, referral, consultation, short
    contact and client naming the duplicate names the kept one; the duplicate is marked merged and
    deleted (the tombstone travels with the next export). One transaction, audited per record."""
    store = session.store
    if duplicate_id == keep_id:
        raise MergeRefused()
    duplicate = store.partners.require(duplicate_id)
    keep = store.partners.require(keep_id)
    if keep.merged_into:
        raise MergeRefused()
    with store.transaction():
        for activity in store.activities.with_partner(duplicate_id):
            activity.partner_id = keep_id
            session.save(store.activities, activity, "activity", "partner merged")
        for referral in store.referrals.for_partner(duplicate_id):
            referral.partner_id = keep_id
            session.save(store.referrals, referral, "referral", "partner merged")
        for repository, column, kind in (
            (store.consultations, "referral_partner_id", "consultation"),
            (store.short_contacts, "referral_partner_id", "short_contact"),
            (store.clients, "referred_by_partner_id", "client"),
        ):
            for record in repository.naming(column, duplicate_id):
                setattr(record, column, keep_id)
                session.save(repository, record, kind, "partner merged")
        if not keep.notes and duplicate.notes:
            keep.notes = duplicate.notes
        keep.languages = sorted(set(keep.languages) | set(duplicate.languages))
        for name in ("contact_person", "address", "phone", "contact"):
            if not getattr(keep, name):
                setattr(keep, name, getattr(duplicate, name))
        session.save(store.partners, keep, "partner", "merged")
        duplicate.merged_into = keep_id
        duplicate.deleted = True
        session.save(store.partners, duplicate, "partner", f"merged into {keep_id}")
    return keep
