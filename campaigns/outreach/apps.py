from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "campaigns.outreach"
    label = "outreach"
    verbose_name = _("Chiến dịch và kết quả")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from . import messages

        # Links inside a campaign's messages carry its slug: reach asks us which campaign a
        # message belongs to (the registry is reach's; the answer is ours).
        messages.register_with_reach()
        # Each app that owns pages tells us which of them belong to a campaign (cms does, in
        # cms/outreach_hooks.py): the domain never imports cms.
        autodiscover_modules("outreach_hooks")
