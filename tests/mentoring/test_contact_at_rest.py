"""Issue 13: the contact a seeker shares with the mentor who accepts is contact data, encrypted at
rest like the profile's phone; a database dump does not show it, the mentor's page still does."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from backend.core.fields import decrypt
from backend.mentoring.models import MentoringRequest
from tests.factories.mentoring import mentoring_request

pytestmark = pytest.mark.django_db

CONTACT = "010-2222-3333 / kakao: siheung_kim"


def _stored(pk: int) -> str:
    table = MentoringRequest._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT shared_contact FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return str(cursor.fetchone()[0])


def test_the_shared_contact_is_encrypted_at_rest() -> None:
    request = mentoring_request(shared_contact=CONTACT)
    stored = _stored(request.pk)
    assert "010" not in stored
    assert "siheung_kim" not in stored
    assert decrypt(stored) == CONTACT
    assert MentoringRequest.objects.get(pk=request.pk).shared_contact == CONTACT


def test_the_migration_encrypts_contacts_written_in_plain_text_before_it() -> None:
    request = mentoring_request(shared_contact="")
    table = MentoringRequest._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET shared_contact = %s WHERE id = %s",  # noqa: S608
            [CONTACT, request.pk],
        )
    migration = importlib.import_module("backend.mentoring.migrations.0006_encrypt_shared_contact")
    editor = SimpleNamespace(connection=connection)  # what the migration reads of its editor
    migration.encrypt_existing(apps, editor)
    migration.encrypt_existing(apps, editor)  # twice: an encrypted value is left alone
    assert "010" not in _stored(request.pk)
    assert MentoringRequest.objects.get(pk=request.pk).shared_contact == CONTACT
