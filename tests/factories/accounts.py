"""Users and the named personas: a graduate, a returner, a senior, an employer, staff."""

from __future__ import annotations

from typing import Any

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
