"""`/api/v1/me/notification-preferences/`: which mails the signed-in user gets.

`GET` lists every kind of mail the user's role may get (from MAIL_CLASSES and MAIL_AUDIENCES,
so new kinds appear by themselves); `PATCH {"preferences": {"<kind>": false}}` switches
service and marketing kinds on or off. A transactional kind (always sent), a kind not of the
role, an unknown kind, a non-boolean or an empty object is a 400 and changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.models import User
from backend.notifications.models import MailClass, NotificationKind
from backend.notifications.selectors import kinds_for, notification_preferences
from backend.notifications.services import notification_preferences_update


class PreferenceOutput(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=NotificationKind.choices)
    description = serializers.CharField()
    mail_class = serializers.ChoiceField(
        choices=MailClass.choices,
        help_text=_(
            "transactional: 늘 보냄, service: 끄지 않았으면 보냄, marketing: 광고성 정보 수신 "
            "동의가 유효하고 끄지 않았을 때만 보냄"
        ),
    )
    enabled = serializers.BooleanField()
    can_disable = serializers.BooleanField(help_text=_("거래 메일은 false"))
    marketing_consent = serializers.BooleanField(
        allow_null=True,
        help_text=_(
            "마케팅 메일 종류: 마케팅 동의가 유효한지(동의가 없으면 `enabled`와 상관없이 "
            "보내지 않음), 다른 종류는 null"
        ),
    )


class PreferencesInput(serializers.Serializer[dict[str, Any]]):
    preferences = serializers.DictField(
        child=serializers.BooleanField(),
        help_text=_('종류 → 받을지 여부, 예: `{"application_status_changed": false}`'),
    )

    def validate_preferences(self, value: dict[str, bool]) -> dict[str, bool]:
        if not value:
            raise serializers.ValidationError(gettext("바꿀 알림 종류가 비어 있습니다."))
        user = self.context["user"]
        allowed = set(kinds_for(role=user.role, switchable_only=True))
        refused = sorted(kind for kind in value if kind not in allowed)
        if refused:
            raise serializers.ValidationError(
                gettext("끌 수 없거나 알 수 없는 알림 종류예요: %(kinds)s")
                % {"kinds": ", ".join(refused)}
            )
        return value


def _rows(user: User) -> Response:
    return Response(PreferenceOutput(notification_preferences(user=user), many=True).data)


class NotificationPreferencesView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses=PreferenceOutput(many=True),
        summary=_("종류별로 내가 받는 메일"),
    )
    def get(self, request: Request) -> Response:
        assert isinstance(request.user, User)
        return Response(
            PreferenceOutput(notification_preferences(user=request.user), many=True).data
        )

    @extend_schema(
        request=PreferencesInput,
        responses=PreferenceOutput(many=True),
        summary=_("서비스·마케팅 메일을 종류별로 켜고 끄기"),
    )
    def patch(self, request: Request) -> Response:
        assert isinstance(request.user, User)
        payload = PreferencesInput(data=request.data, context={"user": request.user})
        payload.is_valid(raise_exception=True)
        notification_preferences_update(
            user=request.user, choices=payload.validated_data["preferences"], channel="api"
        )
        return Response(
            PreferenceOutput(notification_preferences(user=request.user), many=True).data
        )
