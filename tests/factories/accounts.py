"""Users and the named personas: a graduate, a returner, a senior, an employer, staff."""

from __future__ import annotations

import time
from typing import Any

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from django.test import Client
from factory.declarations import LazyAttribute, Sequence
from factory.django import DjangoModelFactory

from backend.accounts.models import Role, User

PASSWORD = "correct-horse-battery-staple"


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = Sequence(lambda n: f"user{n}@example.kr")
    role = Role.SEEKER
    is_staff = LazyAttribute(lambda user: user.role == Role.STAFF)

    @classmethod
    def _create(cls, model_class: type[User], *args: Any, **kwargs: Any) -> User:
        # Through the manager, so that the password is hashed as in production.
        kwargs.setdefault("password", PASSWORD)
        return User.objects.create_user(*args, **kwargs)


def seeker(**kwargs: Any) -> User:
    return UserFactory.create(role=Role.SEEKER, **kwargs)


def employer_user(**kwargs: Any) -> User:
    return UserFactory.create(role=Role.EMPLOYER, **kwargs)


def mentor_user(**kwargs: Any) -> User:
    return UserFactory.create(role=Role.MENTOR, **kwargs)


def staff_user(**kwargs: Any) -> User:
    return UserFactory.create(role=Role.STAFF, **kwargs)


def log_in(client: Client, user: User, backend: str | None = None) -> Client:
    """`client.force_login(user)` as after a full login: for staff, with the second factor
    recorded in the session as allauth records a TOTP code (STAFF_MFA_REQUIRED holds in tests,
    as in production). The TOTP flow itself is tested in tests/accounts/test_staff_security.py
    and the browser journeys."""
    client.force_login(user, backend=backend)
    if user.role == Role.STAFF or user.is_staff or user.is_superuser:
        session = client.session
        now = time.time()
        session[AUTHENTICATION_METHODS_SESSION_KEY] = [
            {"method": "password", "at": now, "email": user.email},
            {"method": "mfa", "at": now, "type": "totp"},
        ]
        # allauth keeps the records for this user only (its own session key).
        session["account_authentication_methods_user"] = str(user.pk)
        session.save()
    return client
