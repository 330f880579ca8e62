"""Why a package, enrollment file, key file or receipt was refused; messages are English msgids."""

from __future__ import annotations

from ..errors import N_, AppError


class ExchangeError(AppError):
    message = N_("The exchange file {path} was refused.")


class NotAPackage(ExchangeError):
    message = N_("{path} is not an export package of Beratung Desktop; nothing was imported.")


class PackageTruncated(ExchangeError):
    message = N_(
        "{path} is incomplete (the copy was probably interrupted); nothing was imported. "
        "Copy the file again or ask the office to export again."
    )


class PackageDamaged(ExchangeError):
    message = N_(
        "{path} is damaged or was changed after the export (the signature does not match); "
        "nothing was imported. Ask the office to export again."
    )


class UnknownFormat(ExchangeError):
    message = N_(
        "{path} uses file format {found}, this installation knows up to {known}. "
        "Update the organisation's installation; nothing was imported."
    )


class NewerSchema(ExchangeError):
    message = N_(
        "{path} comes from a newer version of Beratung Desktop (schema {found}, this installation "
        "knows {known}). Update the organisation's installation; nothing was imported."
    )


class UnknownDevice(ExchangeError):
    message = N_(
        "{path} was signed by device {device} (office {office}), which this organisation has not "
        "accepted; nothing was imported. Accept the device's enrollment file first."
    )


class WrongOrganisation(ExchangeError):
    message = N_(
        "{path} is meant for another organisation ({found}), not for this one ({expected}); nothing was imported."
    )


class ScopeNotAllowed(ExchangeError):
    message = N_("{path} contains full records, but this organisation accepts statistics only; nothing was imported.")


class BadKeyFile(ExchangeError):
    message = N_("{path} is not a valid organisation key file. Ask IT for the file from 'org init'.")


class BadEnrollment(ExchangeError):
    message = N_("{path} is not a valid enrollment file or was changed after it was written; nothing was changed.")


class BadReceipt(ExchangeError):
    message = N_("{path} is not a valid receipt of this organisation or was changed; nothing was changed.")


class BadIdentifier(ExchangeError):
    message = N_(
        "{path} carries the {field} {value}, which is not a valid id (only letters, digits, '.', '_' "
        "and '-'); nothing was imported. Ask the office to export again with a current version."
    )


class SequenceOutOfRange(ExchangeError):
    message = N_(
        "{path} claims export number {sequence}; numbers above {limit} are refused as implausible. "
        "Nothing was imported; ask IT to check the office's installation."
    )


class RecordRefused(ExchangeError):
    message = N_(
        "{path} was refused: record {record} ({kind} no. {number}), field {field}: {problem}. Nothing was "
        "imported; ask the office to correct this record and export again."
    )
