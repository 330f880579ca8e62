from __future__ import annotations

from pathlib import Path

import pytest

from beratung_desktop.i18n import translation

from .sample_catalogues import write_catalogues


@pytest.fixture
def catalogues(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """German and Arabic sample catalogues in place of the shipped translations."""
    folder = write_catalogues(tmp_path / "translations")
    monkeypatch.setattr(translation, "translations_dir", lambda: folder)
    translation.load_catalogue.cache_clear()
    yield folder
    translation.load_catalogue.cache_clear()
