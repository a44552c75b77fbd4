"""The language switch: Django's `set_language`, and a signed-in person's choice is kept on
their account so that their mails follow it."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from backend.accounts.models import User
from backend.accounts.services import user_language_set


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if isinstance(request.user, User) and language in dict(settings.LANGUAGES):
        user_language_set(user=request.user, language=language)
    return response
