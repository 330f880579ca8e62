"""The installed app ships compiled `.mo` catalogues only (installer/build.py); they load like `.po`."""

from __future__ import annotations

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from beratung_desktop.i18n import translation


def test_a_folder_with_only_mo_files_offers_and_loads_the_language(tmp_path, monkeypatch):
    catalog = Catalog(locale="de")
    catalog.add("Search", "Suchen")
    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.mo").open("wb") as f:
        write_mo(f, catalog)
    monkeypatch.setattr(translation, "translations_dir", lambda: tmp_path)
    translation.load_catalogue.cache_clear()
    try:
        assert translation.available_languages() == ["de", "en"]
        assert translation.load_catalogue("de").gettext("Search") == "Suchen"
    finally:
        translation.load_catalogue.cache_clear()
