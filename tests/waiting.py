"""The one way tests wait: poll a condition until it holds, never sleep a fixed time and hope.

`poll` returns the condition's first truthy value, or its last falsy one when time runs out
(for `assert poll(...)`); `wait_until` raises AssertionError naming what it waited for.
`alive` is checked every round: processes (subprocess.Popen, an early exit fails at once with
the end of its error output) or callables that raise when something the test needs has died."""

import subprocess
import time


def _check(alive):
    for item in alive:
        if isinstance(item, subprocess.Popen):
            if item.poll() is not None:
                output = item.stderr.read().decode(errors="replace")[-3000:] if item.stderr else ""
                raise AssertionError(f"process exited early: {output}")
        else:
            item()


def poll(condition, *, timeout, interval=0.1, alive=()):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() >= deadline:
            return value
        _check(alive)
        time.sleep(interval)


def wait_until(condition, *, timeout, interval=0.1, what="the condition", alive=()):
    value = poll(condition, timeout=timeout, interval=interval, alive=alive)
    if not value:
        raise AssertionError(f"timed out after {timeout} s waiting for {what}")
    return value
