"""CPU time per request of the minimal view through one stack's whole WSGI handler, in this
process (no server, no client, no network): the best of 30 rounds of 300 requests, so a
machine shared with other work disturbs it far less than a throughput figure. Run by
bench/middleware/run.py with each stack's settings in the environment; prints microseconds."""

import io
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

PATH = "/__bench__/minimal"


def main(rounds=30, requests=300):
    warnings.simplefilter("ignore")
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()

    def environ():
        return {"REQUEST_METHOD": "GET", "PATH_INFO": PATH, "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1",
                "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(b""),
                "REMOTE_ADDR": "127.0.0.1", "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.errors": sys.stderr,
                "HTTP_ACCEPT_LANGUAGE": "vi-VN,vi;q=0.9,en;q=0.8", "HTTP_USER_AGENT": "bench"}

    def start_response(status, headers, exc_info=None):
        if not status.startswith("200"):
            raise SystemExit(f"{PATH} answered {status}")

    def one():
        response = application(environ(), start_response)
        b"".join(response)
        response.close()

    for _ in range(300):
        one()
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        for _ in range(requests):
            one()
        best = min(best, (time.process_time() - started) / requests)
    print(f"{best * 1e6:.1f}")


if __name__ == "__main__":
    main()
