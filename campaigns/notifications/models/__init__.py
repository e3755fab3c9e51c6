"""The notifications engine's models: what to say (templates), when (reminder rules), to whom
(broadcasts), how (channel preferences) and the ledger of every delivery."""

from .broadcasts import Broadcast, BroadcastState
from .content import MessageKind, MessageTemplate, ReminderAnchor, ReminderRule
from .ledger import Delivery, DeliveryReason, DeliveryState
from .preferences import Channel, ChannelPreference, InSiteNotification

__all__ = [
    "Broadcast", "BroadcastState", "MessageKind", "MessageTemplate", "ReminderAnchor", "ReminderRule",
    "Delivery", "DeliveryReason", "DeliveryState", "Channel", "ChannelPreference", "InSiteNotification",
]
