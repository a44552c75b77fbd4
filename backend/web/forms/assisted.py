"""Forms of counsellor-assisted enrolment: the paper consent, and the first login."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class AssistedSeekerForm(forms.Form):
    """The account made on the person's behalf, with the consent they signed on paper."""

    consent_scan_ref = forms.CharField(
        label=_("동의서 스캔 번호"),
        max_length=100,
        help_text=_("서명받은 동의서를 스캔해 보관한 번호예요. 예: 새일-2026-0153"),
        error_messages={"required": _("동의서 스캔 번호를 적어 주세요.")},
    )
    consent_signed_on = forms.DateField(
        label=_("동의서 서명일"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("동의서에 서명한 날을 적어 주세요."),
            "invalid": _("날짜를 2026-03-02처럼 적어 주세요."),
        },
    )
    matching_consent = forms.BooleanField(
        label=_("기업 추천 활용에도 동의했어요 (동의서의 선택 항목)"),
        required=False,
    )


class AssistedActivateForm(forms.Form):
    """The first login with the letter: the login ID, the one-time code, a new password."""

    login_id = forms.CharField(
        label=_("로그인 아이디"),
        max_length=32,
        help_text=_("안내문에 적힌 sh로 시작하는 아이디예요."),
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
        error_messages={"required": _("아이디를 적어 주세요.")},
    )
    code = forms.CharField(
        label=_("일회용 코드"),
        max_length=20,
        help_text=_("안내문에 적힌 코드 10자리예요. 가운데 줄표(-)는 빼도 돼요."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "characters"}
        ),
        error_messages={"required": _("일회용 코드를 적어 주세요.")},
    )
    password1 = forms.CharField(
        label=_("새 비밀번호"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("새 비밀번호를 적어 주세요.")},
    )
    password2 = forms.CharField(
        label=_("새 비밀번호 확인"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("새 비밀번호를 한 번 더 적어 주세요.")},
    )

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("두 비밀번호가 서로 달라요."))
        return cleaned
