"""Colleagues API: an organisation's members and invitations, and accepting an invitation.

GET    /employers/{id}/members/                     its members, staff
DELETE /employers/{id}/members/{member_id}/         its members (409 for the last one)
GET    /employers/{id}/invitations/                 its members, staff: pending ones
POST   /employers/{id}/invitations/ {email}         its members (409 member / invited)
DELETE /employers/{id}/invitations/{invitation_id}/ its members: cancel
POST   /invitations/accept/ {token}                 the invitee (an employer user)
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsEmployer, IsEmployerOrStaff, request_user
from backend.employers import access, members, selectors
from backend.employers.models import Employer, EmployerInvitation, EmployerMember


class MemberOutput(serializers.ModelSerializer[EmployerMember]):
    email = serializers.EmailField(source="user.email")

    class Meta:
        model = EmployerMember
        fields = ["id", "email", "role", "joined_at"]


class InvitationOutput(serializers.ModelSerializer[EmployerInvitation]):
    invited_by = serializers.EmailField(source="invited_by.email", allow_null=True, default=None)

    class Meta:
        model = EmployerInvitation
        fields = ["id", "email", "invited_by", "created_at", "expires_at"]


class InvitationInput(serializers.Serializer[Any]):
    email = serializers.CharField(max_length=254)


class AcceptInput(serializers.Serializer[Any]):
    token = serializers.CharField(max_length=200)


class AcceptOutput(serializers.Serializer[Any]):
    employer = serializers.IntegerField(source="employer_id")
    member = serializers.IntegerField(source="pk")
    role = serializers.CharField()


def _employer(request: Request, id: int) -> Employer:
    return access.employer_for_member_or_staff(request.user, id)


class MemberList(generics.ListAPIView):  # type: ignore[type-arg]
    """The organisation's members, the first to join first."""

    permission_classes = [IsEmployerOrStaff]
    serializer_class = MemberOutput

    def get_queryset(self) -> QuerySet[EmployerMember]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no `id`
            return EmployerMember.objects.none()
        return selectors.members_of(_employer(self.request, self.kwargs["id"]))

    @extend_schema(
        operation_id="employers_members_list",
        description=_("기업의 회원 목록, 먼저 합류한 사람부터."),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class MemberDetail(APIView):
    """A member removes a colleague, or leaves; never the last member (409)."""

    permission_classes = [IsEmployer]

    @extend_schema(
        operation_id="employers_members_destroy",
        description=_(
            "기업 회원이 동료를 내보내거나 스스로 나갑니다. 마지막 회원은 나갈 수 없습니다(409)."
        ),
        request=None,
        responses={204: None},
    )
    def delete(self, request: Request, id: int, member_id: int) -> Response:
        employer = _employer(request, id)
        member = access.member_of_employer(employer, member_id)
        members.member_remove(member=member, actor=request_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class InvitationListCreate(generics.ListAPIView):  # type: ignore[type-arg]
    """`GET` pending invitations (members, staff); `POST {email}` a member invites (a mail
    with the accept link goes to the address; the response never carries the token)."""

    serializer_class = InvitationOutput

    def get_permissions(self) -> list[Any]:
        if self.request.method == "POST":
            return [IsEmployer()]
        return [IsEmployerOrStaff()]

    def get_queryset(self) -> QuerySet[EmployerInvitation]:
        if getattr(self, "swagger_fake_view", False):
            return EmployerInvitation.objects.none()
        return selectors.invitations_pending(_employer(self.request, self.kwargs["id"]))

    @extend_schema(
        operation_id="employers_invitations_list",
        description=_("대기 중인 초대 목록(기업 회원, 시 담당자)."),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="employers_invitations_create",
        description=_(
            "기업 회원이 `{email}`로 동료를 초대합니다. 수락 링크가 담긴 메일이 그 "
            "주소로 가고, 응답에는 토큰이 들어 있지 않습니다."
        ),
        request=InvitationInput,
        responses={201: InvitationOutput},
    )
    def post(self, request: Request, id: int) -> Response:
        employer = _employer(request, id)
        data = InvitationInput(data=request.data)
        data.is_valid(raise_exception=True)
        invitation, _token = members.invitation_create(
            employer=employer, actor=request_user(request), email=data.validated_data["email"]
        )
        return Response(InvitationOutput(invitation).data, status=status.HTTP_201_CREATED)


class InvitationDetail(APIView):
    """A member cancels a pending invitation: its link stops working."""

    permission_classes = [IsEmployer]

    @extend_schema(
        operation_id="employers_invitations_destroy",
        description=_("기업 회원이 대기 중인 초대를 취소합니다. 초대 링크는 더는 쓸 수 없습니다."),
        request=None,
        responses={204: None},
    )
    def delete(self, request: Request, id: int, invitation_id: int) -> Response:
        employer = _employer(request, id)
        invitation = access.invitation_of_employer(employer, invitation_id)
        members.invitation_cancel(invitation=invitation, actor=request_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class InvitationAccept(APIView):
    """The invitee, logged in as an employer user with the invited address, joins (404 for a
    dead link, 403 another address or role, 409 already in an organisation)."""

    permission_classes = [IsEmployer]

    @extend_schema(
        operation_id="invitations_accept",
        description=_(
            "초대받은 사람이 초대받은 주소의 기업 회원 계정으로 로그인해 기업에 "
            "합류합니다(쓸 수 없는 링크는 404, 다른 주소나 역할은 403, 이미 기업에 속해 "
            "있으면 409)."
        ),
        request=AcceptInput,
        responses={201: AcceptOutput},
    )
    def post(self, request: Request) -> Response:
        data = AcceptInput(data=request.data)
        data.is_valid(raise_exception=True)
        member = members.invitation_accept(
            token=data.validated_data["token"], actor=request_user(request)
        )
        return Response(AcceptOutput(member).data, status=status.HTTP_201_CREATED)
