"""Login names the set-up wizard suggests from a person's name."""

from __future__ import annotations

import pytest

from beratung_desktop.domain.users import USER_NAME, suggest_login


@pytest.mark.parametrize(
    ("name", "login"),
    [
        ("Jürgen Weiß", "juergen"),
        ("Björn", "bjoern"),
        ("Änne", "aenne"),
        ("Şükrü Yıldız", "suekrue"),
        ("Олена Коваль", "olena"),
        ("مريم", "mrym"),
        ("  anna-lena ", "anna-lena"),
        ("", ""),
    ],
)
def test_suggested_login_is_a_readable_latin_name(name, login):
    assert suggest_login(name) == login
    assert login == "" or USER_NAME.match(login)
