"""Bulk decisions in the staff queues: verify several employers, approve several postings,
each item checked on its own (who may, its state, the version staff saw) with a message per
item; bulk approval skips postings with open ordinance flags; bad selections are a 400 on
the queue. And the services directly, for a caller who is not staff."""

from __future__ import annotations

import datetime
from functools import partial

import pytest
from django.utils import timezone

from backend.accounts.models import User
from backend.employers.models import Employer
from backend.employers.services import employer_update, employers_verify_bulk
from backend.jobs.models import Posting, PostingReviewFlag, PostingStatus
from backend.jobs.services import postings_approve_bulk
from tests.factories.accounts import employer_user, seeker, staff_user
from tests.factories.employers import EmployerFactory
from tests.factories.jobs import posting_in
from tests.web.seeker_helpers import client_for, count_queries, html

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def staff() -> User:
    return staff_user()


def unverified(**kwargs: object) -> Employer:
    return EmployerFactory.create(verified_at=None, **kwargs)


def pending(**kwargs: object) -> Posting:
    return posting_in(PostingStatus.PENDING, **kwargs)


def flag(posting: Posting) -> None:
    PostingReviewFlag.objects.create(
        posting=posting,
        code="cohort_exclusion",
        clause="직무와 무관한 연령 제한 금지",
        pattern="만 45세 이하",
        matched="만 45세 이하",
        policy_version=1,
    )


def employer_post(employers: list[Employer], **versions: str) -> dict[str, object]:
    data: dict[str, object] = {"employer_ids": [str(e.pk) for e in employers]}
    for employer in employers:
        data[f"version-{employer.pk}"] = versions.get(
            str(employer.pk), employer.updated_at.isoformat()
        )
    return data


def posting_post(postings: list[Posting]) -> dict[str, object]:
    data: dict[str, object] = {"posting_ids": [str(p.pk) for p in postings]}
    for posting in postings:
        data[f"version-{posting.pk}"] = str(posting.version)
    return data


def test_the_queues_offer_checkboxes_with_versions(staff: User) -> None:
    employer = unverified()
    text = html(client_for(staff).get("/staff/employers/"))
    assert f'name="employer_ids" value="{employer.pk}"' in text
    assert f'name="version-{employer.pk}" value="{employer.updated_at.isoformat()}"' in text
    assert 'id="bulk-verify"' in text
    clean, flagged = pending(), pending()
    flag(flagged)
    text = html(client_for(staff).get("/staff/postings/"))
    assert f'name="posting_ids" value="{clean.pk}"' in text
    assert f'name="posting_ids" value="{flagged.pk}"' not in text  # one by one only


def test_verify_several_with_a_message_each(staff: User) -> None:
    first, second = unverified(name="가나정밀"), unverified(name="다라식품")
    done = EmployerFactory.create(name="이미인증")
    response = client_for(staff).post(
        "/staff/employers/verify/", employer_post([first, second, done]), follow=True
    )
    assert response.status_code == 200
    text = html(response)
    assert "'가나정밀'을(를) 인증했어요." in text
    assert "'다라식품'을(를) 인증했어요." in text
    assert "'이미인증' 건너뜀: 이미 인증된 기업입니다." in text
    for employer in (first, second):
        employer.refresh_from_db()
        assert employer.verified_by == staff


def test_an_employer_edited_since_it_was_seen_is_skipped(staff: User) -> None:
    employer = unverified(name="바뀐기업")
    seen = employer.updated_at.isoformat()
    employer_update(employer=employer, actor=staff, fields={"address": "경기도 시흥시 은행동 5"})
    other = unverified()
    data = employer_post([employer, other], **{str(employer.pk): seen})
    text = html(client_for(staff).post("/staff/employers/verify/", data, follow=True))
    assert "'바뀐기업' 건너뜀: 확인한 뒤에 기업 정보가 바뀌었습니다." in text
    employer.refresh_from_db()
    other.refresh_from_db()
    assert employer.verified_at is None
    assert other.verified_at is not None  # one skipped item does not undo the others


def test_an_unknown_employer_is_skipped_unnamed(staff: User) -> None:
    data = {"employer_ids": ["999999"], "version-999999": "x"}
    text = html(client_for(staff).post("/staff/employers/verify/", data, follow=True))
    assert "'#999999' 건너뜀" in text


def test_approve_several_skipping_flagged_and_changed(staff: User) -> None:
    clean = pending(title="오전 경리")
    flagged = pending(title="야간 포장")
    flag(flagged)
    changed = pending(title="주말 배송")
    data = posting_post([clean, flagged, changed])
    Posting.objects.filter(pk=changed.pk).update(version=changed.version + 1)
    closed = posting_in(PostingStatus.OPEN, title="이미공개")
    data["posting_ids"] = [*data["posting_ids"], str(closed.pk)]  # type: ignore[misc]
    data[f"version-{closed.pk}"] = str(closed.version)
    text = html(client_for(staff).post("/staff/postings/approve/", data, follow=True))
    assert "'오전 경리' 공고를 승인했어요." in text
    assert "'야간 포장' 건너뜀: 조례 점검에서 걸린 문구가 있어" in text
    assert "'주말 배송' 건너뜀: 확인한 뒤에 공고가 바뀌었습니다." in text
    assert "'이미공개' 건너뜀" in text
    statuses = dict(Posting.objects.values_list("title", "status"))
    assert statuses["오전 경리"] == PostingStatus.OPEN
    assert statuses["야간 포장"] == PostingStatus.PENDING
    assert statuses["주말 배송"] == PostingStatus.PENDING


def test_a_garbled_version_never_approves(staff: User) -> None:
    posting = pending()
    data = {"posting_ids": [str(posting.pk)], f"version-{posting.pk}": "latest"}
    client_for(staff).post("/staff/postings/approve/", data)
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PENDING


def test_a_past_deadline_is_skipped_with_its_reason(staff: User) -> None:
    posting = pending(title="지난공고")
    Posting.objects.filter(pk=posting.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    posting.refresh_from_db()
    text = html(
        client_for(staff).post("/staff/postings/approve/", posting_post([posting]), follow=True)
    )
    assert "'지난공고' 건너뜀: 마감일이 지난 공고는 승인할 수 없습니다." in text


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/staff/employers/verify/", {}),
        ("/staff/employers/verify/", {"employer_ids": ["abc"]}),
        ("/staff/postings/approve/", {}),
        ("/staff/postings/approve/", {"posting_ids": [str(n) for n in range(101)]}),
    ],
)
def test_a_bad_selection_is_a_400_on_the_queue(
    staff: User, path: str, data: dict[str, object]
) -> None:
    response = client_for(staff).post(path, data)
    assert response.status_code == 400
    assert "error-summary" in html(response)


@pytest.mark.parametrize("path", ["/staff/employers/verify/", "/staff/postings/approve/"])
def test_other_roles_may_not_bulk_decide(path: str) -> None:
    for user in (seeker(), employer_user()):
        assert client_for(user).post(path, {"employer_ids": ["1"]}).status_code == 403


def test_the_services_check_each_item_for_a_caller_who_is_not_staff() -> None:
    employer = unverified()
    posting = pending()
    intruder = employer_user()
    [outcome] = employers_verify_bulk(
        actor=intruder, versions={employer.pk: employer.updated_at.isoformat()}
    )
    assert not outcome.done
    assert outcome.name == ""  # not even the name leaks
    [outcome] = postings_approve_bulk(actor=intruder, versions={posting.pk: posting.version})
    assert not outcome.done
    employer.refresh_from_db()
    posting.refresh_from_db()
    assert employer.verified_at is None
    assert posting.status == PostingStatus.PENDING


def test_the_queues_with_checkboxes_do_not_grow_with_their_rows(staff: User) -> None:
    client = client_for(staff)
    client.get("/staff/")
    unverified()
    pending()
    queues = ("/staff/employers/", "/staff/postings/")

    def counts() -> list[int]:
        return [count_queries(partial(client.get, path))[0] for path in queues]

    few = counts()
    for _ in range(4):
        unverified()
        pending()
    many = counts()
    # The postings page also lists open postings' revisions (their count, and the newest
    # revision prefetched for the review queue).
    assert few == many == [4, 7]
