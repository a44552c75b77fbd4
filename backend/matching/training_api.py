"""`/me/training-suggestions/` (seeker): the requirement gaps of the seeker's near-miss
postings with the courses that close them (`training_gaps`). It lives in matching, above
training: the gaps are matching's, the catalogue is training's."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsSeeker, request_user
from backend.matching import selectors
from backend.matching.training_gaps import training_suggestions
from backend.seekers import access as seeker_access


class SuggestedCourseOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    provider = serializers.CharField()
    title = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    cost_krw = serializers.IntegerField()
    naeil_card = serializers.BooleanField(help_text=_("국민내일배움카드 사용 가능"))
    is_demo = serializers.BooleanField()


class TrainingSuggestionOutput(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=["certificate", "skill"])
    name = serializers.CharField(help_text=_("자격증이나 기술 이름(공고에 적힌 대로)"))
    postings = serializers.IntegerField(help_text=_("이것만 없어서 놓친 공고 수"))
    courses = SuggestedCourseOutput(many=True)


class MyTrainingSuggestionsApi(APIView):
    permission_classes = [IsSeeker]

    @extend_schema(
        operation_id="me_training_suggestions_list",
        responses={200: TrainingSuggestionOutput(many=True)},
        summary=(
            _(
                "훈련 추천: 거의 맞는 공고를 막는 자격증·기술과 그 과정(많이 막는 것부터, 프로필이 "
                "없으면 404)"
            )
        ),
    )
    def get(self, request: Request) -> Response:
        profile = seeker_access.own_profile(request_user(request))
        found = training_suggestions(profile, selectors.ordinance_policy_current())
        return Response(TrainingSuggestionOutput(found.gaps, many=True).data)
