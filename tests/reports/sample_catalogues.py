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
    "confidential.":
        "Diese Vereinbarung ist freiwillig. Sie hält die Ziele fest, die wir gemeinsam vereinbart haben, "
        "und die Schritte dorthin. Wir überprüfen sie gemeinsam und können sie jederzeit ändern. Die "
        "Beratung ist kostenlos und vertraulich.",
    "Clients counselled": "Beratene Klient*innen",
    "Consultations": "Beratungen",
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
    "confidential.":
        "هذه الاتفاقية طوعية. وهي تسجل الأهداف التي اتفقنا عليها معاً والخطوات اللازمة لتحقيقها. "
        "نراجعها معاً ويمكننا تغييرها في أي وقت. الاستشارة مجانية وسرية.",
    "By signing, we confirm that we have discussed this agreement and will work on the goals together. "
    "You receive a copy.":
        "بالتوقيع نؤكد أننا ناقشنا هذه الاتفاقية وسنعمل معاً على تحقيق الأهداف. تحصل على نسخة منها.",
    "Voluntary consent and withdrawal": "الموافقة الطوعية وسحبها",
    "This consent is voluntary. If you do not give it, or withdraw it, you will still be counselled.":
        "هذه الموافقة طوعية. إذا لم تمنحها أو سحبتها فستستمر في الحصول على الاستشارة.",
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
