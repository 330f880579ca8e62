"""Small German and Arabic catalogues for rendering tests (the real ones come with the translations)."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

GERMAN = {
    "Confidential": "Vertraulich",
    "Page {page} of {pages}": "Seite {page} von {pages}",
    "Support agreement": "Fördervereinbarung",
    "Consent to data processing": "Einwilligung in die Datenverarbeitung",
    "Consultation record": "Beratungsprotokoll",
    "Case summary": "Fallübersicht",
    "Monthly summary": "Monatsübersicht",
    "Yearly summary": "Jahresübersicht",
    "Client": "Klient*in",
    "Client number": "Klientennummer",
    "Date of birth": "Geburtsdatum",
    "Service": "Dienst",
    "Counsellor": "Berater*in",
    "Case opened": "Fall eröffnet",
    "Goals": "Ziele",
    "Goal and steps": "Ziel und Schritte",
    "Who": "Wer",
    "By": "Bis",
    "Place, date": "Ort, Datum",
    "Signature of the client": "Unterschrift Klient*in",
    "Client and counsellor": "Klient*in und Berater*in",
    "Migration counselling for adults (MBE)": "Migrationsberatung für erwachsene Zugewanderte (MBE)",
    "This agreement is voluntary. It records the goals we have agreed on together and the steps towards "
    "them. We review it together and can change it at any time. Counselling is free of charge and "
    "confidential.": (
        "Diese Vereinbarung ist freiwillig. Sie hält die Ziele fest, die wir gemeinsam vereinbart haben, "
        "und die Schritte dorthin. Wir überprüfen sie gemeinsam und können sie jederzeit ändern. Die "
        "Beratung ist kostenlos und vertraulich."
    ),
    "Clients counselled": "Beratene Klient*innen",
    "Consultations": "Beratungen",
    "By signing, we confirm that we have discussed this agreement and will work on the goals together. "
    "You receive a copy.": (
        "Mit der Unterschrift bestätigen wir, dass wir diese Vereinbarung besprochen haben und gemeinsam an "
        "den Zielen arbeiten. Sie erhalten eine Kopie."
    ),
    "Voluntary consent and withdrawal": "Freiwilligkeit und Widerruf",
    "This consent is voluntary. If you do not give it, or withdraw it, you will still be counselled.": (
        "Diese Einwilligung ist freiwillig. Auch wenn Sie sie nicht erteilen oder widerrufen, werden Sie "
        "weiter beraten."
    ),
    "You can withdraw this consent at any time, without giving reasons, in writing or in person at the "
    "counselling service. Withdrawal applies from then on; processing up to then remains lawful. You have "
    "the right to see, correct and have deleted your data (Articles 15 to 17 GDPR) and to complain to a "
    "data protection authority.": (
        "Sie können diese Einwilligung jederzeit ohne Angabe von Gründen schriftlich oder persönlich in der "
        "Beratungsstelle widerrufen. Der Widerruf gilt ab diesem Zeitpunkt; die Verarbeitung bis dahin bleibt "
        "rechtmäßig. Sie haben das Recht auf Auskunft, Berichtigung und Löschung Ihrer Daten (Art. 15 bis 17 "
        "DSGVO) und auf Beschwerde bei einer Datenschutzaufsichtsbehörde."
    ),
    "I agree that the counselling service stores my personal data (name, contact details, date of birth, "
    "origin, residence status, household) and notes on my counselling on an encrypted computer, so that my "
    "counselling can be continued. The data are used for no other purpose.": (
        "Ich bin einverstanden, dass die Beratungsstelle meine personenbezogenen Daten (Name, Kontaktdaten, "
        "Geburtsdatum, Herkunft, Aufenthaltsstatus, Haushalt) und Notizen zu meiner Beratung auf einem "
        "verschlüsselten Computer speichert, damit meine Beratung fortgesetzt werden kann. Die Daten werden "
        "für keinen anderen Zweck verwendet."
    ),
    "I agree that my counsellor may pass on the personal data needed for my matter to {recipient} and "
    "discuss my matter with them. Nothing beyond what is needed for my matter is passed on.": (
        "Ich bin einverstanden, dass meine Beraterin oder mein Berater die für mein Anliegen nötigen "
        "personenbezogenen Daten an {recipient} weitergibt und mein Anliegen mit dieser Stelle bespricht. "
        "Darüber hinaus wird nichts weitergegeben."
    ),
    "Counselling service": "Beratungsstelle",
    "Recipient": "Empfänger",
    "Valid until": "Gültig bis",
    "Date and time": "Datum und Uhrzeit",
    "Duration": "Dauer",
    "{minutes} minutes": "{minutes} Minuten",
    "Form": "Form",
    "Interpreter": "Dolmetschung",
    "Referred to": "Vermittelt an",
    "yes": "ja",
    "no": "nein",
    "Topics": "Themen",
    "Notes": "Notizen",
    "Counselling is voluntary, free of charge and confidential. Your data are used only for your counselling "
    "and are not passed on without your consent.": (
        "Die Beratung ist freiwillig, kostenlos und vertraulich. Ihre Daten werden nur für Ihre Beratung "
        "verwendet und nicht ohne Ihre Einwilligung weitergegeben."
    ),
    "Case closed": "Fall abgeschlossen",
    "Reason for closing": "Abschlussgrund",
    "Case management": "Case Management",
    "{count} consultations, {minutes} minutes in total": "{count} Beratungen, insgesamt {minutes} Minuten",
    "Date": "Datum",
    "Minutes": "Minuten",
    "Status": "Status",
    "open": "offen",
    "Period": "Zeitraum",
    "Compared with": "Verglichen mit",
    "Services": "Dienste",
    "Counsellors": "Berater*innen",
    "Created on": "Erstellt am",
    "all": "alle",
    "Key figures": "Kennzahlen",
    "Figure": "Kennzahl",
    "Change": "Veränderung",
    "Clients are counted once per period, however many cases and consultations they had. New clients had their "
    "first contact in the selected services in this period. Age and time since arrival are taken at the first "
    "contact in the period; a group session's minutes count once.": (
        "Klient*innen werden je Zeitraum einmal gezählt, gleich wie viele Fälle und Beratungen sie hatten. Neue "
        "Klient*innen hatten ihren ersten Kontakt in den gewählten Diensten in diesem Zeitraum. Alter und Zeit "
        "seit der Einreise gelten beim ersten Kontakt im Zeitraum; die Minuten einer Gruppensitzung zählen einmal."
    ),
    "of them new": "davon neu",
    "of them continuing": "davon fortgesetzt",
    "Household members counselled with them": "Mitberatene Haushaltsangehörige",
    "Cases opened": "Eröffnete Fälle",
    "Cases closed": "Abgeschlossene Fälle",
    "Cases open during the period": "Im Zeitraum offene Fälle",
    "Minutes in total": "Minuten insgesamt",
    "Minutes per consultation (average)": "Minuten je Beratung (Durchschnitt)",
    "Consultations with an interpreter": "Beratungen mit Dolmetschung",
    "Clients in case management": "Klient*innen im Case Management",
    "Share of clients counselled": "Anteil an den beratenen Klient*innen",
    "Activities": "Aktivitäten",
    "Participants": "Teilnehmende",
    "Cases opened by service": "Eröffnete Fälle nach Dienst",
    "Reasons for closing": "Abschlussgründe",
    "Consultations by form": "Beratungen nach Form",
    "Consultations by service": "Beratungen nach Dienst",
    "Topics (a consultation can have several)": "Themen (eine Beratung kann mehrere haben)",
    "Country of origin": "Herkunftsland",
    "Other countries": "Andere Länder",
    "Age at the end of the period": "Alter am Ende des Zeitraums",
    "Gender": "Geschlecht",
    "Time since arrival": "Zeit seit der Einreise",
    "up to 3 years": "bis 3 Jahre",
    "more than 3 years": "mehr als 3 Jahre",
    "Activities by type": "Aktivitäten nach Art",
}

ARABIC = {
    "Confidential": "سري",
    "Page {page} of {pages}": "صفحة {page} من {pages}",
    "Support agreement": "اتفاقية الدعم",
    "Consent to data processing": "الموافقة على معالجة البيانات",
    "Client": "المراجع",
    "Client number": "رقم المراجع",
    "Date of birth": "تاريخ الميلاد",
    "Service": "الخدمة",
    "Counsellor": "المستشار",
    "Case opened": "تاريخ فتح الملف",
    "Goals": "الأهداف",
    "Goal and steps": "الهدف والخطوات",
    "Who": "من",
    "By": "حتى",
    "Place, date": "المكان، التاريخ",
    "Signature of the client": "توقيع المراجع",
    "Client and counsellor": "المراجع والمستشار",
    "This agreement is voluntary. It records the goals we have agreed on together and the steps towards "
    "them. We review it together and can change it at any time. Counselling is free of charge and "
    "confidential.": (
        "هذه الاتفاقية طوعية. وهي تسجل الأهداف التي اتفقنا عليها معاً والخطوات اللازمة لتحقيقها. "
        "نراجعها معاً ويمكننا تغييرها في أي وقت. الاستشارة مجانية وسرية."
    ),
    "By signing, we confirm that we have discussed this agreement and will work on the goals together. "
    "You receive a copy.": (
        "بالتوقيع نؤكد أننا ناقشنا هذه الاتفاقية وسنعمل معاً على تحقيق الأهداف. تحصل على نسخة منها."
    ),
    "Voluntary consent and withdrawal": "الموافقة الطوعية وسحبها",
    "This consent is voluntary. If you do not give it, or withdraw it, you will still be counselled.": (
        "هذه الموافقة طوعية. إذا لم تمنحها أو سحبتها فستستمر في الحصول على الاستشارة."
    ),
    "I agree that my counsellor may pass on the personal data needed for my matter to {recipient} and "
    "discuss my matter with them. Nothing beyond what is needed for my matter is passed on.": (
        "أوافق على أن ينقل المستشار البيانات الشخصية اللازمة لقضيتي إلى {recipient} وأن يناقش قضيتي معهم. "
        "لا يُنقل شيء يتجاوز ما تحتاجه قضيتي."
    ),
    "I agree that the counselling service stores my personal data (name, contact details, date of birth, "
    "origin, residence status, household) and notes on my counselling on an encrypted computer, so that my "
    "counselling can be continued. The data are used for no other purpose.": (
        "أوافق على أن يحفظ مركز الاستشارة بياناتي الشخصية (الاسم وبيانات الاتصال وتاريخ الميلاد والأصل ووضع "
        "الإقامة والأسرة) والملاحظات المتعلقة باستشارتي على حاسوب مشفّر، حتى يمكن متابعة استشارتي. لا تُستخدم "
        "البيانات لأي غرض آخر."
    ),
    "You can withdraw this consent at any time, without giving reasons, in writing or in person at the "
    "counselling service. Withdrawal applies from then on; processing up to then remains lawful. You have "
    "the right to see, correct and have deleted your data (Articles 15 to 17 GDPR) and to complain to a "
    "data protection authority.": (
        "يمكنك سحب هذه الموافقة في أي وقت دون إبداء أسباب، كتابياً أو شخصياً لدى مركز الاستشارة. يسري السحب "
        "اعتباراً من ذلك الوقت، وتبقى المعالجة التي تمت قبله قانونية. لك الحق في الاطلاع على بياناتك "
        "وتصحيحها وحذفها (المواد 15 إلى 17 من اللائحة العامة لحماية البيانات) وفي تقديم شكوى إلى هيئة حماية "
        "البيانات."
    ),
    "Counselling service": "مركز الاستشارة",
    "Recipient": "الجهة المستلمة",
}


def write_catalogues(folder: Path) -> Path:
    for language, messages in (("de", GERMAN), ("ar", ARABIC)):
        catalog = Catalog(locale=language)
        for msgid, msgstr in messages.items():
            catalog.add(msgid, msgstr)
        target = folder / language / "LC_MESSAGES"
        target.mkdir(parents=True, exist_ok=True)
        with (target / "messages.po").open("wb") as f:
            write_po(f, catalog)
    return folder
