"""The notifications engine's models: what to say (templates), to whom (broadcasts), how
(channel preferences) and the ledger of every delivery. When training's reminders fall due
is training's own (campaigns/training/reminder_rules.py)."""

from .broadcasts import Broadcast, BroadcastState
from .content import MessageKind, MessageTemplate
from .ledger import Delivery, DeliveryReason, DeliveryState
from .preferences import Channel, ChannelPreference, InSiteNotification

__all__ = [
    "Broadcast", "BroadcastState", "MessageKind", "MessageTemplate",
    "Delivery", "DeliveryReason", "DeliveryState", "Channel", "ChannelPreference", "InSiteNotification",
]
