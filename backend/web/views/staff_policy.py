"""The ordinance policy for staff (`/staff/policy/…`): its versions (which is in force, from
when to when, who made it and why), one version, the editor that makes a new version, and
the difference between two versions field by field.

A version is never edited in place: the editor starts from the version in force and
publishing inserts the next one (`matching.services.ordinance_policy_publish`, the same service
as `PUT /api/v1/ordinance-policy/`), whose validation errors come back beside their fields.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe
from django_stubs_ext import StrPromise

from backend.accounts.permissions import request_user
from backend.core.errors import ConflictError
from backend.web import staff_backend as backend
from backend.web.forms.policy import PolicyForm
from backend.web.labels_policy import field_label, section_label, section_of, value_text
from backend.web.views.staff import _found, page_of, staff_required


def _sections(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The document's fields grouped by section, each with its plain name and value."""
    sections: dict[str, dict[str, Any]] = {}
    for path, value in backend.policy_fields(document):
        section = section_of(path)
        group = sections.setdefault(
            section, {"title": section_label(section), "key": section, "fields": []}
        )
        group["fields"].append(
            {"path": path, "label": field_label(path), "value": value_text(path, value)}
        )
    return list(sections.values())


@login_required
@staff_required
@require_safe
def policy_versions(request: HttpRequest) -> HttpResponse:
    page = page_of(request, backend.ordinance_policy_versions())
    versions = [policy.version for policy in page.object_list]
    ended = backend.ordinance_policy_successor_times(versions)
    rows = [
        {
            "policy": policy,
            "ended_at": ended.get(policy.version),
            "in_force": policy.version not in ended,
        }
        for policy in page.object_list
    ]
    return render(
        request,
        "web/staff/policy_versions.html",
        {"nav": "me", "page": page, "rows": rows, "compare": DiffForm()},
    )


@login_required
@staff_required
@require_safe
def policy_version(request: HttpRequest, version: int) -> HttpResponse:
    policy = _found(lambda: backend.ordinance_policy_version(version))
    current = backend.ordinance_policy_current()
    return render(
        request,
        "web/staff/policy_version.html",
        {
            "nav": "me",
            "policy": policy,
            "in_force": policy.version == current.version,
            "sections": _sections(policy.document),
        },
    )


def _editor(request: HttpRequest, form: PolicyForm, *, status: int = 200) -> HttpResponse:
    sections: dict[str, dict[str, Any]] = {}
    for path in form.paths:
        section = section_of(path)
        group = sections.setdefault(section, {"title": section_label(section), "fields": []})
        group["fields"].append(form[path])
    return render(
        request,
        "web/staff/policy_edit.html",
        {"nav": "me", "form": form, "sections": list(sections.values())},
        status=status,
    )


@login_required
@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def policy_edit(request: HttpRequest) -> HttpResponse:
    current = backend.ordinance_policy_current()
    if request.method != "POST":
        form = PolicyForm(document=current.document, based_on=current.version)
        return _editor(request, form)
    form = PolicyForm(request.POST, document=current.document, based_on=current.version)
    if not form.is_valid():
        return _editor(request, form, status=400)
    try:
        policy = backend.ordinance_policy_publish(
            document=form.document(),
            actor=request_user(request),
            note=form.cleaned_data["note"],
            based_on=form.cleaned_data["based_on"],
        )
    except ValidationError as error:
        form.add_service_errors(error)
        return _editor(request, form, status=400)
    except ConflictError as error:
        form.add_error(None, str(error))
        return _editor(request, form, status=409)
    messages.success(
        request,
        _("조례 정책 %(version)s판을 만들었어요. 지금부터 이 판이 적용돼요.")
        % {"version": policy.version},
    )
    if policy.version == 1:
        return redirect("web:staff_policy")
    query = urlencode({"old": policy.version - 1, "new": policy.version})
    return redirect(f"{reverse('web:staff_policy_diff')}?{query}")


def _version_field(label: StrPromise, required: StrPromise) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=1,
        error_messages={
            "required": required,
            "invalid": gettext_lazy("판 번호는 숫자로 적어 주세요."),
            "min_value": gettext_lazy("판 번호는 1 이상이에요."),
        },
    )


class DiffForm(forms.Form):
    """Which two versions to compare (`old` → `new`)."""

    old = _version_field(
        gettext_lazy("이전 판"), gettext_lazy("비교할 이전 판 번호를 적어 주세요.")
    )
    new = _version_field(gettext_lazy("새 판"), gettext_lazy("비교할 새 판 번호를 적어 주세요."))


@login_required
@staff_required
@require_safe
def policy_diff(request: HttpRequest) -> HttpResponse:
    form = DiffForm(request.GET)
    context: dict[str, Any] = {"nav": "me", "form": form, "changes": None}
    if not form.is_valid():
        return render(request, "web/staff/policy_diff.html", context, status=400)
    wanted = {form.cleaned_data["old"], form.cleaned_data["new"]}
    found = {p.version: p for p in backend.ordinance_policy_versions().filter(version__in=wanted)}
    for name in ("old", "new"):
        if form.cleaned_data[name] not in found:
            missing = {"version": form.cleaned_data[name]}
            form.add_error(name, _("%(version)s판은 없어요.") % missing)
    if form.errors:
        return render(request, "web/staff/policy_diff.html", context, status=400)
    old, new = found[form.cleaned_data["old"]], found[form.cleaned_data["new"]]
    context.update(
        old=old,
        new=new,
        changes=[
            {
                "path": change.path,
                "label": field_label(change.path),
                "section": section_label(section_of(change.path)),
                "kind": change.kind,
                "old": value_text(change.path, change.old),
                "new": value_text(change.path, change.new),
            }
            for change in backend.policy_diff(old.document, new.document)
        ],
    )
    return render(request, "web/staff/policy_diff.html", context)
