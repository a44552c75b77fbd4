"""Users and the named personas: a graduate, a returner, a senior, an employer, staff."""

from __future__ import annotations

import factory

from backend.accounts.models import Role, User

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.kr")
    role = Role.SEEKER
    is_staff = factory.LazyAttribute(lambda user: user.role == Role.STAFF)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save()


def seeker(**kwargs: object) -> User:
    return UserFactory(role=Role.SEEKER, **kwargs)


def employer_user(**kwargs: object) -> User:
    return UserFactory(role=Role.EMPLOYER, **kwargs)


def mentor_user(**kwargs: object) -> User:
    return UserFactory(role=Role.MENTOR, **kwargs)


def staff_user(**kwargs: object) -> User:
    return UserFactory(role=Role.STAFF, **kwargs)
