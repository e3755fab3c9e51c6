from django.utils.translation import gettext_lazy as _


class NotificationError(Exception):
    """A request the engine refuses, with a message for the user in their language."""

    default_message = _("Không thể thực hiện yêu cầu gửi tin.")

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))
