"""The benchmark's SMTP sink (aiosmtpd on 127.0.0.1), in its own process. It answers MAIL, RCPT
and the end of DATA after a delay (argv[4], seconds; 0.02 by default), as a relay across a
network does, and counts every accepted message by Message-ID; every half second it writes the running total to
<state>.count, and on SIGTERM it writes {message_id: times received} to <state>.json, the
total bytes received to <state>.bytes and the first message received to <state>.sample."""

import asyncio
import json
import re
import signal
import sys
import threading
from collections import Counter

from aiosmtpd.controller import Controller

MESSAGE_ID = re.compile(rb"^Message-ID:\s*(<[^>]+>)", re.IGNORECASE | re.MULTILINE)


class Handler:
    def __init__(self, sample_pk, delay):
        self.delay = delay
        self.seen = Counter()
        self.bytes = 0
        self.sample = None  # the message for delivery `sample_pk`, as received
        self.sample_id = re.compile(rf"^<[a-z]+-{sample_pk}@[^>]+>$".encode())

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        await asyncio.sleep(self.delay)
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        await asyncio.sleep(self.delay)
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(self.delay)
        content = envelope.original_content or envelope.content
        match = MESSAGE_ID.search(content)
        self.seen[match.group(1).decode() if match else "<none>"] += 1
        self.bytes += len(content)
        if self.sample is None and match and self.sample_id.match(match.group(1)):
            self.sample = content
        return "250 OK"


def main(port, state, sample_pk, delay):
    handler = Handler(sample_pk, delay)
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    done = threading.Event()

    def stop(*_):
        done.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while not done.wait(0.5):
        with open(f"{state}.count", "w") as f:
            f.write(str(sum(handler.seen.values())))
    controller.stop()
    with open(f"{state}.json", "w") as f:
        json.dump(dict(handler.seen), f)
    with open(f"{state}.bytes", "w") as f:
        f.write(str(handler.bytes))
    with open(f"{state}.sample", "wb") as f:
        f.write(handler.sample or b"")


if __name__ == "__main__":
    asyncio.set_event_loop(asyncio.new_event_loop())
    main(int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4]) if len(sys.argv) > 4 else 0.02)
