"""Programme monitoring screens, mounted in the Wagtail admin under /admin/chuong-trinh/."""

from django.urls import path

from .views.dashboard import DashboardView, SnapshotView
from .views.exports import IndicatorExportView, TemplateDownloadView, UntrainedView
from .views.imports import ImportConfirmView, ImportJobStatusView, ImportJobView, ImportView

urlpatterns = [
    path("", DashboardView.as_view(), name="programme_dashboard"),
    path("chup/", SnapshotView.as_view(), name="programme_snapshot"),
    path("xuat/", IndicatorExportView.as_view(), name="programme_export"),
    path("chua-dao-tao/", UntrainedView.as_view(), name="programme_untrained"),
    path("mau/<slug:kind>.xlsx", TemplateDownloadView.as_view(), name="programme_template"),
    path("nhap/", ImportView.as_view(), name="programme_import"),
    path("nhap/<int:pk>/", ImportJobView.as_view(), name="programme_import_job"),
    path("nhap/<int:pk>/tien-do/", ImportJobStatusView.as_view(), name="programme_import_status"),
    path("nhap/<int:pk>/xac-nhan/", ImportConfirmView.as_view(), name="programme_import_confirm"),
]
