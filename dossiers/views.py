"""Pages of the dossier import, for the agency's ISO officers and head: upload an export (kept
privately, read by the task engine), confirm its columns once, follow the import and its
located problems, the past imports with their counts and SHA-256, and how long uploaded files
are kept. Other members get 403; other agencies 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from agencies.membership import current_membership
from agencies.models import Agency
from agencies.permissions import is_member
from dossiers import services
from dossiers.forms import DossierMappingForm, DossierSettingsForm, DossierUploadForm
from dossiers.mapping import FIELDS, looks_personal, suggest_mapping
from dossiers.models import DossierColumnMapping, DossierImport, dossier_settings_for
from dossiers.rules import may_import_dossiers, may_see_dossier_import
from dossiers.tasks import dossier_import_run
from qms_objectives.errors import WorkflowError
from qms_objectives.tasks import enqueue_on_commit

WAIT_REFRESH_SECONDS = 3
RECENT_IMPORTS = 20


def _agency_for(user, agency_id: int) -> Agency:
    """404 outside the user's agencies; 403 for a member who may not import."""
    agency = Agency.objects.filter(pk=agency_id, is_active=True).first()
    if agency is None or not is_member(user, agency):
        raise Http404
    if not may_import_dossiers(user, agency):
        raise PermissionDenied
    return agency


def _import_for(user, pk: int) -> DossierImport:
    job = DossierImport.objects.select_related("agency", "created_by").filter(pk=pk).first()
    if job is None or not is_member(user, job.agency):
        raise Http404
    if not may_see_dossier_import(user, job):
        raise PermissionDenied
    return job


@login_required
@require_safe
def home(request):
    membership = current_membership(request)
    if membership is None:
        raise Http404
    return redirect("dossiers:import", membership.agency_id)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def import_upload(request, agency_id: int):
    agency = _agency_for(request.user, agency_id)
    form = DossierUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = services.dossier_import_queue(
                agency=agency,
                actor=request.user,
                data=upload.read(),
                filename=upload.name,
                kind=form.cleaned_data["kind"],
                period=form.period(),
            )
        except WorkflowError as error:
            error.form_add(form)
        else:
            enqueue_on_commit(dossier_import_run, job.pk)
            return redirect(job)
    imports = DossierImport.objects.filter(agency=agency).select_related("created_by")
    context = {
        "agency": agency,
        "form": form,
        "imports": imports[:RECENT_IMPORTS],
        "mapping": DossierColumnMapping.objects.filter(agency=agency).first(),
        "settings": dossier_settings_for(agency),
        "fields": FIELDS,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "dossiers/import.html", context, status=status)


@login_required
@require_safe
def import_detail(request, pk: int):
    job = _import_for(request.user, pk)
    context = {
        "job": job,
        "agency": job.agency,
        "personal_columns": [h for h in job.headers if looks_personal(h)],
        "used_columns": job.mapping.get("columns", {}),
        "fields": FIELDS,
    }
    if job.status == DossierImport.Status.QUEUED:
        context["refresh_seconds"] = WAIT_REFRESH_SECONDS
    return render(request, "dossiers/import_detail.html", context)


def _headers_for_mapping(agency, job) -> list[str]:
    if job is not None and job.headers:
        return list(job.headers)
    latest = (
        DossierImport.objects.filter(agency=agency, kind=DossierImport.Kind.DOSSIERS)
        .exclude(headers=[])
        .first()
    )
    if latest is not None:
        return list(latest.headers)
    saved = DossierColumnMapping.objects.filter(agency=agency).first()
    return list(saved.columns.values()) if saved else []


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def mapping_edit(request, agency_id: int):
    agency = _agency_for(request.user, agency_id)
    job = None
    if request.GET.get("import", "").isdigit():
        job = DossierImport.objects.filter(
            agency=agency, pk=int(request.GET["import"]), kind=DossierImport.Kind.DOSSIERS
        ).first()
    headers = _headers_for_mapping(agency, job)
    saved = DossierColumnMapping.objects.filter(agency=agency).first()
    suggested = suggest_mapping(headers)
    kept = {k: v for k, v in (saved.columns if saved else {}).items() if v in headers}
    initial = {**suggested, **kept}
    form = DossierMappingForm(request.POST or None, headers=headers, initial_columns=initial)
    if request.method == "POST" and headers and form.is_valid():
        try:
            services.dossier_mapping_save(agency=agency, actor=request.user, columns=form.columns())
            if job is not None and job.status == DossierImport.Status.MAPPING:
                services.dossier_import_requeue(job=job, actor=request.user)
                enqueue_on_commit(dossier_import_run, job.pk)
                messages.success(request, _("Đã lưu cách đọc cột; tệp đang được nhập."))
                return redirect(job)
        except WorkflowError as error:
            error.form_add(form)
        else:
            messages.success(request, _("Đã lưu cách đọc cột."))
            return redirect("dossiers:import", agency.pk)
    rows = [
        {
            "field": field,
            "bound": form[field.key],
            "suggested": suggested.get(field.key, ""),
        }
        for field in FIELDS
    ]
    context = {
        "agency": agency,
        "form": form,
        "rows": rows,
        "job": job,
        "headers": headers,
        "personal_columns": [h for h in headers if looks_personal(h)],
        "unused_columns": [
            h for h in headers if h and not looks_personal(h) and h not in suggested.values()
        ],
        "saved": saved,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "dossiers/mapping.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def settings_edit(request, agency_id: int):
    agency = _agency_for(request.user, agency_id)
    current = dossier_settings_for(agency)
    form = DossierSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.dossier_settings_save(
            agency=agency,
            actor=request.user,
            file_retention_days=form.cleaned_data["file_retention_days"],
        )
        messages.success(request, _("Đã lưu thời hạn giữ tệp."))
        return redirect("dossiers:import", agency.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "dossiers/settings.html", {"agency": agency, "form": form}, status=status
    )
