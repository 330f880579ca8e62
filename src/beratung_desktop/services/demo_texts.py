"""Neutral German phrases for demo notes, goals, partners and activities (data, not user interface text).

They describe work in general terms and never contain personal data.
"""

from __future__ import annotations

COUNSELLORS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # (user name, display name, services offered)
    ("k.schneider", "Katrin Schneider", ("mbe", "labour_mentoring")),
    ("j.becker", "Jonas Becker", ("jmd",)),
    ("l.demir", "Leyla Demir", ("fsa", "msa")),
    ("m.hoffmann", "Miriam Hoffmann", ("mbe",)),
    ("o.wolf", "Olga Wolf", ("fsa", "mbe")),
    ("t.wagner", "Tobias Wagner", ("jmd", "mbe")),
)
TEAM_LEAD = ("s.krueger", "Sabine Krüger", ("mbe",))

PARTNERS: tuple[tuple[str, str], ...] = (
    ("Ausländerbehörde Leipzig", "immigration_office"),
    ("Sozialamt Leipzig", "authority"),
    ("Jugendamt Leipzig", "youth_welfare"),
    ("Familienkasse Sachsen", "authority"),
    ("Standesamt Leipzig", "authority"),
    ("BAMF Außenstelle Leipzig", "authority"),
    ("Ausländerbehörde Cottbus", "immigration_office"),
    ("Jobcenter Leipzig", "jobcentre"),
    ("Agentur für Arbeit Leipzig", "jobcentre"),
    ("Jobcenter Cottbus", "jobcentre"),
    ("Volkshochschule Leipzig", "course_provider"),
    ("Sprachschule am Markt", "course_provider"),
    ("Bildungswerk Ost – Integrationskurse", "course_provider"),
    ("Berufssprachkurse Nord", "course_provider"),
    ("Anerkennungsberatung Sachsen", "counselling_service"),
    ("Schuldner- und Insolvenzberatung", "counselling_service"),
    ("Psychosoziales Zentrum für Geflüchtete", "health"),
    ("Gesundheitsamt Leipzig", "health"),
    ("Frauenberatungsstelle", "counselling_service"),
    ("Asylrechtsberatung (Refugee Law Clinic)", "legal_advice"),
    ("Mieterverein Leipzig", "housing"),
    ("Wohnungsgenossenschaft Süd", "housing"),
    ("Grundschule am Park", "school"),
    ("Oberschule Nord", "school"),
    ("Kita Sonnenschein", "school"),
    ("Berufsschulzentrum 1", "school"),
    ("Logistikzentrum Nordost GmbH", "employer"),
    ("Pflegedienst Lindenau", "employer"),
    ("Migrantenselbstorganisation Brücke e. V.", "migrant_organisation"),
    ("Interkultureller Frauenverein e. V.", "migrant_organisation"),
)

# Contact people of the demo partners (invented) and their streets.
PARTNER_CONTACTS = ("Frau Albrecht", "Herr Brandt", "Frau Conrad", "Herr Dietrich", "Frau Engel", "Herr Fuchs")
PARTNER_STREETS = ("Markt", "Bahnhofstraße", "Rathausplatz", "Schulstraße", "Am Anger", "Lindenallee")

# Why a demo case was opened outside its service's target group.
TARGET_GROUP_REASONS = (
    "Familie wird gemeinsam beraten, Geschwister im JMD",
    "Kein anderes Angebot im Landkreis erreichbar",
    "Übergang vereinbart, Übergabe an zuständigen Dienst geplant",
)
REFERRAL_PURPOSES = (
    "Termin zur Klärung des Anliegens",
    "Antrag gemeinsam stellen",
    "Weiterführende Fachberatung",
    "Anmeldung zum Kurs",
)
WEEKLY_GROUP = ("Frauencafé", "Gemeindezentrum Süd, Raum 2", "Ehrenamtliche Sprachmittlerin und Beraterin")

# Which partner kinds a topic is typically referred to.
TOPIC_PARTNER_KINDS: dict[str, tuple[str, ...]] = {
    "residence_law": ("immigration_office", "legal_advice"),
    "language_course": ("course_provider",),
    "work_recognition": ("jobcentre", "counselling_service", "employer"),
    "housing": ("housing", "authority"),
    "health": ("health",),
    "school_childcare": ("school", "authority"),
    "benefits": ("jobcentre", "authority"),
    "family": ("youth_welfare", "counselling_service", "migrant_organisation"),
    "debts": ("counselling_service",),
    "authorities": ("authority", "immigration_office"),
    "psychosocial": ("health", "counselling_service"),
    "other": ("other",),
}

TOPIC_NOTES: dict[str, tuple[str, ...]] = {
    "residence_law": (
        "Verlängerung des Aufenthaltstitels besprochen",
        "Unterlagen für die Ausländerbehörde geprüft",
        "Fragen zum Familiennachzug geklärt",
        "Termin bei der Ausländerbehörde vorbereitet",
    ),
    "language_course": (
        "Anmeldung zum Integrationskurs besprochen",
        "Kursplatz im Sprachkurs gesucht",
        "Berechtigungsschein erläutert",
        "Prüfungsanmeldung B1 vorbereitet",
    ),
    "work_recognition": (
        "Bewerbungsunterlagen überarbeitet",
        "Anerkennung des Berufsabschlusses erläutert",
        "Stellenangebote gemeinsam gesichtet",
        "Praktikumsmöglichkeiten besprochen",
    ),
    "housing": (
        "Wohnungssuche besprochen",
        "Antrag auf Wohnberechtigungsschein ausgefüllt",
        "Nebenkostenabrechnung erklärt",
    ),
    "health": ("Krankenversicherung geklärt", "Arzttermin vermittelt", "Fragen zur Krankenkasse beantwortet"),
    "school_childcare": (
        "Kita-Platz-Anmeldung unterstützt",
        "Schulanmeldung besprochen",
        "Elterngespräch in der Schule vorbereitet",
    ),
    "benefits": ("Weiterbewilligungsantrag ausgefüllt", "Bescheid erläutert", "Kindergeldantrag unterstützt"),
    "family": ("Familiäre Situation besprochen", "Fragen zur Vaterschaftsanerkennung geklärt"),
    "debts": ("Ratenzahlung vorbereitet", "Kontakt zur Schuldnerberatung hergestellt"),
    "authorities": ("Schreiben einer Behörde erklärt", "Formular gemeinsam ausgefüllt", "Antwortschreiben vorbereitet"),
    "psychosocial": ("Entlastungsgespräch geführt", "Unterstützungsangebote vorgestellt"),
    "other": ("Allgemeine Orientierung gegeben", "Offene Fragen gesammelt"),
}

TOPIC_GOALS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "language_course": (
        ("Deutschkenntnisse auf B1 verbessern", ("Kursplatz finden", "Prüfung anmelden")),
        ("Integrationskurs abschließen", ("Regelmäßige Teilnahme", "Prüfung ablegen")),
    ),
    "work_recognition": (
        ("Berufsabschluss anerkennen lassen", ("Unterlagen übersetzen", "Antrag stellen")),
        ("Arbeitsstelle finden", ("Lebenslauf erstellen", "Bewerbungen schreiben")),
        ("Ausbildungsplatz finden", ("Praktikum suchen", "Bewerbung vorbereiten")),
    ),
    "housing": (("Eigene Wohnung finden", ("Wohnberechtigungsschein beantragen", "Besichtigungen")),),
    "residence_law": (("Aufenthalt sichern", ("Unterlagen zusammenstellen", "Termin Ausländerbehörde")),),
    "school_childcare": (("Kita-Platz für das Kind finden", ("Anmeldung", "Rückmeldung abwarten")),),
    "debts": (("Schulden regulieren", ("Übersicht erstellen", "Schuldnerberatung aufsuchen")),),
    "health": (("Gesundheitliche Versorgung sichern", ("Hausarzt finden", "Versicherung klären")),),
}

OUTREACH_PLACES = (
    "Gemeinschaftsunterkunft Nord",
    "Gemeinschaftsunterkunft Am Wasserturm",
    "Erstaufnahme Außenstelle",
    "Gemeinschaftsunterkunft Lindenallee",
)
ROOMS = ("Beratungsraum 1", "Beratungsraum 2", "Beratungsraum 3")
GROUPS = ("Frauencafé", "Bewerbungstraining", "Deutsch-Stammtisch", "Elterncafé", "Jugendtreff")

ACTIVITY_TITLES: dict[str, tuple[str, ...]] = {
    "network_meeting": (
        "Netzwerktreffen Migration",
        "Arbeitskreis Integration",
        "Fachaustausch Jugendhilfe",
        "Runder Tisch Wohnen",
    ),
    "group_offer": GROUPS,
    "course_visit": ("Vorstellung im Integrationskurs", "Besuch im Berufssprachkurs", "Kursbesuch Jugendkurs"),
    "public_relations": ("Infostand Stadtteilfest", "Vorstellung im Stadtrat", "Flyer aktualisiert"),
    "other": ("Fortbildung", "Teamklausur", "Fallbesprechung im Team"),
}

CLIENT_NOTES = (
    "",
    "",
    "",
    "Kommt meist mit Familie",
    "Bevorzugt Termine am Vormittag",
    "Erreichbar über Messenger",
    "Kontakt über die Unterkunft",
)

STREETS = (
    "Hauptstraße",
    "Bahnhofstraße",
    "Gartenweg",
    "Lindenstraße",
    "Schulstraße",
    "Am Markt",
    "Bergstraße",
    "Ringstraße",
    "Wiesenweg",
    "Parkallee",
)
TOWNS = ("04103 Leipzig", "04177 Leipzig", "04315 Leipzig", "04229 Leipzig", "03046 Cottbus", "01067 Dresden")
