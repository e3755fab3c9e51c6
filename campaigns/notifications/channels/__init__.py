"""Channels behind one interface (channels.base.BaseChannel). `get_channel(name)` returns the
configured instance; a channel is looked up by the Delivery.channel value."""

from .base import BaseChannel, PermanentError, Rendered, TransientError
from .console import ConsoleChannel
from .email import EmailChannel
from .insite import InSiteChannel
from .sms import SmsChannel
from .zalo import ZaloChannel

CHANNELS = {c.name: c for c in (EmailChannel(), SmsChannel(), ZaloChannel(), InSiteChannel(), ConsoleChannel())}


def get_channel(name):
    return CHANNELS[name]


__all__ = ["BaseChannel", "PermanentError", "Rendered", "TransientError", "CHANNELS", "get_channel"]
