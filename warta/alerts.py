"""Alerts for runs that failed: one JSON message a run, posted to a webhook.

``WARTA_ALERT_URL`` names the receiver. The message's ``text`` field is what Slack and
Mattermost incoming webhooks (and most chat bridges) show; the other fields carry the same facts
as data for any other receiver (a ticketing hook, a small relay). Standard library only: HTTP(S)
``POST`` with ``Content-Type: application/json``, the proxy variables (``https_proxy``…) honoured.

A webhook URL is a secret (Slack's carries its token in the path): messages and errors name
the receiver by its scheme and host only (``redacted``).
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

TIMEOUT_SECONDS = 10
ATTEMPTS = 2
RETRY_AFTER_SECONDS = 2.0
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
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{name} must be an http:// or https:// URL with a host")
    return raw


def redacted(url: str) -> str:
    """``url`` without what may be secret: its user, path and query (``https://hooks.slack.com/…``)."""
    parts = urlsplit(url)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname}{port}/…"


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
    """POST ``message`` as JSON to ``url``; a 2xx answer is success. Tried ``attempts`` times,
    ``retry_after`` seconds apart; ``AlertNotSent`` names the receiver (``redacted``) and why
    each attempt failed: the HTTP status, a refused connection, a timeout."""
    body = json.dumps(message, ensure_ascii=False).encode()
    errors = []
    for attempt in range(attempts):
        if attempt:
            time.sleep(retry_after)
        request = urllib.request.Request(
            url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": "warta"},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read(65536)
            return
        except urllib.error.HTTPError as error:
            errors.append(f"HTTP {error.code} {error.reason}")
        except urllib.error.URLError as error:
            errors.append(str(error.reason))
        except (OSError, ValueError) as error:  # a timeout while reading, a malformed answer
            errors.append(str(error) or type(error).__name__)
    raise AlertNotSent(f"alert not sent to {redacted(url)}: {'; '.join(errors)}")
