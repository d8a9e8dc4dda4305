"""Alerts for runs that failed: one JSON message a run, posted to a webhook.

``WARTA_ALERT_URL`` names the receiver. The message's ``text`` field is what Slack and
Mattermost incoming webhooks (and most chat bridges) show; the other fields carry the same facts
as data for any other receiver (a ticketing hook, a small relay). Standard library only: HTTP(S)
``POST`` with ``Content-Type: application/json``, the proxy variables (``https_proxy``…) honoured.

A webhook URL is a secret (Slack's carries its token in the path): messages and errors name
the receiver by its scheme and host only (``redacted``).
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

# A tick of the sensor posts the failures of up to 5 runs (Dagster's run status sensor limit)
# within Dagster's 60 s for a sensor evaluation: at most 5 s each, one try, and a second only
# when the first reached no receiver (refused, no such host), so nothing is posted twice.
TIMEOUT_SECONDS = 5
ATTEMPTS = 2
RETRY_AFTER_SECONDS = 1.0
# A message lists at most this many reasons (a day can fail dozens of checks at once).
MAX_REASONS = 10


def alert_url(env: Mapping[str, str]) -> str | None:
    """``WARTA_ALERT_URL``: an absolute http(s) URL, None when unset or empty; a ``ValueError``
    that does not repeat it otherwise (it may hold a token)."""
    return _url(env, "WARTA_ALERT_URL")


def ui_url(env: Mapping[str, str]) -> str | None:
    """``WARTA_UI_URL``: the Dagster UI as its users open it (``http://dagster.internal:3000``),
    for a link to the failed run; None when unset or empty."""
    url = _url(env, "WARTA_UI_URL")
    return url.rstrip("/") if url else None


def _url(env: Mapping[str, str], name: str) -> str | None:
    raw = env.get(name, "").strip()
    if not raw:
        return None
    problem = None
    try:
        parts = urlsplit(raw)
    except ValueError:  # its message quotes the URL
        raise ValueError(f"{name} is not a URL that can be read") from None
    if not raw.isascii():
        problem = "must be ASCII (percent-encode the path, give the host in punycode)"
    elif parts.scheme not in ("http", "https") or not parts.hostname:
        problem = "must be an http:// or https:// URL with a host"
    elif "@" in parts.netloc:
        problem = "must not hold a user or password (put a token in its path or query)"
    elif any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in raw):
        problem = "must not hold spaces or control characters (percent-encode them)"
    else:
        try:
            parts.port  # noqa: B018 (raises for a port out of range or not a number)
        except ValueError:
            problem = "has a port that is not a number from 0 to 65535"
    if problem:
        raise ValueError(f"{name} {problem}")
    return raw


def redacted(url: str) -> str:
    """``url`` as its scheme, host and port only (``https://hooks.slack.com/…``): its user,
    path and query may hold a token."""
    parts = urlsplit(url)
    host = parts.hostname or "?"
    host = f"[{host}]" if ":" in host else host
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        port = ""
    return f"{parts.scheme}://{host}{port}/…"


def _post(request: urllib.request.Request, timeout: float) -> None:
    """Send ``request`` and read the answer within ``timeout`` seconds in all (urllib's own
    timeout is per socket operation: a receiver answering a line at a time holds it longer)."""
    outcome: list[BaseException | None] = []
    responses: list = []

    def send() -> None:
        try:
            with _OPENER.open(request, timeout=timeout) as response:
                responses.append(response)
                response.read(65536)
            outcome.append(None)
        except BaseException as error:  # handed to the caller's thread
            outcome.append(error)

    thread = threading.Thread(target=send, name="warta-alert", daemon=True)
    thread.start()
    thread.join(timeout)
    if not outcome:
        for response in responses:  # a body trickling in: end the read, and the thread
            with contextlib.suppress(Exception):
                response.fp.raw._sock.shutdown(socket.SHUT_RDWR)
        raise TimeoutError(f"no whole answer within {timeout:g} s")
    if outcome[0] is not None:
        raise outcome[0]


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an error: urllib would follow a 301, 302 or 303 as a GET without the body,
    and the message would be lost while the answer looked like success."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


@dataclass(frozen=True)
class FailedRun:
    """What an alert says about a failed run."""

    job: str
    run_id: str
    partition: str | None
    reasons: Sequence[str]  # one line each: a failed blocking check, a step's error
    run_url: str | None = None  # the run's page in the Dagster UI


def alert_message(run: FailedRun) -> dict[str, object]:
    """The JSON object posted for ``run``: ``text`` for chat, the facts as fields."""
    day = f" for {run.partition}" if run.partition else ""
    lines = [f"Warta: run {run.run_id[:8]} of {run.job}{day} failed"]
    shown = list(run.reasons[:MAX_REASONS])
    if len(run.reasons) > MAX_REASONS:
        shown.append(f"… and {len(run.reasons) - MAX_REASONS} more (see the run)")
    lines += [f"- {reason}" for reason in shown]
    if run.run_url:
        lines.append(run.run_url)
    return {
        "text": "\n".join(lines),
        "job": run.job,
        "run_id": run.run_id,
        "partition": run.partition,
        "reasons": list(run.reasons),
        "run_url": run.run_url,
    }


class AlertNotSent(Exception):
    """The receiver did not take the message (each attempt's error in the message)."""


def post_alert(
    url: str,
    message: Mapping[str, object],
    *,
    timeout: float = TIMEOUT_SECONDS,
    attempts: int = ATTEMPTS,
    retry_after: float = RETRY_AFTER_SECONDS,
) -> None:
    """POST ``message`` as JSON to ``url``; a 2xx answer is success, a redirect is not (the
    message would not follow it). Tried again, ``retry_after`` seconds later and up to
    ``attempts`` times, only when no receiver was reached (a refused connection, an unknown
    host); after an answer or a timeout a second post could deliver it twice. ``AlertNotSent``
    names the receiver (``redacted``) and why each attempt failed."""
    body = json.dumps(message, ensure_ascii=False).encode()
    errors: list[str] = []
    for attempt in range(attempts):
        if attempt:
            time.sleep(retry_after)
        try:
            request = urllib.request.Request(
                url,
                data=body,
                method="POST",
                headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": "warta"},
            )
            _post(request, timeout)
            return
        except urllib.error.HTTPError as error:
            redirect = (
                " (a redirect: give the address it leads to)" if 300 <= error.code < 400 else ""
            )
            errors.append(f"HTTP {error.code} {error.reason}{redirect}")
            break
        except urllib.error.URLError as error:
            reason = error.reason
            if not isinstance(reason, OSError) or isinstance(reason, TimeoutError):
                errors.append(str(reason) if isinstance(reason, OSError) else "not sent")
                break
            errors.append(str(reason))  # refused, no such host: nothing was delivered
        except OSError as error:  # a timeout or a reset while reading the answer
            errors.append(str(error) or type(error).__name__)
            break
        except (ValueError, http.client.HTTPException) as error:
            # a malformed address or answer; its message may quote the URL: the class only
            errors.append(type(error).__name__)
            break
    raise AlertNotSent(f"alert not sent to {redacted(url)}: {'; '.join(errors)}")
