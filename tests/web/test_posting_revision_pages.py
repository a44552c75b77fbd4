"""Post-approval edits on the web (issue 13): an employer's material edit of an open posting
waits for staff on /staff/postings/, the public page keeps the approved version, and staff
approve or reject it there."""

from __future__ import annotations

from typing import Any

import pytest

from backend.accounts.models import User
from backend.jobs.models import Posting, PostingRevision, PostingStatus, RevisionStatus
from tests.factories.accounts import staff_user
from tests.factories.employers import employer_with_user
from tests.factories.jobs import posting_in
from tests.web.seeker_helpers import client_for, html
from tests.web.test_employer_pages import posting_body

pytestmark = [pytest.mark.django_db]

SCAM = "신분증 사본을 먼저 보내 주세요"


def _open_posting() -> tuple[Posting, User]:
    employer, user = employer_with_user()
    posting = posting_in(PostingStatus.OPEN, employer=employer, title="오전 경리 사무원")
    return posting, user


def _edit(posting: Posting, user: User, **changes: object) -> Any:
    body = posting_body(
        title=posting.title,
        description=posting.description,
        career_field=posting.career_field_id,
        occupation=posting.occupation,
        skills_required=", ".join(posting.skills_required),
        skills_preferred=", ".join(posting.skills_preferred),
        certificates_required=", ".join(posting.certificates_required),
        min_experience_years=str(posting.min_experience_years),
        employment_type=posting.employment_type,
        days_per_week=str(posting.days_per_week),
        shifts=list(posting.shifts),
        hourly_wage=str(posting.hourly_wage),
        area=posting.area_id,
        address=posting.address,
        openings=str(posting.openings),
        deadline=posting.deadline.isoformat(),
        cohorts_welcome=list(posting.cohorts_welcome),
    )
    body.update(changes)
    return client_for(user).post(f"/employer/postings/{posting.pk}/edit/", body, follow=True)


def test_an_employers_material_edit_waits_and_the_public_keeps_the_approved_text() -> None:
    posting, user = _open_posting()
    response = _edit(posting, user, description=SCAM)
    text = html(response)
    assert "시 담당자가 확인한 뒤에 공고에 반영해요" in text
    assert "고친 내용을 시 담당자가 확인하고 있어요" in text
    assert SCAM in text  # the employer's form goes on from what they proposed
    posting.refresh_from_db()
    assert SCAM not in posting.description
    assert SCAM not in html(client_for(None).get(f"/jobs/{posting.pk}/"))


def test_staff_see_the_revision_beside_new_postings_and_approve_it() -> None:
    posting, user = _open_posting()
    _edit(posting, user, title="오후 경리 사무원")
    staff = client_for(staff_user())
    queue = html(staff.get("/staff/postings/"))
    assert "게시 중인 공고의 수정 내용" in queue
    assert "오후 경리 사무원" in queue
    assert "오전 경리 사무원" in queue
    dashboard = html(staff.get("/staff/"))
    assert "검토를 기다리는 공고 수정" in dashboard
    response = staff.post(f"/staff/postings/{posting.pk}/revision/approve/")
    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.title == "오후 경리 사무원"
    assert "오후 경리 사무원" in html(client_for(None).get(f"/jobs/{posting.pk}/"))


def test_staff_reject_a_revision_with_a_reason_the_employer_reads() -> None:
    posting, user = _open_posting()
    _edit(posting, user, description=SCAM)
    staff = client_for(staff_user())
    missing = staff.post(f"/staff/postings/{posting.pk}/revision/reject/", {"reason": ""})
    assert missing.status_code == 400
    assert f'id="error-id_reason_{posting.pk}"' in html(missing)
    staff.post(f"/staff/postings/{posting.pk}/revision/reject/", {"reason": "금전 요구 금지"})
    assert PostingRevision.objects.get(posting=posting).status == RevisionStatus.REJECTED
    page = html(client_for(user).get(f"/employer/postings/{posting.pk}/edit/"))
    assert "금전 요구 금지" in page
    posting.refresh_from_db()
    assert SCAM not in posting.description
