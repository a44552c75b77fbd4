"""Paths of the staff console under /staff/ (UI.md: the paths are the contract); included
from `backend.web.urls`, so the names are in the `web` namespace."""

from django.urls import URLPattern, path

from backend.web.views import (
    decisions,
    staff,
    staff_access,
    staff_assisted,
    staff_fairs,
    staff_ledger,
    staff_matching,
    staff_placements,
    staff_policy,
    staff_queues,
    staff_reports,
    staff_seekers,
    training,
)

urlpatterns: list[URLPattern] = [
    path("", staff.dashboard, name="staff"),
    path("fairs/", staff_fairs.fairs, name="staff_fairs"),
    path("fairs/new/", staff_fairs.fair_new, name="staff_fair_new"),
    path("fairs/<int:fair_id>/", staff_fairs.fair, name="staff_fair"),
    path("fairs/<int:fair_id>/assign/", staff_fairs.fair_assign, name="staff_fair_assign"),
    path("fairs/<int:fair_id>/publish/", staff_fairs.fair_publish, name="staff_fair_publish"),
    path("seekers/assisted/", staff_assisted.enrolments, name="staff_assisted"),
    path("seekers/assisted/new/", staff_assisted.enrolment_new, name="staff_assisted_new"),
    path(
        "seekers/assisted/<int:enrolment_id>/",
        staff_assisted.enrolment_detail,
        name="staff_assisted_detail",
    ),
    path(
        "seekers/assisted/<int:enrolment_id>/letter/",
        staff_assisted.enrolment_letter,
        name="staff_assisted_letter",
    ),
    path("training/", training.staff_courses, name="staff_training"),
    path("training/new/", training.staff_course_new, name="staff_training_new"),
    path("training/<int:course_id>/edit/", training.staff_course_edit, name="staff_training_edit"),
    path("employers/", staff_queues.employers, name="staff_employers"),
    path("employers/verify/", staff_queues.employers_verify, name="staff_employers_verify"),
    path(
        "employers/<int:employer_id>/verify/",
        staff_queues.employer_verify,
        name="staff_employer_verify",
    ),
    path(
        "employers/<int:employer_id>/refuse/",
        staff_queues.employer_refuse,
        name="staff_employer_refuse",
    ),
    path("postings/", staff_queues.postings, name="staff_postings"),
    path("postings/approve/", staff_queues.postings_approve, name="staff_postings_approve"),
    path(
        "postings/<int:posting_id>/approve/",
        staff_queues.posting_approve,
        name="staff_posting_approve",
    ),
    path(
        "postings/<int:posting_id>/reject/",
        staff_queues.posting_reject,
        name="staff_posting_reject",
    ),
    path("mentors/", staff_queues.mentors, name="staff_mentors"),
    path(
        "mentors/<int:profile_id>/verify/", staff_queues.mentor_verify, name="staff_mentor_verify"
    ),
    path(
        "mentors/<int:profile_id>/refuse/", staff_queues.mentor_refuse, name="staff_mentor_refuse"
    ),
    path(
        "postings/<int:posting_id>/revision/approve/",
        staff_queues.revision_approve,
        name="staff_revision_approve",
    ),
    path(
        "postings/<int:posting_id>/revision/reject/",
        staff_queues.revision_reject,
        name="staff_revision_reject",
    ),
    # Not /staff/reports/: that is the placement reports page (UI.md).
    path("reports-of-postings/", staff_queues.posting_reports, name="staff_posting_reports"),
    path(
        "reports-of-postings/<int:report_id>/dismiss/",
        staff_queues.posting_report_dismiss,
        name="staff_posting_report_dismiss",
    ),
    path(
        "reports-of-postings/<int:report_id>/act/",
        staff_queues.posting_report_act,
        name="staff_posting_report_act",
    ),
    path("match-runs/", staff_matching.match_runs, name="staff_match_runs"),
    path("match-runs/<int:run_id>/", staff_matching.match_run, name="staff_match_run"),
    path(
        "match-runs/<int:run_id>/status/",
        staff_matching.match_run_status,
        name="staff_match_run_status",
    ),
    path("policy/", staff_policy.policy_versions, name="staff_policy"),
    path("policy/edit/", staff_policy.policy_edit, name="staff_policy_edit"),
    path("policy/diff/", staff_policy.policy_diff, name="staff_policy_diff"),
    path("policy/<int:version>/", staff_policy.policy_version, name="staff_policy_version"),
    path("access-log/", staff_access.access_log, name="staff_access_log"),
    path(
        "access-log/reviews/",
        staff_access.access_log_reviews,
        name="staff_access_log_reviews",
    ),
    path("seekers/<int:seeker_id>/", staff_seekers.seeker_record, name="staff_seeker"),
    path("decision-requests/", decisions.decision_requests, name="staff_decision_requests"),
    path(
        "decision-requests/<int:request_id>/answer/",
        decisions.decision_request_answer,
        name="staff_decision_request_answer",
    ),
    path("jobs/", staff.dead_jobs, name="staff_dead_jobs"),
    path("jobs/<int:run_id>/retry/", staff.dead_job_retry, name="staff_dead_job_retry"),
    path("checkpoints/", staff.checkpoints, name="staff_checkpoints"),
    path("reports/", staff_reports.reports_page, name="staff_reports"),
    path("placements/", staff_placements.placements, name="staff_placements"),
    path("placements/<int:placement_id>/", staff_placements.placement, name="staff_placement"),
    path(
        "placements/<int:placement_id>/checkpoints/<int:month>/",
        staff_placements.checkpoint_record,
        name="staff_checkpoint_record",
    ),
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
