"""Paths of the web pages (UI.md: the paths are the contract)."""

from django.urls import include, path

from backend.web.views import (
    apply,
    decisions,
    fairs,
    followup,
    notifications,
    privacy,
    profile,
    public,
    public_reports,
    report,
    saved_searches,
    search,
    seeker,
    staff_assisted,
    training,
)

app_name = "web"

urlpatterns = [
    path("", public.home, name="home"),
    path("jobs/", search.jobs, name="jobs"),
    path("jobs/<int:posting_id>/", public.job_detail, name="job_detail"),
    path("jobs/<int:posting_id>/apply/", apply.job_apply, name="job_apply"),
    path("jobs/<int:posting_id>/report/", report.job_report, name="job_report"),
    path("privacy/", public.privacy_notice, name="privacy_notice"),
    path("fairs/", fairs.fairs, name="fairs"),
    path("fairs/<int:fair_id>/", fairs.fair_detail, name="fair_detail"),
    path("fairs/<int:fair_id>/withdraw/", fairs.fair_withdraw, name="fair_withdraw"),
    path("me/fairs/", fairs.my_fairs, name="me_fairs"),
    path("reports/", public_reports.published_reports, name="published_reports"),
    path(
        "reports/<int:snapshot_id>/<str:file_format>/",
        public_reports.published_report_file,
        name="published_report_file",
    ),
    # The seeker's pages (UI.md); /me/privacy/ also serves mentors and employers.
    path("me/", seeker.dashboard, name="me"),
    path("me/profile/", profile.profile, name="me_profile"),
    path("me/eligibility/", seeker.eligibility, name="me_eligibility"),
    path("me/recommendations/", seeker.recommendations, name="me_recommendations"),
    path(
        "me/recommendations/<int:posting_id>/ask/",
        decisions.recommendation_ask,
        name="me_recommendation_ask",
    ),
    path("me/applications/", seeker.applications, name="me_applications"),
    path(
        "me/applications/<int:application_id>/withdraw/",
        seeker.application_withdraw,
        name="me_application_withdraw",
    ),
    path("me/mentoring/", seeker.mentoring, name="me_mentoring"),
    path("me/training/", training.me_training, name="me_training"),
    path("accounts/assisted/", staff_assisted.activate, name="assisted_activate"),
    path(
        "me/mentoring/follow-up/<int:followup_id>/",
        followup.mentoring_followup,
        name="me_mentoring_followup",
    ),
    # Saved searches and their alerts (issue 16).
    path("me/saved-searches/", saved_searches.saved_search_list, name="me_saved_searches"),
    path("me/saved-searches/new/", saved_searches.saved_search_new, name="me_saved_search_new"),
    path(
        "me/saved-searches/<int:saved_search_id>/",
        saved_searches.saved_search_edit,
        name="me_saved_search_edit",
    ),
    path(
        "me/saved-searches/<int:saved_search_id>/delete/",
        saved_searches.saved_search_delete,
        name="me_saved_search_delete",
    ),
    path("me/privacy/", privacy.privacy, name="me_privacy"),
    path("me/privacy/consents/", privacy.consent, name="me_privacy_consent"),
    path("me/privacy/export/", privacy.export, name="me_privacy_export"),
    path("me/privacy/delete/", privacy.delete_account, name="me_privacy_delete"),
    path("goodbye/", privacy.goodbye, name="goodbye"),
    # Which mails a person gets (every role), and a mail's unsubscribe link.
    path("me/notifications/", notifications.preferences, name="me_notifications"),
    path(
        "notifications/unsubscribe/<str:token>/",
        notifications.unsubscribe,
        name="notifications_unsubscribe",
    ),
    path("staff/", include("backend.web.urls_staff")),
    path("", include("backend.web.urls_mentor")),
    path("", include("backend.web.urls_employer")),
]
