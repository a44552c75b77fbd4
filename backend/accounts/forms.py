"""Extra signup inputs (allauth `ACCOUNT_SIGNUP_FORM_CLASS`), for the headed form and the
headless `/_allauth/…/auth/signup` payload alike."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import ConsentPurpose, Role, User
from backend.accounts.services import consents_record

SIGNUP_ROLES = [
    (Role.SEEKER.value, _("일자리를 찾아요 (구직자)")),
    (Role.EMPLOYER.value, _("사람을 뽑아요 (기업)")),
    (Role.MENTOR.value, _("경험을 나눠요 (멘토)")),
]
# One plain sentence under each choice (the signup page shows them).
SIGNUP_ROLE_HELP = {
    Role.SEEKER.value: _(
        "프로필을 만들고, 나에게 맞는 일자리를 추천받고, 지원할 수 있어요. "
        "특성화고 졸업생, 경력단절 후 다시 일하려는 분, 신중년 모두 여기예요."
    ),
    Role.EMPLOYER.value: _(
        "시흥의 기업 담당자예요. 기업 정보를 등록하면 시가 확인한 뒤 채용공고를 올릴 수 있어요."
    ),
    Role.MENTOR.value: _("일해 본 경험으로 구직자의 질문에 답하고 상담해 줄 수 있어요."),
}


def _language_of_request() -> str:
    """The page's language ('en-us' → 'en'), else Korean."""
    try:
        return translation.get_supported_language_variant(translation.get_language() or "")
    except LookupError:
        return str(settings.LANGUAGE_CODE)


class SignupForm(forms.Form):
    """Role (staff is never offered) and the consents given at signup."""

    role_help = SIGNUP_ROLE_HELP

    role = forms.ChoiceField(
        label=_("어떤 일로 가입하나요?"),
        choices=SIGNUP_ROLES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("가입 유형을 골라 주세요."),
            "invalid_choice": _("구직자, 기업, 멘토 가운데 하나를 골라 주세요."),
        },
    )
    consent_service = forms.BooleanField(
        label=_("서비스 이용에 필요한 개인정보 수집·이용에 동의해요 (필수)"),
        required=True,
        error_messages={"required": _("필수 개인정보 수집·이용에 동의해야 가입할 수 있어요.")},
    )
    consent_matching = forms.BooleanField(
        label=_("기업 추천에 내 프로필을 쓰는 데 동의해요 (선택)"), required=False
    )
    consent_marketing = forms.BooleanField(
        label=_("채용 소식을 이메일로 받는 데 동의해요 (선택)"), required=False
    )

    def signup(self, request: HttpRequest, user: User) -> None:
        user.role = self.cleaned_data["role"]
        user.is_staff = False
        # Mails to this person are written in the language they signed up in.
        user.language = _language_of_request()
        user.save(update_fields=["role", "is_staff", "language"])
        consents_record(
            user=user,
            decisions={
                ConsentPurpose.SERVICE: True,
                ConsentPurpose.MATCHING: bool(self.cleaned_data.get("consent_matching")),
                ConsentPurpose.MARKETING: bool(self.cleaned_data.get("consent_marketing")),
            },
            channel=_channel(self, request),
        )


def _channel(form: forms.Form, request: HttpRequest) -> str:
    """Where the consents were given: `api` (headless), `web`, or the social provider's id
    (`kakao`, `naver`) for a social signup, whose form carries the pending `sociallogin`."""
    sociallogin = getattr(form, "sociallogin", None)
    if sociallogin is not None:
        return str(sociallogin.account.provider)[:32]
    return "api" if request.path.startswith("/_allauth/") else "web"
