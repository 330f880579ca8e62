"""An accepted device's key is never replaced by another enrollment file without --replace."""

from __future__ import annotations

import pytest

from beratung_desktop.exchange.enrollment import Enrollment
from beratung_desktop.exchange.keys import new_signing_key
from beratung_desktop.services import organisation
from beratung_desktop.services.organisation import DeviceKeyChanged


def test_enrollment_reusing_an_accepted_device_id_with_another_key_is_refused(world, tmp_path):
    accepted = organisation.devices(world.org)[0]
    private, public = new_signing_key()
    crafted = Enrollment(
        device_id=accepted.device_id,
        office=accepted.office,
        organisation_id=organisation.identity(world.org).organisation_id,
        public_key=public,
        created_at="2026-11-23T10:00:00+00:00",
    )
    file = tmp_path / "crafted.bdenroll"
    file.write_bytes(crafted.to_bytes(private))
    with pytest.raises(DeviceKeyChanged):
        organisation.accept_device(world.org, file)
    assert organisation.devices(world.org)[0].public_key == accepted.public_key
    # An administrator who knows the laptop was enrolled again says so explicitly.
    organisation.accept_device(world.org, file, replace=True)
    assert organisation.devices(world.org)[0].public_key == public
