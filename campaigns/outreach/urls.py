"""Campaign results, mounted in the Wagtail admin under /admin/chien-dich/."""

from django.urls import path

from .views import CampaignCompareView, CampaignExportView, CampaignListView, CampaignResultsView

urlpatterns = [
    path("", CampaignListView.as_view(), name="outreach_campaigns"),
    path("<int:pk>/ket-qua/", CampaignResultsView.as_view(), name="outreach_results"),
    path("<int:pk>/ket-qua/xuat/", CampaignExportView.as_view(), name="outreach_export"),
    path("so-sanh/", CampaignCompareView.as_view(), name="outreach_compare"),
]
