"""Staff reads of personal data in the Django admin are access-logged, as on the API (PIPA,
개인정보의 안전성 확보조치 기준 §8: who, whom, what, when, from where).

Every admin whose pages show personal data derives from `PersonalDataAdmin`:

- a change page (opened, saved, its history or its delete confirmation) writes one row per
  person it shows, naming the model and whether it was a read or a change;
- a list page writes one row per person on the page, but only where the list shows
  personal columns (`list_shows_personal = True`: users by email, seekers by name). Every
  other list keeps personal data out (references such as `S-12` instead of names).

`personal_subjects(obj)` says whose data one object shows (user ids); the default follows
`subject_field` (`"user"`, `"seeker"`, `""` for the user itself).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from backend.accounts.models import User
from backend.accounts.services import access_log_many


class PersonalDataAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """A model admin whose pages are access-logged (see the module docstring)."""

    #: The attribute holding the person (a `User` or a model with `user_id`); "" = the row
    #: is the user.
    subject_field: str = "user"
    #: What the change page shows, for the log ("이메일", "이름·전화번호"…).
    personal_what: str = ""
    #: The list page shows personal columns: log one row per listed person.
    list_shows_personal: bool = False

    def personal_subjects(self, obj: Any) -> Iterable[int]:
        """The user ids whose personal data the change page of `obj` shows."""
        if not self.subject_field:
            return [obj.pk]
        field = self.model._meta.get_field(self.subject_field)
        if field.related_model is User:
            value = getattr(obj, f"{self.subject_field}_id", None)
        else:  # a profile: the person is its user
            related = getattr(obj, self.subject_field, None)
            value = getattr(related, "user_id", None) if related is not None else None
        return [value] if value is not None else []

    def _what(self, action: str) -> str:
        name = str(self.model._meta.verbose_name)
        detail = f" ({self.personal_what})" if self.personal_what else ""
        return f"관리자 {name} {action}{detail}"

    def get_object(
        self, request: HttpRequest, object_id: str, from_field: str | None = None
    ) -> Any:
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and isinstance(request.user, User):
            action = "변경" if request.method == "POST" else "열람"
            access_log_many(
                actor=request.user,
                subject_ids=self.personal_subjects(obj),
                what=self._what(action),
                request=request,
            )
        return obj

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        if (
            self.list_shows_personal
            and isinstance(response, TemplateResponse)
            and isinstance(request.user, User)
            and response.context_data
            and "cl" in response.context_data
        ):
            listed: list[Model] = list(response.context_data["cl"].result_list)
            subject_ids = [sid for obj in listed for sid in self.personal_subjects(obj)]
            access_log_many(
                actor=request.user,
                subject_ids=subject_ids,
                what=self._what("목록 열람"),
                request=request,
            )
        return response
