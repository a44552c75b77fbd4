"""`/me/notifications/`: which mails a person gets (every role), and
`/notifications/unsubscribe/<token>/`: a mail's unsubscribe link.

The preferences come from the notifications app's kinds (MAIL_CLASSES, MAIL_AUDIENCES): a new
kind shows here by itself. Transactional mails are listed as always sent. The unsubscribe link
never changes anything on GET (mail scanners open links): the page asks, its POST switches the
kind off. The POST needs no CSRF token — the signed token in the path is the authority, and
mail clients' one-click unsubscribe (RFC 8058) posts without cookies.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from backend.accounts.permissions import request_user
from backend.core.errors import DomainError
from backend.notifications.models import NotificationKind
from backend.notifications.selectors import notification_preferences
from backend.notifications.services import (
    notification_preferences_update,
    notification_unsubscribe,
    unsubscribe_read,
)


class PreferencesForm(forms.Form):
    """One checkbox per switchable kind of the person's role: ticked = sent."""

    enabled = forms.MultipleChoiceField(
        label=gettext_lazy("받을 알림 메일"),
        help_text=gettext_lazy(
            "받고 싶은 메일에 체크해 주세요. 체크를 풀면 그 메일은 보내지 않아요."
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("보기 가운데에서 골라 주세요.")},
    )

    def __init__(self, *args: Any, rows: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["enabled"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(row["kind"], row["description"]) for row in rows if row["can_disable"]]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    rows = notification_preferences(user=user)
    switchable = [row for row in rows if row["can_disable"]]
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        rows=rows,
        initial={"enabled": [row["kind"] for row in switchable if row["enabled"]]},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            chosen = set(form.cleaned_data["enabled"])
            notification_preferences_update(
                user=user,
                choices={row["kind"]: row["kind"] in chosen for row in switchable},
                channel="web",
            )
            messages.success(request, _("알림 메일 설정을 저장했어요."))
            return redirect("web:me_notifications")
        status = 400
    return render(
        request,
        "web/me/notifications.html",
        {
            "nav": "me",
            "form": form,
            "always": [row for row in rows if not row["can_disable"]],
            "marketing": [row for row in switchable if row["marketing_consent"] is not None],
        },
        status=status,
    )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user, kind = unsubscribe_read(token)
    except DomainError:
        return render(request, "web/notifications_unsubscribe.html", {"bad": True}, status=400)
    done = False
    if request.method == "POST":
        notification_unsubscribe(token=token)
        done = True
    return render(
        request,
        "web/notifications_unsubscribe.html",
        {
            "bad": False,
            "done": done,
            "kind_label": NotificationKind(kind).label,
            "mine": request.user.is_authenticated and request.user.pk == user.pk,
        },
    )
