"""The installer ships compiled catalogues only: interface and printout-only ones alike."""

from __future__ import annotations

import shutil

from beratung_desktop.i18n.translation import translations_dir


def test_every_po_becomes_an_mo(build, tmp_path):
    package = tmp_path / "beratung_desktop"
    shutil.copytree(translations_dir(), package / "translations")
    build.compile_translations(package)
    folder = package / "translations"
    assert not list(folder.rglob("*.po")) and not list(folder.glob("*.pot"))
    for code in ("de", "tr", "ar"):
        assert (folder / code / "LC_MESSAGES" / "messages.mo").is_file()
    for code in ("fa_AF", "ps", "ku", "ti", "fr"):
        assert (folder / code / "LC_MESSAGES" / "printouts.mo").is_file()
