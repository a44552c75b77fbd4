"""The posting serializers write their fields out by hand (B4: DRF's machinery per field was
half of a list page's CPU). DRF's own `Serializer.to_representation`, driven by the same field
declarations, is the reference: the two must agree on every field, value and type."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.utils import timezone
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from backend.jobs.api import PostingManagedOutput, PostingOutput
from backend.jobs.models import Posting, PostingReviewFlag
from backend.jobs.moderation import PostingRevision, RevisionStatus
from backend.jobs.selectors import postings_with_review_flags
from backend.taxonomy.models import Area
from tests.factories.jobs import PostingFactory

pytestmark = pytest.mark.django_db


def _json(data: Any) -> str:
    """Types count too (8 and 8.0, "1" and 1): compare the bytes a client gets."""
    return json.dumps(json.loads(JSONRenderer().render(data)), ensure_ascii=False, sort_keys=True)


def _variety() -> list[Posting]:
    approximate = Area.objects.order_by("code").first()
    assert approximate is not None
    approximate.approximate = True
    approximate.save(update_fields=["approximate"])
    plain = PostingFactory.create(status="open", lat=37.3401, lon=126.7335, hours_per_day=7.5)
    draft = PostingFactory.create(
        status="draft",
        area=approximate,
        shifts=["morning", "evening"],
        cohorts_welcome=["senior", "returner"],
        skills_preferred=["한글", "Excel"],
        certificates_required=[],
        min_experience_years=3,
        holiday_work=True,
        hours_per_day=8,
        address='시흥시 정왕동 1 <b>&amp;</b> "따옴표"',
    )
    rejected = PostingFactory.create(status="draft", rejection_reason="최저임금 미만")
    PostingReviewFlag.objects.create(
        posting=rejected, code="cohort_exclusion", clause="조항", matched="x", policy_version=1
    )
    PostingRevision.objects.create(posting=plain, proposed={"title": "새 제목"})
    PostingRevision.objects.create(
        posting=rejected, proposed={"title": "x"}, status=RevisionStatus.REJECTED
    )
    utc_stamp = PostingFactory.create(status="open")
    Posting.objects.filter(pk=utc_stamp.pk).update(
        published_at=datetime.datetime(2026, 3, 1, 0, 0, 0, 123456, tzinfo=datetime.UTC)
    )
    del draft
    return list(postings_with_review_flags(Posting.objects.order_by("pk")))


@pytest.mark.parametrize("serializer_class", [PostingOutput, PostingManagedOutput])
def test_the_written_out_fields_equal_drfs_own(serializer_class: type[PostingOutput]) -> None:
    postings = _variety()
    assert len(postings) == 4
    for posting in postings:
        fast = serializer_class(posting).data
        reference = serializers.Serializer.to_representation(serializer_class(), posting)
        assert list(fast) == list(reference)  # the same fields, in the schema's order
        assert _json(fast) == _json(reference), posting.pk


@pytest.mark.parametrize("zone", ["Asia/Seoul", "UTC"])
def test_times_read_as_drf_writes_them_in_either_zone(zone: str) -> None:
    (posting, *_) = _variety()
    with timezone.override(zone):
        fast = PostingManagedOutput(posting).data
        reference = serializers.Serializer.to_representation(PostingManagedOutput(), posting)
    assert fast["created_at"] == reference["created_at"]
    assert fast["published_at"] == reference["published_at"]
