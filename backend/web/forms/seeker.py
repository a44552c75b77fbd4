"""Forms of the seeker pages other than the profile: mentoring, consents, account deletion."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from backend.web.seeker_backend import CareerField


class MentoringRequestForm(forms.Form):
    """A seeker's mentoring request (`career_field`, `topic`, `message`, the contact to share)."""

    career_field = forms.ChoiceField(
        label=_("어떤 계열의 멘토를 찾나요"),
        error_messages={
            "required": _("계열을 골라 주세요."),
            "invalid_choice": _("목록에 있는 계열을 골라 주세요."),
        },
    )
    topic = forms.CharField(
        label=_("무엇을 묻고 싶나요 (한 줄)"),
        max_length=200,
        help_text=_("예: 전기기능사로 첫 직장을 구할 때 준비할 것"),
        error_messages={"required": _("묻고 싶은 것을 한 줄로 적어 주세요.")},
    )
    message = forms.CharField(
        label=_("자세한 내용 (선택)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("만날 수 있는 요일이나 시간도 적어 주면 좋아요. 주민등록번호는 적지 마세요."),
    )
    shared_contact = forms.CharField(
        label=_("연락처를 멘토에게 알려 줄까요? (선택)"),
        max_length=200,
        required=False,
        help_text=_(
            "적으면 요청을 수락한 멘토에게만 보여요. 예: 010-1234-5678, 카카오톡 아이디. "
            "비워 두면 사이트 안의 메시지로만 이야기해요."
        ),
    )

    def __init__(self, *args: Any, career_fields: list[CareerField], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["career_field"].choices = [  # type: ignore[attr-defined]
            ("", _("골라 주세요")),
            *[(field.code, field.display_name) for field in career_fields],
        ]


class ConsentForm(forms.Form):
    """One optional purpose granted (`granted=1`) or withdrawn (`granted=0`)."""

    purpose = forms.ChoiceField(choices=[("matching", "matching"), ("marketing", "marketing")])
    granted = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")
    # The "keep receiving" button of a consent about to lapse (a new grant, said as such).
    reconfirm = forms.BooleanField(required=False)


class DeleteAccountForm(forms.Form):
    """Deleting one's account, confirmed by the password."""

    password = forms.CharField(
        label=_("비밀번호"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("본인인지 확인하려고 비밀번호를 한 번 더 받아요."),
        error_messages={"required": _("비밀번호를 적어 주세요.")},
    )
    confirm = forms.BooleanField(
        label=_("계정과 내 정보가 모두 지워지고 되돌릴 수 없다는 것을 알아요"),
        error_messages={"required": _("확인란에 체크해 주세요.")},
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("비밀번호가 맞지 않아요."), code="wrong_password")
        return password
