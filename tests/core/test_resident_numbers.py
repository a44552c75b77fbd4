"""주민등록번호 (resident registration numbers) stay out, however they are typed, in every
free-text field — the phone and staff notes included — and the phone takes Korean numbers only,
stored in one form."""

from __future__ import annotations

import pytest

from backend.core.validators import contains_resident_number
from backend.matching.models import OrdinancePolicy
from backend.matching.policy import load_default_policy
from backend.seekers.models import SeekerProfile
from tests.api import ClientFor
from tests.factories.accounts import seeker, staff_user
from tests.factories.seekers import graduate_payload, graduate_profile
from tests.web.postings import embedded_search
from tests.web.seeker_helpers import client_for as web_client_for
from tests.web.seeker_helpers import html

__all__ = ["embedded_search"]  # the fixture, for the page test

PROFILE = "/api/v1/me/profile/"
POLICY = "/api/v1/ordinance-policy/"

# One number (900101-1234567), as people hide it from a plain pattern.
DISGUISED = [
    pytest.param("９００１０１－１２３４５６７", id="full-width digits and hyphen"),
    pytest.param("900101\u200b-\u200b1234567", id="zero-width spaces"),
    pytest.param("9001\u200d01 1234\u2060567", id="joiners inside the blocks"),
    pytest.param("90.01.01.123.45.67", id="dots"),
    pytest.param("9 0 0 1 0 1 - 1 2 3 4 5 6 7", id="spaced digits"),
    pytest.param("900101 — 1234567", id="em dash"),
    pytest.param("900101·1234567", id="middle dot"),
    pytest.param("900101_1234567", id="underscore"),
]
NOT_A_NUMBER = [
    "010-1234-5678",
    "연락처 010-1234-5678, 031-123-4567",
    "2026. 03. 15. 10시 면접",
    "시급 10,320원, 주 5일",
    "사업자 123-45-67890",
    "19001011234567",  # 14 digits in one block
    "900132-1234567",  # no 32nd day
]


@pytest.mark.parametrize("text", DISGUISED)
def test_a_disguised_number_is_found(text: str) -> None:
    assert contains_resident_number(f"제 번호는 {text} 입니다")


@pytest.mark.parametrize("text", NOT_A_NUMBER)
def test_ordinary_numbers_are_not_taken_for_one(text: str) -> None:
    assert not contains_resident_number(text)


@pytest.mark.django_db
@pytest.mark.parametrize("text", DISGUISED)
@pytest.mark.parametrize("field", ["about", "display_name", "skills"])
def test_the_profile_api_refuses_a_disguised_number(
    client_for: ClientFor, field: str, text: str
) -> None:
    value: object = [text] if field == "skills" else text
    response = client_for(seeker()).put(PROFILE, graduate_payload(**{field: value}), format="json")
    assert response.status_code == 400
    assert "주민등록번호" in str(response.json()[field])
    assert not SeekerProfile.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("phone", ["900101-1234567", "９００１０１－１２３４５６７"])
def test_a_resident_number_in_the_phone_field_is_refused(client_for: ClientFor, phone: str) -> None:
    response = client_for(seeker()).put(PROFILE, graduate_payload(phone=phone), format="json")
    assert response.status_code == 400
    assert "주민등록번호" in str(response.json()["phone"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "phone",
    [
        "+1 555 123 4567",
        "123-4567",
        "010-123-4567",
        "059-123-4567",
        "01012345678901",
        "전화 주세요",
    ],
)
def test_the_phone_takes_korean_numbers_only(client_for: ClientFor, phone: str) -> None:
    response = client_for(seeker()).put(PROFILE, graduate_payload(phone=phone), format="json")
    assert response.status_code == 400
    assert "010-1234-5678" in str(response.json()["phone"])  # the message shows the form


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("01012345678", "010-1234-5678"),
        ("010 1234 5678", "010-1234-5678"),
        ("+82 10-1234-5678", "010-1234-5678"),
        ("０１０－１２３４－５６７８", "010-1234-5678"),
        ("02-123-4567", "02-123-4567"),
        ("0212345678", "02-1234-5678"),
        ("(031) 123-4567", "031-123-4567"),
        ("070.1234.5678", "070-1234-5678"),
    ],
)
def test_a_korean_phone_is_stored_in_one_form(
    client_for: ClientFor, typed: str, stored: str
) -> None:
    user = seeker()
    response = client_for(user).put(PROFILE, graduate_payload(phone=typed), format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["phone"] == stored
    assert SeekerProfile.objects.get(user=user).phone == stored


@pytest.mark.django_db
def test_the_profile_page_shows_the_phone_error_and_keeps_the_input(
    embedded_search: None,
) -> None:
    profile = graduate_profile()
    data = {
        "cohort": "graduate",
        "display_name": "김하늘",
        "birth_year": "2006",
        "area": "4139051000",
        "phone": "900101.1234567",
    }
    response = web_client_for(profile.user).post("/me/profile/?step=basics", data)
    assert response.status_code == 200
    text = html(response)
    assert 'id="error-phone"' in text
    assert "주민등록번호는 입력할 수 없습니다" in text
    profile.refresh_from_db()
    assert profile.version == 1


@pytest.mark.django_db
@pytest.mark.parametrize("note", ["확인용 900101-1234567", "민원인 ９００１０１－１２３４５６７"])
def test_a_staff_note_on_the_policy_refuses_a_resident_number(
    client_for: ClientFor, note: str
) -> None:
    response = client_for(staff_user()).put(
        POLICY, {"document": load_default_policy(), "note": note}, format="json"
    )
    assert response.status_code == 400
    assert "주민등록번호" in str(response.json()["note"])
    assert OrdinancePolicy.objects.count() == 1  # the default only
