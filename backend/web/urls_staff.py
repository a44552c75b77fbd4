"""Paths of the staff console under /staff/ (UI.md: the paths are the contract); included
from `backend.web.urls`, so the names are in the `web` namespace."""

from django.urls import URLPattern, path

from backend.web.views import staff, staff_ledger, staff_matching, staff_reports, staff_seekers

urlpatterns: list[URLPattern] = [
    path("", staff.dashboard, name="staff"),
    path("employers/", staff.employers, name="staff_employers"),
    path(
        "employers/<int:employer_id>/verify/", staff.employer_verify, name="staff_employer_verify"
    ),
    path(
        "employers/<int:employer_id>/refuse/", staff.employer_refuse, name="staff_employer_refuse"
    ),
    path("postings/", staff.postings, name="staff_postings"),
    path("postings/<int:posting_id>/approve/", staff.posting_approve, name="staff_posting_approve"),
    path("postings/<int:posting_id>/reject/", staff.posting_reject, name="staff_posting_reject"),
    path("match-runs/", staff_matching.match_runs, name="staff_match_runs"),
    path("match-runs/<int:run_id>/", staff_matching.match_run, name="staff_match_run"),
    path(
        "match-runs/<int:run_id>/status/",
        staff_matching.match_run_status,
        name="staff_match_run_status",
    ),
    path("seekers/<int:seeker_id>/", staff_seekers.seeker_record, name="staff_seeker"),
    path("jobs/", staff.dead_jobs, name="staff_dead_jobs"),
    path("jobs/<int:run_id>/retry/", staff.dead_job_retry, name="staff_dead_job_retry"),
    path("checkpoints/", staff.checkpoints, name="staff_checkpoints"),
    path("reports/", staff_reports.reports_page, name="staff_reports"),
    path("reports/ordinance/", staff_ledger.ordinance_report, name="staff_ordinance_report"),
    path("hiring-surveys/", staff_ledger.hiring_surveys, name="staff_hiring_surveys"),
    path("reports/snapshots/", staff_ledger.snapshots_page, name="staff_snapshots"),
    path(
        "reports/snapshots/<int:snapshot_id>/regenerate/",
        staff_ledger.snapshot_regenerate,
        name="staff_snapshot_regenerate",
    ),
    path(
        "reports/snapshots/<int:snapshot_id>/publish/",
        staff_ledger.snapshot_publish,
        name="staff_snapshot_publish",
    ),
]
