"""A real SMTP server (aiosmtpd on 127.0.0.1) that records what it accepted, can answer with
chosen error codes, and can hold a client mid-conversation (to kill a worker at a known point)."""

import asyncio
import email
import socket
import threading
from collections import Counter

from aiosmtpd.controller import Controller


def free_port():
    """A port the kernel has free now (an ephemeral one, so two suites on one machine do not
    reach for the same fixed list); start_sink() retries if another process takes it first."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sink:
    def __init__(self):
        self.lock = threading.Lock()
        self.accepted = []  # Message-IDs, in order
        self.messages = []  # the accepted messages, parsed (email.message.Message)
        self.recipients = []
        self.reply = None  # callable(message_id, attempt_number) -> "4xx/5xx ..." or None
        self.attempts = Counter()
        self.hold_after = None  # hold the next conversation once this many were accepted
        self.held = threading.Event()
        self.release = threading.Event()
        # Accept a message but hold back the "250" once this many were accepted: the message is
        # the server's, and the client does not know it yet (a worker killed now resends it).
        self.hold_reply_after = None
        self.holding = 0  # conversations accepted and held at this moment

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.hold_after is not None and len(self.accepted) >= self.hold_after and not self.release.is_set():
            self.held.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        message_id = message["Message-ID"]
        with self.lock:
            self.attempts[message_id] += 1
            attempt = self.attempts[message_id]
        if self.reply is not None:
            answer = self.reply(message_id, attempt)
            if answer:
                return answer
        with self.lock:
            self.accepted.append(message_id)
            self.messages.append(message)
            self.recipients.extend(envelope.rcpt_tos)
            hold = self.hold_reply_after is not None and len(self.accepted) > self.hold_reply_after
            if hold:
                self.holding += 1
        if hold:
            self.held.set()
            try:
                while not self.release.is_set():
                    await asyncio.sleep(0.05)
            finally:  # released, or cancelled when the client's connection drops
                with self.lock:
                    self.holding -= 1
        return "250 Message accepted for delivery"

    def duplicates(self):
        return {mid: n for mid, n in Counter(self.accepted).items() if n > 1}


def start_sink(attempts=5):
    sink = Sink()
    for attempt in range(attempts):
        port = free_port()
        controller = Controller(sink, hostname="127.0.0.1", port=port)
        try:
            controller.start()
        except (OSError, RuntimeError):  # taken between free_port() and the bind
            if attempt == attempts - 1:
                raise
            continue
        sink.port = port
        sink.controller = controller
        return sink
