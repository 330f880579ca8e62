"""Numbered schema migrations, tracked in PRAGMA user_version. A backup is taken before upgrading."""

from __future__ import annotations

from collections.abc import Callable

from .connection import Database
from .errors import NewerStore

_RECORD = """
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    deleted INTEGER NOT NULL DEFAULT 0"""

V1_CORE = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE users ({_RECORD},
    name TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL DEFAULT '', role TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1);
CREATE TABLE clients ({_RECORD},
    client_number TEXT NOT NULL, given_name TEXT NOT NULL DEFAULT '', family_name TEXT NOT NULL DEFAULT '',
    given_name_original TEXT NOT NULL DEFAULT '', family_name_original TEXT NOT NULL DEFAULT '',
    birth_date TEXT, birth_year INTEGER, gender TEXT NOT NULL, country_of_origin TEXT NOT NULL DEFAULT '',
    nationality TEXT NOT NULL DEFAULT '', languages TEXT NOT NULL DEFAULT '[]',
    interpreter_needed INTEGER NOT NULL DEFAULT 0, residence_status TEXT NOT NULL, arrival_date TEXT,
    household TEXT NOT NULL DEFAULT '[]', phone TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '');
CREATE UNIQUE INDEX clients_number ON clients(client_number);
CREATE TABLE cases ({_RECORD},
    client_id TEXT NOT NULL REFERENCES clients(id), service TEXT NOT NULL,
    counsellor_id TEXT NOT NULL REFERENCES users(id), opened TEXT NOT NULL, closed TEXT, close_reason TEXT,
    case_management INTEGER NOT NULL DEFAULT 0);
CREATE INDEX cases_client ON cases(client_id);
CREATE INDEX cases_opened ON cases(opened);
CREATE TABLE partners ({_RECORD},
    name TEXT NOT NULL, kind TEXT NOT NULL, contact TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '');
CREATE TABLE consultations ({_RECORD},
    case_id TEXT NOT NULL REFERENCES cases(id), client_id TEXT NOT NULL REFERENCES clients(id),
    counsellor_id TEXT NOT NULL REFERENCES users(id), start TEXT NOT NULL, minutes INTEGER NOT NULL,
    form TEXT NOT NULL, topics TEXT NOT NULL DEFAULT '[]', interpreter_used INTEGER NOT NULL DEFAULT 0,
    referral_partner_id TEXT REFERENCES partners(id), notes TEXT NOT NULL DEFAULT '');
CREATE INDEX consultations_client ON consultations(client_id, start);
CREATE INDEX consultations_case ON consultations(case_id);
CREATE INDEX consultations_start ON consultations(start);
CREATE TABLE agreement_goals ({_RECORD},
    case_id TEXT NOT NULL REFERENCES cases(id), goal TEXT NOT NULL, steps TEXT NOT NULL DEFAULT '[]',
    responsible TEXT NOT NULL, due TEXT, status TEXT NOT NULL, reviewed TEXT);
CREATE INDEX goals_case ON agreement_goals(case_id);
CREATE TABLE appointments ({_RECORD},
    start TEXT NOT NULL, "end" TEXT NOT NULL, counsellor_id TEXT NOT NULL REFERENCES users(id),
    place TEXT NOT NULL DEFAULT '', client_id TEXT REFERENCES clients(id),
    group_name TEXT NOT NULL DEFAULT '',
    outreach INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL, notes TEXT NOT NULL DEFAULT '');
CREATE INDEX appointments_start ON appointments(start);
CREATE INDEX appointments_client ON appointments(client_id);
CREATE TABLE consents ({_RECORD},
    client_id TEXT NOT NULL REFERENCES clients(id), purpose TEXT NOT NULL, given TEXT NOT NULL,
    recipient TEXT NOT NULL DEFAULT '', withdrawn TEXT, expires TEXT);
CREATE INDEX consents_client ON consents(client_id);
CREATE TABLE activities ({_RECORD},
    counsellor_id TEXT NOT NULL REFERENCES users(id), kind TEXT NOT NULL, service TEXT NOT NULL,
    day TEXT NOT NULL, minutes INTEGER NOT NULL, title TEXT NOT NULL DEFAULT '',
    participants INTEGER NOT NULL DEFAULT 0, partner_id TEXT REFERENCES partners(id),
    notes TEXT NOT NULL DEFAULT '');
CREATE INDEX activities_day ON activities(day);
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT NOT NULL, action TEXT NOT NULL,
    record_type TEXT NOT NULL DEFAULT '', record_id TEXT NOT NULL DEFAULT '', detail TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE INDEX audit_record ON audit_log(record_id);
"""

# Full-text client search. Added as its own step so that stores from before it get their index built.
V2_SEARCH = """
CREATE VIRTUAL TABLE client_search USING fts5(
    client_id UNINDEXED, names, skeletons, number, birth,
    tokenize = "unicode61 remove_diacritics 2", prefix = '2 3');
"""


# Exchange with the organisation. Office side: this laptop's device identity (its Ed25519 signing key
# never leaves the encrypted store) and the log of exports. Organisation side (a store marked
# role=organisation in meta): its age identity and receipt signing key, accepted devices, imported
# packages with their decrypted record documents, one key row per (type, device, id, version) and
# conflicts.
V3_EXCHANGE = """
CREATE TABLE exchange_device (
    id INTEGER PRIMARY KEY CHECK (id = 1), device_id TEXT NOT NULL, office TEXT NOT NULL,
    signing_key BLOB NOT NULL, public_key BLOB NOT NULL, pseudonym_secret BLOB NOT NULL,
    organisation TEXT NOT NULL, enrolled_at TEXT NOT NULL);
CREATE TABLE export_log (
    sequence INTEGER PRIMARY KEY, package_id TEXT NOT NULL UNIQUE, file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL, scope TEXT NOT NULL, period_from TEXT, period_to TEXT NOT NULL,
    counts TEXT NOT NULL, created_at TEXT NOT NULL, delivered_at TEXT, receipt_status TEXT);
CREATE TABLE org_identity (
    id INTEGER PRIMARY KEY CHECK (id = 1), organisation_id TEXT NOT NULL, name TEXT NOT NULL,
    age_identity TEXT NOT NULL, signing_key BLOB NOT NULL, allow_full_export INTEGER NOT NULL,
    created_at TEXT NOT NULL);
CREATE TABLE org_devices (
    number INTEGER PRIMARY KEY, device_id TEXT NOT NULL UNIQUE, office TEXT NOT NULL,
    public_key BLOB NOT NULL, enrolled_at TEXT NOT NULL, accepted_at TEXT NOT NULL, accepted_by TEXT NOT NULL);
CREATE TABLE org_packages (
    id INTEGER PRIMARY KEY, package_id TEXT NOT NULL, sha256 TEXT NOT NULL, device_id TEXT NOT NULL,
    office TEXT NOT NULL, sequence INTEGER NOT NULL, scope TEXT NOT NULL, schema_version INTEGER NOT NULL,
    period_from TEXT, period_to TEXT NOT NULL, counts TEXT NOT NULL, status TEXT NOT NULL,
    received_at TEXT NOT NULL, file_name TEXT NOT NULL, inserted INTEGER NOT NULL DEFAULT 0,
    UNIQUE (package_id, sha256));
CREATE INDEX org_packages_device ON org_packages(device_id, sequence);
-- One short row per record version: its key, its package (org_packages.id), its line in that package's
-- document (the compressed record texts as they came) and whether it is a tombstone. Short rows keep
-- the import fast; the texts are read back only for reports and conflicts.
CREATE TABLE org_package_data (package INTEGER PRIMARY KEY, document BLOB NOT NULL);
CREATE TABLE org_records (
    record_type TEXT NOT NULL, device INTEGER NOT NULL, record_id TEXT NOT NULL, version INTEGER NOT NULL,
    package INTEGER NOT NULL, line INTEGER NOT NULL, deleted INTEGER NOT NULL,
    PRIMARY KEY (record_type, device, record_id, version)) WITHOUT ROWID;
CREATE TABLE org_conflicts (
    id INTEGER PRIMARY KEY, device_id TEXT NOT NULL, record_type TEXT NOT NULL, record_id TEXT NOT NULL,
    version INTEGER NOT NULL, kept_package TEXT NOT NULL, other_package TEXT NOT NULL,
    kept_payload TEXT NOT NULL, other_payload TEXT NOT NULL, found_at TEXT NOT NULL, resolved_at TEXT);
"""


# The client list: partial indexes over live rows so that the default name order is an index scan
# and the per-client summaries (open services, counsellor, last contact) read only index pages.
V4_CLIENT_LIST = """
CREATE INDEX IF NOT EXISTS clients_live_name ON clients(family_name COLLATE NOCASE, given_name COLLATE NOCASE, id)
    WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS cases_live_client ON cases(client_id, closed, service, counsellor_id, opened)
    WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS consultations_live_client ON consultations(client_id, start) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS cases_counsellor ON cases(counsellor_id) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS goals_due ON agreement_goals(due) WHERE deleted = 0;
"""

# Every sort of the client list on the clients' own columns reads one covering index over live rows
# (ascending or backwards), not the table: at 200,000 clients the table lookups took 1.5 s.
V5_CLIENT_LIST_ORDERS = """
CREATE INDEX IF NOT EXISTS clients_live_number ON clients(client_number, id) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS clients_live_original ON clients(family_name_original, given_name_original, id)
    WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS clients_live_birth
    ON clients(coalesce(birth_date, CAST(birth_year AS TEXT)), id, birth_date, birth_year) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS clients_live_country ON clients(country_of_origin, id) WHERE deleted = 0;
"""

# Search index with every spelling form (transliteration of other scripts, umlaut spellings, particles)
# and household members in their own columns, ranked below the client's own names.
V6_SEARCH_FORMS = """
DROP TABLE client_search;
CREATE VIRTUAL TABLE client_search USING fts5(
    client_id UNINDEXED, names, skeletons, household, household_skeletons, number, birth,
    tokenize = "unicode61 remove_diacritics 2", prefix = '2 3');
"""


# The client's rights (erasure, retention, legal holds). `clients.erased` marks the pseudonymous
# skeleton an erasure leaves for the figures; `erasures` carries each erasure to the organisation.
# FTS5 keeps deleted tokens in its segments until they merge: 'secure-delete' removes them at once.
V7_PRIVACY = f"""
ALTER TABLE clients ADD COLUMN erased INTEGER NOT NULL DEFAULT 0;
{{list_indexes}}
CREATE TABLE legal_holds ({_RECORD},
    client_id TEXT NOT NULL REFERENCES clients(id), reason TEXT NOT NULL, until TEXT,
    placed_by TEXT NOT NULL DEFAULT '');
CREATE INDEX legal_holds_client ON legal_holds(client_id);
CREATE TABLE erasures ({_RECORD},
    client_id TEXT NOT NULL, day TEXT NOT NULL, reason TEXT NOT NULL);
INSERT INTO client_search (client_search, rank) VALUES ('secure-delete', 1)
"""
# The client list's indexes cover live clients that are not skeletons, so the list still reads only them.
_LIST_INDEXES = [
    ("clients_live_name", "(family_name COLLATE NOCASE, given_name COLLATE NOCASE, id)"),
    ("clients_live_number", "(client_number, id)"),
    ("clients_live_original", "(family_name_original, given_name_original, id)"),
    ("clients_live_birth", "(coalesce(birth_date, CAST(birth_year AS TEXT)), id, birth_date, birth_year)"),
    ("clients_live_country", "(country_of_origin, id)"),
]
V7_PRIVACY = V7_PRIVACY.replace(
    "{list_indexes}",
    "".join(
        f"DROP INDEX IF EXISTS {name};\nCREATE INDEX {name} ON clients{columns} WHERE deleted = 0 AND erased = 0;\n"
        for name, columns in _LIST_INDEXES
    ),
)


# Summaries read only the period's rows, from covering indexes ordered by date: a month's consultations
# are one contiguous stretch of index instead of pages spread over the whole table (with its notes), the
# cases open in the period are a range on `closed`, and the counselled clients are looked up by id.
V9_SUMMARY_FACTS = """
CREATE INDEX IF NOT EXISTS consultations_facts
    ON consultations(start, case_id, client_id, counsellor_id, minutes, form, topics, interpreter_used)
    WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS cases_facts_closed
    ON cases(closed, opened, id, client_id, service, counsellor_id, close_reason, case_management) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS cases_facts_client
    ON cases(client_id, id, service, counsellor_id, opened, closed, close_reason, case_management) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS clients_facts
    ON clients(id, birth_date, birth_year, gender, country_of_origin, arrival_date, household) WHERE deleted = 0;
"""


# Summaries count in SQL (storage/statistics_queries.py): each of a period's consultations is joined to
# its case's service, read from this small covering index instead of the case's table row.
V10_CASE_SERVICE = """
CREATE INDEX IF NOT EXISTS cases_service ON cases(id, service) WHERE deleted = 0
"""


# The organisation's summary facts (storage/organisation_facts.py): the newest version of each imported
# record a summary needs, one row each, with the indexes the summary queries read (as an office's).
V11_ORGANISATION_FACTS = """
CREATE TABLE org_fact_packages (package INTEGER PRIMARY KEY);
CREATE TABLE org_fact_clients (
    id TEXT PRIMARY KEY, device INTEGER NOT NULL, version INTEGER NOT NULL, deleted INTEGER NOT NULL,
    birth_date TEXT, birth_year INTEGER, gender TEXT, country_of_origin TEXT, arrival_date TEXT,
    household INTEGER) WITHOUT ROWID;
CREATE TABLE org_fact_cases (
    id TEXT PRIMARY KEY, device INTEGER NOT NULL, version INTEGER NOT NULL, deleted INTEGER NOT NULL,
    client_id TEXT, service TEXT, counsellor_id TEXT, opened TEXT, closed TEXT, close_reason TEXT,
    case_management INTEGER) WITHOUT ROWID;
CREATE INDEX org_fact_cases_client
    ON org_fact_cases(client_id, opened, closed, service, counsellor_id, case_management) WHERE deleted = 0;
CREATE INDEX org_fact_cases_opened ON org_fact_cases(opened, service, counsellor_id, device) WHERE deleted = 0;
CREATE INDEX org_fact_cases_closed
    ON org_fact_cases(closed, opened, service, counsellor_id, close_reason, device) WHERE deleted = 0;
CREATE TABLE org_fact_consultations (
    id TEXT PRIMARY KEY, device INTEGER NOT NULL, version INTEGER NOT NULL, deleted INTEGER NOT NULL,
    case_id TEXT, client_id TEXT, counsellor_id TEXT, start TEXT, minutes INTEGER, form TEXT, topics TEXT,
    interpreter_used INTEGER) WITHOUT ROWID;
CREATE INDEX org_fact_consultations_start ON org_fact_consultations(
    start, device, case_id, client_id, counsellor_id, minutes, form, topics, interpreter_used) WHERE deleted = 0;
CREATE INDEX org_fact_consultations_client ON org_fact_consultations(client_id, start, case_id) WHERE deleted = 0;
CREATE TABLE org_fact_activities (
    id TEXT PRIMARY KEY, device INTEGER NOT NULL, version INTEGER NOT NULL, deleted INTEGER NOT NULL,
    counsellor_id TEXT, kind TEXT, service TEXT, day TEXT, minutes INTEGER, participants INTEGER) WITHOUT ROWID;
CREATE INDEX org_fact_activities_day ON org_fact_activities(day) WHERE deleted = 0
"""


# Documents of clients (scans, letters, permits) with their bytes inside the encrypted database, and the
# deadlines a document or a consultation sets. The bytes have a table of their own, so listing documents
# never reads them; open deadlines are read per counsellor by due date for the start page.
V12_DOCUMENTS = f"""
CREATE TABLE documents ({_RECORD},
    client_id TEXT NOT NULL REFERENCES clients(id), case_id TEXT REFERENCES cases(id), kind TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '', media_type TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL,
    issued TEXT, issuer TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '', added_by TEXT NOT NULL DEFAULT '');
CREATE INDEX documents_client ON documents(client_id) WHERE deleted = 0;
CREATE TABLE document_contents (
    document_id TEXT PRIMARY KEY REFERENCES documents(id), content BLOB NOT NULL);
CREATE TABLE deadlines ({_RECORD},
    client_id TEXT NOT NULL REFERENCES clients(id), counsellor_id TEXT NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL, due TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', case_id TEXT REFERENCES cases(id),
    document_id TEXT REFERENCES documents(id), consultation_id TEXT REFERENCES consultations(id),
    status TEXT NOT NULL, completed_on TEXT, moved_from TEXT, move_reason TEXT NOT NULL DEFAULT '');
CREATE INDEX deadlines_client ON deadlines(client_id);
CREATE INDEX deadlines_open ON deadlines(counsellor_id, due) WHERE deleted = 0 AND status = 'open'
"""


# Network work: partners with their details (archived, merged), interpreters, referrals both ways,
# short contacts without a client file, group offers with members and attendance, the target-group
# check of a case and the special support needs of a client.
V13_NETWORK = f"""
ALTER TABLE partners ADD COLUMN contact_person TEXT NOT NULL DEFAULT '';
ALTER TABLE partners ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE partners ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE partners ADD COLUMN languages TEXT NOT NULL DEFAULT '[]';
ALTER TABLE partners ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;
ALTER TABLE partners ADD COLUMN merged_into TEXT;
ALTER TABLE clients ADD COLUMN referred_by_partner_id TEXT;
ALTER TABLE clients ADD COLUMN support_needs TEXT NOT NULL DEFAULT '[]';
ALTER TABLE cases ADD COLUMN outside_target_group TEXT NOT NULL DEFAULT '[]';
ALTER TABLE cases ADD COLUMN target_group_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE consultations ADD COLUMN interpreter_id TEXT;
ALTER TABLE consultations ADD COLUMN interpreter_language TEXT NOT NULL DEFAULT '';
ALTER TABLE appointments ADD COLUMN interpreter_id TEXT;
ALTER TABLE appointments ADD COLUMN interpreter_language TEXT NOT NULL DEFAULT '';
CREATE INDEX appointments_interpreter ON appointments(interpreter_id, start) WHERE interpreter_id IS NOT NULL;
CREATE TABLE interpreters ({_RECORD},
    name TEXT NOT NULL, languages TEXT NOT NULL DEFAULT '[]', contact TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL, notes TEXT NOT NULL DEFAULT '', archived INTEGER NOT NULL DEFAULT 0);
CREATE TABLE referrals ({_RECORD},
    client_id TEXT NOT NULL REFERENCES clients(id), partner_id TEXT NOT NULL REFERENCES partners(id),
    counsellor_id TEXT NOT NULL, service TEXT NOT NULL, day TEXT NOT NULL, consultation_id TEXT,
    purpose TEXT NOT NULL DEFAULT '', outcome TEXT NOT NULL, outcome_day TEXT);
CREATE INDEX referrals_client ON referrals(client_id);
CREATE INDEX referrals_day ON referrals(day);
CREATE TABLE short_contacts ({_RECORD},
    counsellor_id TEXT NOT NULL, service TEXT NOT NULL, day TEXT NOT NULL, minutes INTEGER NOT NULL,
    form TEXT NOT NULL, topics TEXT NOT NULL DEFAULT '[]', language TEXT NOT NULL DEFAULT '',
    gender TEXT NOT NULL, age_group TEXT NOT NULL, referral_partner_id TEXT, converted_client_id TEXT);
CREATE INDEX short_contacts_day ON short_contacts(day);
CREATE TABLE groups ({_RECORD},
    title TEXT NOT NULL, service TEXT NOT NULL, counsellor_id TEXT NOT NULL, facilitator TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '', first_day TEXT, last_day TEXT,
    anonymous_participants INTEGER NOT NULL DEFAULT 0, notes TEXT NOT NULL DEFAULT '',
    archived INTEGER NOT NULL DEFAULT 0);
CREATE TABLE group_members ({_RECORD},
    group_id TEXT NOT NULL REFERENCES groups(id), client_id TEXT NOT NULL REFERENCES clients(id),
    joined TEXT NOT NULL);
CREATE INDEX group_members_group ON group_members(group_id);
CREATE INDEX group_members_client ON group_members(client_id);
CREATE TABLE group_sessions ({_RECORD},
    group_id TEXT NOT NULL REFERENCES groups(id), day TEXT NOT NULL, start_time TEXT NOT NULL DEFAULT '',
    minutes INTEGER NOT NULL, present TEXT NOT NULL DEFAULT '[]', anonymous_present INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '');
CREATE INDEX group_sessions_group ON group_sessions(group_id, day);
CREATE INDEX group_sessions_day ON group_sessions(day)
"""


# The start page's overdue goals of one counsellor: the open goals in order of their due day with their
# case, so the query reads a few thousand index entries instead of every case of the counsellor.
V15_OPEN_GOALS = """
CREATE INDEX IF NOT EXISTS goals_open_due ON agreement_goals(due, case_id)
    WHERE deleted = 0 AND status IN ('open', 'in_progress')
"""


def _populate_search(db: Database) -> None:
    from .client_search import rebuild_index

    rebuild_index(db)


# Each step: SQL script and an optional Python step run after it, inside the same transaction.
# Device succession at the organisation: a re-enrolled laptop's new device continues its
# predecessor's line. `lineage` is the number of the first device of the line (NULL: the device
# itself); imported records are keyed by it, so a record sent again by the successor is the same record.
V8_DEVICE_SUCCESSION = """
ALTER TABLE org_devices ADD COLUMN lineage INTEGER;
ALTER TABLE org_devices ADD COLUMN replaces TEXT;
ALTER TABLE org_devices ADD COLUMN replaced_by TEXT
"""


# A counsellor's caseload (the client list's default for counsellors): their open cases, and the
# clients they recorded, found by the audit log's "create" entries; both as small covering partial
# indexes (the caseload's clients are then read by id and sorted: a few hundred rows, not a full scan).
V14_CASELOAD = """
CREATE INDEX IF NOT EXISTS cases_open_counsellor ON cases(counsellor_id, client_id, deleted, closed)
    WHERE deleted = 0 AND closed IS NULL;
CREATE INDEX IF NOT EXISTS audit_created_clients ON audit_log(user, record_id)
    WHERE action = 'create' AND record_type = 'client'
"""


# The scan of a signed consent form, inside the encrypted store beside its consent (not a record field:
# it never travels in an export package, and erasing the consent row erases it).
V16_SIGNED_CONSENT_FORMS = """
ALTER TABLE consents ADD COLUMN signed_form BLOB;
ALTER TABLE consents ADD COLUMN signed_form_type TEXT NOT NULL DEFAULT ''
"""


# Stored figures of closed periods (storage/stored_figures.py): a summary's counts of one period and
# selection, kept once counted and reused. A write that could change them drops them in the same
# transaction, by trigger, so no code path (an import, a restore's migration, an erasure, a future
# repository) can forget it: each trigger drops every stored period ending on or after the earliest day
# the write can influence. A row with `figures` NULL reserves a counting under way: a write committed
# after the reservation drops it, and the counting's result is then not kept.
# Per table: the columns the summary reads (an update of other columns, e.g. notes, keeps the figures)
# and the earliest day a row can influence, over `{r}` (OLD or NEW); NULL: none.
_FIGURE_SOURCES = {
    # A consultation counts in its period and makes its client "not new" in every later one.
    "consultations": (
        "id case_id client_id counsellor_id start minutes form topics interpreter_used interpreter_language deleted",
        "substr({r}.start, 1, 10)",
    ),
    # A case: opened / closed / open in the periods from its opening, "new" and case management of its
    # client from then on, and the service of each of its consultations (which may lie before it opened).
    "cases": (
        "id client_id service counsellor_id opened closed close_reason case_management outside_target_group deleted",
        "min(coalesce({r}.opened, ''), coalesce({r}.closed, '9'), "
        "coalesce(substr((SELECT min(start) FROM consultations WHERE case_id = {r}.id), 1, 10), '9'))",
    ),
    # A client's facts (age, origin, household, needs, referral) count in every period they were
    # counselled in, from their first consultation (deleted ones too: drop more rather than less).
    "clients": (
        "id birth_date birth_year gender country_of_origin arrival_date household support_needs "
        "referred_by_partner_id deleted erased",
        "substr((SELECT min(start) FROM consultations WHERE client_id = {r}.id), 1, 10)",
    ),
    "activities": ("id counsellor_id kind service day minutes participants deleted", "{r}.day"),
    "referrals": ("id partner_id counsellor_id service day outcome deleted", "{r}.day"),
    "short_contacts": ("id counsellor_id service day minutes form language deleted", "{r}.day"),
    "group_sessions": ("id group_id day minutes present anonymous_present deleted", "{r}.day"),
    "groups": ("id service counsellor_id deleted", "(SELECT min(day) FROM group_sessions WHERE group_id = {r}.id)"),
    # A partner's type names referrals and referred clients of any period: every stored period.
    "partners": ("id kind", "''"),
}


def _figure_triggers() -> str:
    """Insert, update and delete triggers of each source table; the body stays on one line because
    migrations split scripts at a semicolon ending a line. An insert looks at the row it may replace
    too (INSERT OR REPLACE fires no delete trigger), hence BEFORE."""
    drop = "DELETE FROM stored_figures WHERE period_end >= {since}"
    stored = "EXISTS (SELECT 1 FROM stored_figures)"
    lines = []
    for table, (columns, since) in _FIGURE_SOURCES.items():
        new, old = since.format(r="NEW"), since.format(r="OLD")
        replaced = f"(SELECT {since.format(r='r')} FROM {table} AS r WHERE r.id = NEW.id)"
        changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns.split())
        for when_, event, condition, day in (
            ("BEFORE", "INSERT", stored, f"min(coalesce({replaced}, '9'), coalesce({new}, '9'))"),
            ("AFTER", "DELETE", stored, old),
            ("AFTER", "UPDATE", f"({changed}) AND {stored}", f"min(coalesce({old}, '9'), coalesce({new}, '9'))"),
        ):
            lines.append(
                f"CREATE TRIGGER stored_figures_{table}_{event.lower()} {when_} {event} ON {table} "
                f"WHEN {condition} BEGIN {drop.format(since=day)}; END"
            )
    return ";\n".join(lines)


V17_STORED_FIGURES = """
CREATE TABLE stored_figures (
    period_start TEXT NOT NULL, period_end TEXT NOT NULL, selection TEXT NOT NULL, definition TEXT NOT NULL,
    token TEXT NOT NULL, figures TEXT, stored_at TEXT,
    PRIMARY KEY (period_start, period_end, selection)) WITHOUT ROWID;
CREATE INDEX stored_figures_end ON stored_figures(period_end);
""" + _figure_triggers()


# The organisation's network figures (partners by type, referrals, short contacts, groups, interpreted
# consultations, support needs, cases outside the target group) counted in SQL over facts like the
# summary's, instead of decoding every stored package for every report. The facts are now written by
# the import; those of earlier imports are dropped here and derived again once, with progress, by the
# next organisation command (services/organisation_facts.py), since the stored documents' format
# belongs to the exchange layer.
V18_ORGANISATION_NETWORK_FACTS = """
ALTER TABLE org_fact_clients ADD COLUMN support_needs TEXT;
ALTER TABLE org_fact_clients ADD COLUMN referred_by TEXT;
ALTER TABLE org_fact_cases ADD COLUMN outside_target_group TEXT;
ALTER TABLE org_fact_consultations ADD COLUMN interpreter_language TEXT;
CREATE INDEX org_fact_consultations_interpreted
    ON org_fact_consultations(start, device, case_id, counsellor_id, interpreter_language)
    WHERE deleted = 0 AND interpreter_used;
CREATE INDEX org_fact_cases_outside
    ON org_fact_cases(opened, device) WHERE deleted = 0 AND outside_target_group != '[]';
CREATE TABLE org_fact_partners (
    id TEXT PRIMARY KEY, device INTEGER NOT NULL, version INTEGER NOT NULL, deleted INTEGER NOT NULL,
    kind TEXT) WITHOUT ROWID;
CREATE TABLE org_fact_referrals (
    id TEXT PRIMARY KEY, device INTEGER NOT NULL, version INTEGER NOT NULL, deleted INTEGER NOT NULL,
    partner_id TEXT, counsellor_id TEXT, service TEXT, day TEXT, outcome TEXT) WITHOUT ROWID;
CREATE INDEX org_fact_referrals_day ON org_fact_referrals(day) WHERE deleted = 0;
CREATE TABLE org_fact_short_contacts (
    id TEXT PRIMARY KEY, device INTEGER NOT NULL, version INTEGER NOT NULL, deleted INTEGER NOT NULL,
    counsellor_id TEXT, service TEXT, day TEXT, minutes INTEGER, form TEXT, language TEXT) WITHOUT ROWID;
CREATE INDEX org_fact_short_contacts_day ON org_fact_short_contacts(day) WHERE deleted = 0;
CREATE TABLE org_fact_groups (
    id TEXT PRIMARY KEY, device INTEGER NOT NULL, version INTEGER NOT NULL, deleted INTEGER NOT NULL,
    service TEXT, counsellor_id TEXT) WITHOUT ROWID;
CREATE TABLE org_fact_group_sessions (
    id TEXT PRIMARY KEY, device INTEGER NOT NULL, version INTEGER NOT NULL, deleted INTEGER NOT NULL,
    group_id TEXT, day TEXT, minutes INTEGER, present TEXT, anonymous_present INTEGER) WITHOUT ROWID;
CREATE INDEX org_fact_group_sessions_day ON org_fact_group_sessions(day) WHERE deleted = 0;
DELETE FROM org_fact_clients;
DELETE FROM org_fact_cases;
DELETE FROM org_fact_consultations;
DELETE FROM org_fact_activities;
DELETE FROM org_fact_packages
"""

MIGRATIONS: list[tuple[str, Callable[[Database], None] | None]] = [
    (V1_CORE, None),
    (V2_SEARCH, None),  # filled by V13, which rebuilds the index in its final shape
    (V3_EXCHANGE, None),
    (V4_CLIENT_LIST, None),
    (V5_CLIENT_LIST_ORDERS, None),
    (V6_SEARCH_FORMS, None),
    # Secure-delete on; the search index is rebuilt by the last step that adds client columns (reading
    # clients needs their newest column).
    (V7_PRIVACY, None),
    (V8_DEVICE_SUCCESSION, None),
    (V9_SUMMARY_FACTS, None),
    (V10_CASE_SERVICE, None),
    (V11_ORGANISATION_FACTS, None),
    (V12_DOCUMENTS, None),
    (V13_NETWORK, _populate_search),
    (V14_CASELOAD, None),
    (V15_OPEN_GOALS, None),
    (V16_SIGNED_CONSENT_FORMS, None),
    (V17_STORED_FIGURES, None),
    (V18_ORGANISATION_NETWORK_FACTS, None),
]
LATEST = len(MIGRATIONS)


def schema_version(db: Database) -> int:
    return db.query("PRAGMA user_version")[0][0]


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";\n") if s.strip()]


def migrate(db: Database, backup: Callable[[int], object] | None = None, target: int = LATEST) -> int:
    """Upgrades to `target`; returns the version found. Calls `backup(old_version)` before changing."""
    found = schema_version(db)
    if found > LATEST:
        raise NewerStore(found=found, known=LATEST)
    if found >= target:
        return found
    if found > 0 and backup is not None:
        backup(found)
    with db.transaction():
        for number in range(found + 1, target + 1):
            script, step = MIGRATIONS[number - 1]
            for statement in _statements(script):
                db.execute(statement)
            if step:
                step(db)
            db.execute(f"PRAGMA user_version = {number}")
    return found
