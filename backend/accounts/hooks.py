"""The accounts app's hooks (see `backend.core.hooks`): privacy and reports subscribe."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from backend.accounts.models import ConsentRecord, User
from backend.core.hooks import Hook


class ConsentChanged(Protocol):
    def __call__(self, *, user: User, records: Sequence[ConsentRecord]) -> None: ...


class AccountDeleting(Protocol):
    def __call__(self, *, user: User) -> None: ...


class PersonalDataRead(Protocol):
    def __call__(self, *, actor: User, count: int) -> None: ...


#: Consent decisions were recorded (`consents_record`, at signup and on every change): fired
#: with the new `ConsentRecord` rows (one per purpose decided, granted or withdrawn) after
#: they were created, in the recording's transaction.
consent_changed: Hook[ConsentChanged] = Hook("consent_changed")

#: An account is about to be deleted (`user_delete`): fired after the registered erasers
#: (`backend.core.privacy`) and before the user row and its cascade go, in the deletion's
#: transaction — the person's rows are still there to read.
account_deleting: Hook[AccountDeleting] = Hook("account_deleting")

#: `actor` read the personal data of `count` people (`access_log_many` wrote that many
#: access-log rows, in the read's transaction). Notifications subscribes for the bulk-read
#: alert to the privacy officer.
personal_data_read: Hook[PersonalDataRead] = Hook("personal_data_read")
