"""Catalogues with stable codes. Labels are English msgids, translated where they are shown."""

from __future__ import annotations

from dataclasses import dataclass

from .validation import N_


@dataclass(frozen=True)
class Entry:
    code: str
    label: str


class Catalogue:
    def __init__(self, name: str, entries: list[Entry]):
        self.name = name
        self.entries = tuple(entries)
        self._by_code = {e.code: e for e in entries}

    def __iter__(self):
        return iter(self.entries)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __len__(self) -> int:
        return len(self.entries)

    def codes(self) -> list[str]:
        return [e.code for e in self.entries]

    def label(self, code: str) -> str:
        entry = self._by_code.get(code)
        return entry.label if entry else code


SERVICES = Catalogue(
    "service",
    [
        Entry("mbe", N_("Migration counselling for adults (MBE)")),
        Entry("jmd", N_("Youth migration service (JMD)")),
        Entry("fsa", N_("Refugee social work (FSA)")),
        Entry("msa", N_("Migration social work (MSA)")),
        Entry("labour_mentoring", N_("Labour-market mentoring")),
    ],
)

SERVICE_SHORT = {"mbe": "MBE", "jmd": "JMD", "fsa": "FSA", "msa": "MSA", "labour_mentoring": "AMM"}

FORMS = Catalogue(
    "form",
    [
        Entry("in_person", N_("In person")),
        Entry("phone", N_("Phone")),
        Entry("video", N_("Video")),
        Entry("outreach", N_("Outreach")),
        Entry("group", N_("Group")),
    ],
)

TOPICS = Catalogue(
    "topic",
    [
        Entry("residence_law", N_("Residence law")),
        Entry("language_course", N_("Language / integration course")),
        Entry("work_recognition", N_("Work / recognition of qualifications")),
        Entry("housing", N_("Housing")),
        Entry("health", N_("Health")),
        Entry("school_childcare", N_("School / childcare")),
        Entry("benefits", N_("Benefits / subsistence")),
        Entry("family", N_("Family")),
        Entry("debts", N_("Debts")),
        Entry("authorities", N_("Authorities / forms")),
        Entry("psychosocial", N_("Psychosocial support")),
        Entry("other", N_("Other")),
    ],
)

RESIDENCE_STATUSES = Catalogue(
    "residence_status",
    [
        Entry("asylum_pending", N_("Asylum procedure pending (Aufenthaltsgestattung)")),
        Entry("tolerated", N_("Tolerated stay (Duldung)")),
        Entry("refugee", N_("Recognised refugee / entitled to asylum")),
        Entry("subsidiary", N_("Subsidiary protection")),
        Entry("temporary_protection", N_("Temporary protection (§ 24 AufenthG)")),
        Entry("residence_permit", N_("Other residence permit")),
        Entry("settlement_permit", N_("Settlement permit")),
        Entry("eu_citizen", N_("EU citizen / freedom of movement")),
        Entry("german", N_("German citizen")),
        Entry("unknown", N_("Unknown")),
    ],
)

CLOSE_REASONS = Catalogue(
    "close_reason",
    [
        Entry("goals_achieved", N_("Goals achieved")),
        Entry("client_ended", N_("Ended by the client")),
        Entry("no_contact", N_("No contact for a long time")),
        Entry("moved_away", N_("Moved away")),
        Entry("referred", N_("Referred to another service")),
        Entry("age_limit", N_("Age limit of the service reached")),
        Entry("other", N_("Other")),
    ],
)

ACTIVITY_TYPES = Catalogue(
    "activity_type",
    [
        Entry("network_meeting", N_("Network meeting")),
        Entry("group_offer", N_("Group offer")),
        Entry("course_visit", N_("Integration course visit")),
        Entry("public_relations", N_("Public relations")),
        Entry("working_group", N_("Working group")),
        Entry("intercultural_opening", N_("Intercultural opening of an institution")),
        Entry("training_received", N_("Training or supervision received")),
        Entry("other", N_("Other activity")),
    ],
)

GENDERS = Catalogue(
    "gender",
    [
        Entry("female", N_("Female")),
        Entry("male", N_("Male")),
        Entry("diverse", N_("Diverse")),
        Entry("unspecified", N_("Not specified")),
    ],
)

ROLES = Catalogue(
    "role",
    [
        Entry("counsellor", N_("Counsellor")),
        Entry("team_lead", N_("Team lead")),
        Entry("admin", N_("Administrator")),
    ],
)

APPOINTMENT_STATUSES = Catalogue(
    "appointment_status",
    [
        Entry("planned", N_("Planned")),
        Entry("done", N_("Done")),
        Entry("no_show", N_("No-show")),
        Entry("cancelled", N_("Cancelled")),
    ],
)

GOAL_STATUSES = Catalogue(
    "goal_status",
    [
        Entry("open", N_("Open")),
        Entry("in_progress", N_("In progress")),
        Entry("achieved", N_("Achieved")),
        Entry("dropped", N_("Dropped")),
    ],
)

GOAL_RESPONSIBLE = Catalogue(
    "goal_responsible",
    [
        Entry("client", N_("Client")),
        Entry("counsellor", N_("Counsellor")),
        Entry("together", N_("Client and counsellor")),
        Entry("partner", N_("Network partner")),
    ],
)

CONSENT_PURPOSES = Catalogue(
    "consent_purpose",
    [
        Entry("data_storage", N_("Storing personal data for counselling")),
        Entry("sharing", N_("Sharing data with a named authority or partner")),
        Entry("statistics_export", N_("Pseudonymised statistics for the funder")),
        Entry("contact", N_("Contacting the client by phone or messenger")),
    ],
)

PARTNER_KINDS = Catalogue(
    "partner_kind",
    [
        Entry("immigration_office", N_("Immigration office (Ausländerbehörde)")),
        Entry("authority", N_("Other authority")),
        Entry("jobcentre", N_("Jobcentre / employment agency")),
        Entry("school", N_("School / childcare")),
        Entry("employer", N_("Employer")),
        Entry("course_provider", N_("Language-course provider")),
        Entry("health", N_("Health service")),
        Entry("legal_advice", N_("Legal advice")),
        Entry("housing", N_("Housing")),
        Entry("youth_welfare", N_("Youth welfare")),
        Entry("counselling_service", N_("Other counselling service")),
        Entry("migrant_organisation", N_("Self-organisation of migrants")),
        Entry("other", N_("Other")),
    ],
)

ERASURE_REASONS = Catalogue(
    "erasure_reason",
    [
        Entry("client_request", N_("The client asked for erasure")),
        Entry("retention_expired", N_("The retention period has ended")),
        Entry("consent_withdrawn", N_("The client withdrew consent to storage")),
        Entry("recorded_in_error", N_("Recorded in error or twice")),
    ],
)

REFERRAL_OUTCOMES = Catalogue(
    "referral_outcome",
    [
        Entry("unknown", N_("Not known yet")),
        Entry("arrived", N_("Arrived")),
        Entry("not_arrived", N_("Did not arrive")),
    ],
)

# How a short contact without a client file came about (open consultation hour, phone, messenger).
SHORT_CONTACT_FORMS = Catalogue(
    "short_contact_form",
    [
        Entry("open_hour", N_("Open consultation hour")),
        Entry("phone", N_("Phone")),
        Entry("messenger", N_("Messenger")),
        Entry("email", N_("E-mail")),
        Entry("other", N_("Other")),
    ],
)

INTERPRETER_KINDS = Catalogue(
    "interpreter_kind",
    [
        Entry("volunteer", N_("Volunteer")),
        Entry("paid", N_("Paid")),
    ],
)

# Special support needs recorded per client (a statistics breakdown; stable codes).
SUPPORT_NEEDS = Catalogue(
    "support_need",
    [
        Entry("disability", N_("Disability")),
        Entry("chronic_illness", N_("Chronic or serious illness")),
        Entry("trauma", N_("Trauma / psychological strain")),
        Entry("single_parent", N_("Single parent")),
        Entry("unaccompanied_minor", N_("Unaccompanied minor")),
        Entry("illiteracy", N_("Not literate / low literacy")),
        Entry("pregnancy", N_("Pregnancy")),
        Entry("older_person", N_("Older person in need of care")),
        Entry("violence", N_("Affected by violence")),
        Entry("trafficking", N_("Affected by human trafficking")),
        Entry("lgbtiq", N_("LGBTIQ* person")),
    ],
)

# Why a case lies outside its service's target group (see domain/target_groups.py).
TARGET_GROUP_DEVIATIONS = Catalogue(
    "target_group_deviation",
    [
        Entry("too_young", N_("Younger than the target group")),
        Entry("too_old", N_("Older than the target group")),
        Entry("residence_status", N_("Residence status outside the target group")),
    ],
)

# Letters and papers a client brings; the codes are stored with each document.
DOCUMENT_TYPES = Catalogue(
    "document_type",
    [
        Entry("residence_permit", N_("Residence permit")),
        Entry("decision", N_("Decision (Bescheid)")),
        Entry("jobcentre_letter", N_("Letter from the Jobcenter")),
        Entry("school", N_("School")),
        Entry("employer", N_("Employer")),
        Entry("certificate", N_("Certificate")),
        Entry("identity", N_("Identity document")),
        Entry("other", N_("Other document")),
    ],
)

DEADLINE_KINDS = Catalogue(
    "deadline_kind",
    [
        Entry("appeal", N_("Appeal by")),
        Entry("permit_expiry", N_("Permit expires on")),
        Entry("authority_appointment", N_("Appointment at an authority")),
        Entry("submit_documents", N_("Submit documents by")),
        Entry("other", N_("Other deadline")),
    ],
)

DEADLINE_STATUSES = Catalogue(
    "deadline_status",
    [
        Entry("open", N_("Open")),
        Entry("done", N_("Completed")),
        Entry("dropped", N_("No longer needed")),
    ],
)

ALL = (
    SERVICES,
    FORMS,
    TOPICS,
    RESIDENCE_STATUSES,
    CLOSE_REASONS,
    ACTIVITY_TYPES,
    GENDERS,
    ROLES,
    APPOINTMENT_STATUSES,
    GOAL_STATUSES,
    GOAL_RESPONSIBLE,
    CONSENT_PURPOSES,
    PARTNER_KINDS,
    ERASURE_REASONS,
    REFERRAL_OUTCOMES,
    SHORT_CONTACT_FORMS,
    INTERPRETER_KINDS,
    SUPPORT_NEEDS,
    TARGET_GROUP_DEVIATIONS,
    DOCUMENT_TYPES,
    DEADLINE_KINDS,
    DEADLINE_STATUSES,
)
