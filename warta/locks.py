"""Inter-process locks: ``flock`` on a lock file, released when the holder exits or dies."""

from __future__ import annotations

import fcntl
import time
from typing import IO


def lock_exclusive(handle: IO[str], timeout: float | None = None) -> bool:
    """Take an exclusive lock on the open file ``handle``. Blocks when ``timeout`` is None;
    otherwise tries without blocking, with backoff, and returns False if the lock is still held
    after ``timeout`` seconds."""
    if timeout is None:
        fcntl.flock(handle, fcntl.LOCK_EX)
        return True
    deadline = time.monotonic() + timeout
    delay = 0.05
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            time.sleep(min(delay, left))
            delay = min(delay * 2, 2.0)
