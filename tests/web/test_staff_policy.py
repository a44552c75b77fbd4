"""The ordinance policy pages of the staff console: versions (in force, dates, author), one
version, the editor (a new version each time; errors beside the field named by its path;
the input kept; a stale editor refused), and the difference of two versions. Query counts
pinned."""

from __future__ import annotations

import pytest
from django.utils import timezone

from backend.accounts.models import User
from backend.matching.models import OrdinancePolicy
from backend.matching.policy import load_default_policy
from backend.matching.policy_diff import policy_diff, policy_fields
from backend.matching.services import ordinance_policy_publish
from tests.factories.accounts import employer_user, seeker, staff_user
from tests.web.seeker_helpers import client_for, count_queries, html

pytestmark = [pytest.mark.django_db]

PAGES = [
    "/staff/policy/",
    "/staff/policy/1/",
    "/staff/policy/edit/",
    "/staff/policy/diff/?old=1&new=1",
]
MAX_QUERIES = {
    "/staff/policy/": 5,
    "/staff/policy/1/": 4,
    "/staff/policy/edit/": 3,
    "/staff/policy/diff/?old=1&new=2": 3,
}


@pytest.fixture
def staff() -> User:
    return staff_user()


def editor_data(**changes: str) -> dict[str, object]:
    """The editor's POST as a browser sends it, from the version in force, with `changes`."""
    current = OrdinancePolicy.objects.order_by("-version").first()
    assert current is not None
    data: dict[str, object] = {"based_on": current.version, "note": "조례 개정 반영"}
    for path, value in policy_fields(current.document):
        if isinstance(value, bool):
            data[path] = "true" if value else "false"
        elif isinstance(value, list):
            data[path] = value if path.endswith(".reasons") else ", ".join(value)
        else:
            data[path] = str(value)
    data.update(changes)
    return data


def publish(staff: User, **changes: object) -> OrdinancePolicy:
    document = load_default_policy()
    for key, value in changes.items():
        document[key] = value
    return ordinance_policy_publish(document=document, actor=staff, note="테스트")


@pytest.mark.parametrize("path", PAGES)
def test_other_roles_get_the_403_page(path: str) -> None:
    for user in (seeker(), employer_user()):
        assert client_for(user).get(path).status_code == 403


def test_anonymous_is_sent_to_login() -> None:
    response = client_for(None).get("/staff/policy/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_versions_say_which_is_in_force_since_when_and_by_whom(staff: User) -> None:
    second = publish(staff, target_share=0.25)
    text = html(client_for(staff).get("/staff/policy/"))
    assert text.count("적용 중") == 1
    assert "2판" in text
    assert "1판" in text
    assert staff.email in text
    assert "기본값 (처음 설치)" in text  # version 1 has no author
    assert f"{timezone.localtime(second.created_at):%Y-%m-%d}" in text  # the page is in KST
    assert "/staff/policy/diff/?old=1&new=2" in text


def test_one_version_shows_its_fields_in_plain_words(staff: User) -> None:
    text = html(client_for(staff).get("/staff/policy/1/"))
    assert "신규 채용 중 지역인재 목표 비율" in text
    assert "0.2 (20%)" in text
    assert '<code class="muted">target_share</code>' in text
    assert client_for(staff).get("/staff/policy/99/").status_code == 404


def test_the_editor_starts_from_the_version_in_force(staff: User) -> None:
    publish(staff, target_share=0.3)
    text = html(client_for(staff).get("/staff/policy/edit/"))
    assert 'name="target_share"' in text
    assert 'value="0.3"' in text
    assert 'name="based_on" value="2"' in text
    assert 'name="eligibility.career_returner.reasons"' in text


def test_a_good_edit_makes_a_new_version_and_leaves_the_old_one(staff: User) -> None:
    before = OrdinancePolicy.objects.get(version=1).document
    response = client_for(staff).post(
        "/staff/policy/edit/", editor_data(target_share="0.25", **{"quota.soft": "false"})
    )
    assert response.status_code == 302
    assert response["Location"] == "/staff/policy/diff/?old=1&new=2"
    new = OrdinancePolicy.objects.get(version=2)
    assert new.document["target_share"] == 0.25
    assert new.document["quota"]["soft"] is False
    assert new.created_by == staff
    assert new.note == "조례 개정 반영"
    assert OrdinancePolicy.objects.get(version=1).document == before
    # Nothing else moved: the form writes back exactly what it showed.
    assert {c.path for c in policy_diff(before, new.document)} == {"target_share", "quota.soft"}


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("target_share", "1.5", "target_share: 0~1 사이여야 합니다."),
        ("target_share", "스무 퍼센트", "target_share: 숫자여야 합니다."),
        ("eligibility.senior_expert.min_age", "50.5", "정수여야 합니다."),
        ("quota.soft", "maybe", "quota.soft: 참/거짓 값이어야 합니다."),
        ("posting_checks.cohort_exclusion.applies_to", "anyone", "applies_to: covered"),
    ],
)
def test_a_bad_value_is_named_beside_its_field_and_kept(
    staff: User, path: str, value: str, message: str
) -> None:
    response = client_for(staff).post("/staff/policy/edit/", editor_data(**{path: value}))
    assert response.status_code == 400
    text = html(response)
    assert message in text
    assert f'id="error-{path}"' in text
    assert f'href="#id_{path}"' in text  # the summary links to the field
    if path in {"target_share", "eligibility.senior_expert.min_age"}:  # text inputs; a
        # select cannot show a value it does not offer
        assert f'value="{value}"' in text  # the input is kept
    assert not OrdinancePolicy.objects.filter(version=2).exists()


def test_weights_that_do_not_sum_to_one_are_named_on_top(staff: User) -> None:
    response = client_for(staff).post(
        "/staff/policy/edit/", editor_data(**{"score_weights.text": "0.5"})
    )
    assert response.status_code == 400
    text = html(response)
    assert "score_weights: 가중치의 합은 1이어야 합니다" in text
    assert 'value="0.5"' in text


def test_an_unknown_reason_code_is_named(staff: User) -> None:
    data = editor_data()
    data["eligibility.career_returner.reasons"] = ["marriage", "holiday"]
    response = client_for(staff).post("/staff/policy/edit/", data)
    assert response.status_code == 400
    assert "알 수 없는 사유입니다: holiday" in html(response)


def test_a_note_is_required(staff: User) -> None:
    response = client_for(staff).post("/staff/policy/edit/", editor_data(note=""))
    assert response.status_code == 400
    assert 'id="error-note"' in html(response)


def test_an_editor_opened_before_another_edit_is_refused_with_the_input_kept(
    staff: User,
) -> None:
    data = editor_data(target_share="0.4")
    publish(staff_user(), target_share=0.3)  # a colleague publishes meanwhile
    response = client_for(staff).post("/staff/policy/edit/", data)
    assert response.status_code == 409
    text = html(response)
    assert "2판을 만들었습니다" in text
    assert 'value="0.4"' in text
    assert not OrdinancePolicy.objects.filter(version=3).exists()


def test_the_diff_lists_each_changed_field_old_to_new(staff: User) -> None:
    publish(staff, target_share=0.25)
    text = html(client_for(staff).get("/staff/policy/diff/?old=1&new=2"))
    assert 'id="change-target_share"' in text
    assert "<del>0.2 (20%)</del>" in text
    assert "<ins>0.25 (25%)</ins>" in text
    assert "바뀐 항목 1개" in text
    assert "{" not in text.split("<main", 1)[-1].split("</main>")[0].replace("{%", "")


def test_the_same_version_twice_has_no_difference(staff: User) -> None:
    text = html(client_for(staff).get("/staff/policy/diff/?old=1&new=1"))
    assert "두 판의 내용이 같아요" in text


@pytest.mark.parametrize(
    ("query", "field"),
    [("?old=1&new=99", "new"), ("?old=x&new=1", "old"), ("?new=1", "old"), ("?old=0&new=1", "old")],
)
def test_bad_diff_input_is_a_400_beside_the_field(staff: User, query: str, field: str) -> None:
    response = client_for(staff).get(f"/staff/policy/diff/{query}")
    assert response.status_code == 400
    assert f'id="error-{field}"' in html(response)


def test_policy_diff_is_field_by_field() -> None:
    old = load_default_policy()
    new = load_default_policy()
    new["score_weights"]["text"] = 0.11
    new["score_weights"]["wage"] = 0.12
    new["posting_checks"]["cohort_exclusion"]["patterns"].append("남성만")
    del new["posting_checks"]["cohort_exclusion"]["job_related_reason_markers"]
    changes = {c.path: (c.kind, c.old, c.new) for c in policy_diff(old, new)}
    assert changes["score_weights.text"] == ("changed", old["score_weights"]["text"], 0.11)
    assert changes["score_weights.wage"] == ("changed", old["score_weights"]["wage"], 0.12)
    assert "score_weights.field" not in changes
    assert changes["posting_checks.cohort_exclusion.patterns"][0] == "changed"
    assert changes["posting_checks.cohort_exclusion.job_related_reason_markers"][0] == "removed"
    assert len(changes) == 4
    same = load_default_policy()
    same["target_share"] = 0.2
    assert policy_diff(old, same) == []


@pytest.mark.parametrize("path", sorted(MAX_QUERIES))
def test_query_counts_are_pinned_and_flat(staff: User, path: str) -> None:
    client = client_for(staff)
    client.get("/staff/")
    publish(staff, target_share=0.25)
    few, response = count_queries(lambda: client.get(path))
    assert response.status_code == 200, path
    for share in (0.3, 0.35, 0.4):
        publish(staff, target_share=share)
    many, response = count_queries(lambda: client.get(path))
    assert response.status_code == 200, path
    assert few == many == MAX_QUERIES[path], (path, few, many)
