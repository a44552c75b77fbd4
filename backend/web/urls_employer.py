"""Paths of the employer console (UI.md: `/employer/…`), included from `backend.web.urls`."""

from django.urls import path

from backend.web.views import (
    employer,
    employer_fairs,
    employer_ledger,
    employer_members,
    employer_placements,
    employer_postings,
    employer_renewal,
)

urlpatterns = [
    path("employer/", employer.dashboard, name="employer"),
    path("employer/fairs/", employer_fairs.fairs, name="employer_fairs"),
    path(
        "employer/fairs/<int:fair_id>/",
        employer_fairs.fair_schedule,
        name="employer_fair_schedule",
    ),
    path(
        "employer/fairs/<int:fair_id>/schedule.pdf",
        employer_fairs.fair_schedule_pdf,
        name="employer_fair_schedule_pdf",
    ),
    path("employer/organisation/", employer.organisation, name="employer_organisation"),
    path("employer/postings/", employer_postings.postings, name="employer_postings"),
    path("employer/postings/new/", employer_postings.posting_new, name="employer_posting_new"),
    path(
        "employer/postings/<int:posting_id>/edit/",
        employer_postings.posting_edit,
        name="employer_posting_edit",
    ),
    path(
        "employer/postings/<int:posting_id>/submit/",
        employer_postings.posting_submit,
        name="employer_posting_submit",
    ),
    path(
        "employer/postings/<int:posting_id>/close/",
        employer_postings.posting_close,
        name="employer_posting_close",
    ),
    # Deadline extension (the reminder mail's signed link lands on `renewal/<token>/`) and
    # renewal of an expired posting as a copy (issue 16).
    path(
        "employer/postings/renewal/<str:token>/",
        employer_renewal.renewal_link,
        name="employer_posting_renewal_link",
    ),
    path(
        "employer/postings/<int:posting_id>/extend/",
        employer_renewal.posting_extend,
        name="employer_posting_extend",
    ),
    path(
        "employer/postings/<int:posting_id>/renew/",
        employer_renewal.posting_renew,
        name="employer_posting_renew",
    ),
    path(
        "employer/postings/<int:posting_id>/applications/",
        employer_postings.applications,
        name="employer_applications",
    ),
    path(
        "employer/postings/<int:posting_id>/applications/<int:application_id>/",
        employer_postings.application_move,
        name="employer_application_move",
    ),
    path(
        "employer/postings/<int:posting_id>/candidates/",
        employer_postings.candidates,
        name="employer_candidates",
    ),
    path("employer/placements/", employer_placements.placements, name="employer_placements"),
    path(
        "employer/hiring-surveys/",
        employer_ledger.hiring_surveys,
        name="employer_hiring_surveys",
    ),
    path("employer/ordinance/", employer_ledger.ordinance, name="employer_ordinance"),
    path(
        "employer/placements/<int:placement_id>/checkpoints/<int:month>/",
        employer_placements.checkpoint_record,
        name="employer_checkpoint_record",
    ),
    path("employer/members/", employer_members.members, name="employer_members"),
    path(
        "employer/members/<int:member_id>/remove/",
        employer_members.member_remove,
        name="employer_member_remove",
    ),
    path(
        "employer/members/invitations/<int:invitation_id>/cancel/",
        employer_members.invitation_cancel,
        name="employer_invitation_cancel",
    ),
    path(
        "employer/invitations/<str:token>/",
        employer_members.invitation,
        name="employer_invitation",
    ),
]
