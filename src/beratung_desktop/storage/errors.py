"""Refusals of the data store; they derive from the application's one error base."""

from __future__ import annotations

from ..errors import N_, AppError

__all__ = ["N_", "StoreError"]


class StoreError(AppError):
    message = N_("The data store reported an error.")


class StoreMissing(StoreError):
    message = N_("No data store found in {path}. Create one with 'init' or choose the right data folder.")


class StoreExists(StoreError):
    message = N_("A data store already exists in {path}; nothing was changed.")


class WrongPassword(StoreError):
    message = N_("Wrong user name or password. Check the keyboard layout and Caps Lock, then try again.")


class KeyFileMissing(StoreError):
    message = N_("The key file is missing or damaged in {path}. Use the recovery key to set a new password.")


class WrongRecoveryKey(StoreError):
    message = N_("This recovery key does not open the data store. Check it for typing errors.")


class DamagedStore(StoreError):
    message = N_("The data store in {path} is damaged or is not a Beratung Desktop store. Restore the latest backup.")


class NewerStore(StoreError):
    message = N_(
        "The data store was written by a newer version of Beratung Desktop (schema {found}, "
        "this version knows {known}). Install the current version."
    )


class DiskFull(StoreError):
    message = N_("The disk is full or not writable; nothing was saved. Free some space and try again.")


class StoreBusy(StoreError):
    message = N_(
        "The data store is in use by another program. Close Beratung Desktop (or wait for the other "
        "task to finish) and try again; nothing was changed."
    )


class StoreClosed(StoreError):
    message = N_(
        "The data store was closed (signed out or the program ended) before this task could read it; "
        "nothing was changed. Sign in again and repeat the task."
    )


class Cancelled(StoreError):
    message = N_("The task was stopped before it finished; nothing was changed.")


class NotFound(StoreError):
    message = N_("The record {record_id} does not exist.")


class Conflict(StoreError):
    message = N_("The record was changed elsewhere in the meantime. Reload it and enter your change again.")
