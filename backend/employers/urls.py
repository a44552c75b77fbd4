"""Routes of this app under /api/v1/."""

from django.urls import URLPattern, URLResolver, path

from backend.employers import api, members_api, survey_api

urlpatterns: list[URLPattern | URLResolver] = [
    path("employers/", api.EmployerListCreate.as_view(), name="employer-list"),
    path("employers/<int:id>/", api.EmployerDetail.as_view(), name="employer-detail"),
    path("employers/<int:id>/verify/", api.EmployerVerify.as_view(), name="employer-verify"),
    path("employers/<int:id>/refuse/", api.EmployerRefuse.as_view(), name="employer-refuse"),
    path("employers/<int:id>/members/", members_api.MemberList.as_view(), name="employer-members"),
    path(
        "employers/<int:id>/members/<int:member_id>/",
        members_api.MemberDetail.as_view(),
        name="employer-member",
    ),
    path(
        "employers/<int:id>/invitations/",
        members_api.InvitationListCreate.as_view(),
        name="employer-invitations",
    ),
    path(
        "employers/<int:id>/invitations/<int:invitation_id>/",
        members_api.InvitationDetail.as_view(),
        name="employer-invitation",
    ),
    path("invitations/accept/", members_api.InvitationAccept.as_view(), name="invitation-accept"),
    path(
        "employers/<int:id>/hiring-surveys/",
        survey_api.HiringSurveyListCreate.as_view(),
        name="employer-hiring-surveys",
    ),
]
