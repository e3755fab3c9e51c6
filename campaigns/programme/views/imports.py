"""Spreadsheet import screens: upload (dry run), the job page with its progress bar, row
report or preview, and the confirmation that imports (or runs an interrupted job again).
Every run happens in a worker (import_jobs.py); these views only store and hand over.
Monitors and administrators."""

from django import forms
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from config.admin_pages import AdminPage

from ..access import ImporterRequired
from ..import_jobs import confirm_job, create_job, start_job
from ..importers import SPECS, ImportRejected
from ..importers.reading import max_bytes, read_table
from ..models import ImportJob, ImportStatus


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Loại dữ liệu"), choices=[])
    file = forms.FileField(label=gettext_lazy("Tệp Excel (.xlsx) hoặc CSV"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, s.label) for k, s in SPECS.items()]


class ImportView(ImporterRequired, AdminPage, TemplateView):
    parents = (("programme_dashboard", gettext_lazy("Giám sát chương trình")),)
    template_name = "programme/import.html"
    page_title = gettext_lazy("Nhập dữ liệu từ Excel")
    header_icon = "upload"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", UploadForm())
        context.update(
            specs=SPECS,
            jobs=ImportJob.objects.filter(created_by=self.request.user)[:10],
            max_mb=max_bytes() // (1024 * 1024),
        )
        return context

    def post(self, request):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            job = create_job(kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"], user=request.user)
        except ImportRejected as exc:
            for e in exc.errors:
                form.add_error("file", e["message"])
            return self.render_to_response(self.get_context_data(form=form))
        start_job(job=job)
        return redirect("programme_import_job", pk=job.pk)


def _own_job(request, pk):
    jobs = ImportJob.objects.all() if request.user.is_superuser else ImportJob.objects.filter(created_by=request.user)
    return get_object_or_404(jobs, pk=pk)


def _preview(job, limit=10):
    """The header and first rows of the file, as uploaded (for the dry-run preview)."""
    try:
        with job.file.open("rb") as fileobj:
            header, rows, _total = read_table(fileobj, name=job.original_name, spec=SPECS[job.kind])
            first = []
            for _number, cells in rows:
                first.append(["" if c is None else c for c in cells])
                if len(first) >= limit:
                    break
        return header[1], first
    except ImportRejected:
        return [], []


class ImportJobView(ImporterRequired, AdminPage, TemplateView):
    parents = (("programme_dashboard", gettext_lazy("Giám sát chương trình")), ("programme_import", gettext_lazy("Nhập dữ liệu từ Excel")))
    template_name = "programme/import_job.html"
    page_title = gettext_lazy("Lượt nhập dữ liệu")
    header_icon = "upload"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = _own_job(self.request, kwargs["pk"])
        header, preview = _preview(job) if job.status == ImportStatus.VALID else ([], [])
        context.update(
            job=job,
            spec=SPECS[job.kind],
            header=header,
            preview=preview,
            working=job.status in (ImportStatus.PENDING, ImportStatus.RUNNING),
        )
        return context


class ImportJobStatusView(ImporterRequired, View):
    def get(self, request, pk):
        job = _own_job(request, pk)
        return JsonResponse(
            {
                "status": job.status,
                "label": job.get_status_display(),
                "processed": job.processed_rows,
                "total": job.total_rows,
                "percent": job.progress_percent,
            }
        )


class ImportConfirmView(ImporterRequired, View):
    def post(self, request, pk):
        job = _own_job(request, pk)
        try:
            job = confirm_job(job=job)
        except ImportRejected as exc:
            messages.error(request, exc.errors[0]["message"])
            return redirect("programme_import_job", pk=job.pk)
        start_job(job=job)
        return redirect("programme_import_job", pk=job.pk)
