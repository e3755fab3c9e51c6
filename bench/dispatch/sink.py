"""The benchmark's SMTP sink (aiosmtpd on 127.0.0.1), in its own process. It counts every
accepted message by Message-ID; every half second it writes the running total to
<state>.count, and on SIGTERM it writes {message_id: times received} to <state>.json."""

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
    def __init__(self):
        self.seen = Counter()

    async def handle_DATA(self, server, session, envelope):
        match = MESSAGE_ID.search(envelope.original_content or envelope.content)
        self.seen[match.group(1).decode() if match else "<none>"] += 1
        return "250 OK"


def main(port, state):
    handler = Handler()
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


if __name__ == "__main__":
    asyncio.set_event_loop(asyncio.new_event_loop())
    main(int(sys.argv[1]), sys.argv[2])
