"""Extra signup inputs (allauth `ACCOUNT_SIGNUP_FORM_CLASS`), for the headed form and the
headless `/_allauth/…/auth/signup` payload alike."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import ConsentPurpose, Role, User
from backend.accounts.services import consents_record

SIGNUP_ROLES = [(role.value, role.label) for role in (Role.SEEKER, Role.EMPLOYER, Role.MENTOR)]


class SignupForm(forms.Form):
    """Role (staff is never offered) and the consents given at signup."""

    role = forms.ChoiceField(label=_("가입 유형"), choices=SIGNUP_ROLES)
    consent_service = forms.BooleanField(
        label=ConsentPurpose.SERVICE.label,
        required=True,
        error_messages={"required": _("필수 개인정보 수집·이용에 동의해야 가입할 수 있습니다.")},
    )
    consent_matching = forms.BooleanField(label=ConsentPurpose.MATCHING.label, required=False)
    consent_marketing = forms.BooleanField(label=ConsentPurpose.MARKETING.label, required=False)

    def signup(self, request: HttpRequest, user: User) -> None:
        user.role = self.cleaned_data["role"]
        user.is_staff = False
        user.save(update_fields=["role", "is_staff"])
        consents_record(
            user=user,
            decisions={
                ConsentPurpose.SERVICE: True,
                ConsentPurpose.MATCHING: bool(self.cleaned_data.get("consent_matching")),
                ConsentPurpose.MARKETING: bool(self.cleaned_data.get("consent_marketing")),
            },
            channel="api" if request.path.startswith("/_allauth/") else "web",
        )
