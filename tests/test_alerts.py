"""The failure alert: real runs of ``warta_daily`` that fail, the real run failure sensor, and a
real HTTP receiver on localhost."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import dagster as dg
import pytest

from pipelines.alerts import warta_failure_alert
from pipelines.definitions import defs
from tests.conftest import SEED, leak_an_ad_line, put
from warta.alerts import (
    MAX_REASONS,
    AlertNotSent,
    FailedRun,
    alert_message,
    alert_url,
    post_alert,
    redacted,
    ui_url,
)

DAY = "2026-11-25"


class Quiet(BaseHTTPRequestHandler):
    """A request handler that logs nothing (the tests' receivers subclass it)."""

    def log_message(self, *args):
        pass


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """An HTTP server on localhost answering with ``handler``, for the block; its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


class Receiver:
    """An HTTP server on localhost that records each POST and answers with ``status``."""

    def __init__(self) -> None:
        self.bodies: list[dict] = []
        self.headers: list[dict] = []
        self.status = 200
        receiver = self

        class Handler(Quiet):
            def do_POST(self):
                length = int(self.headers["Content-Length"])
                receiver.bodies.append(json.loads(self.rfile.read(length)))
                receiver.headers.append(dict(self.headers))
                self.send_response(receiver.status)
                self.end_headers()
                self.wfile.write(b"ok")

        self._stack = ExitStack()
        self.url = f"{self._stack.enter_context(serving(Handler))}/hooks/T000/SECRET"

    def close(self) -> None:
        self._stack.close()


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.close()


def _failed_run(instance: dg.DagsterInstance) -> dg.ExecuteInProcessResult:
    """A run of ``DAY`` blocked by its checks: a parser bug leaks an ad line into the paragraphs."""
    with pytest.MonkeyPatch.context() as patch:
        leak_an_ad_line(patch)
        result = defs.resolve_job_def("warta_daily").execute_in_process(
            partition_key=DAY, instance=instance, raise_on_error=False
        )
    assert not result.success
    return result


def _evaluate(instance: dg.DagsterInstance, run: dg.DagsterRun) -> list[str]:
    """Evaluate the sensor on the failure of ``run``, as the daemon does; its log lines."""
    failure = instance.all_logs(run.run_id, of_type=dg.DagsterEventType.RUN_FAILURE)[0]
    context = dg.build_run_status_sensor_context(
        sensor_name="warta_failure_alert",
        dagster_event=failure.get_dagster_event(),
        dagster_instance=instance,
        dagster_run=instance.get_run_by_id(run.run_id),
    ).for_run_failure()
    logged: list[str] = []
    context.log.info = logged.append  # type: ignore[method-assign]
    warta_failure_alert(context)
    return logged


def test_a_day_blocked_by_its_checks_posts_one_alert_naming_the_checks(
    landing, receiver, monkeypatch
):
    put(landing, f"{DAY}/000_39c4db6f91142a44.txt", SEED.read_bytes())
    monkeypatch.setenv("WARTA_ALERT_URL", receiver.url)
    monkeypatch.setenv("WARTA_UI_URL", "http://dagster.internal:3000/")
    with dg.DagsterInstance.ephemeral() as instance:
        run = _failed_run(instance).dagster_run
        logged = _evaluate(instance, run)
    assert len(receiver.bodies) == 1
    message = receiver.bodies[0]
    assert receiver.headers[0]["Content-Type"] == "application/json; charset=utf-8"
    assert message["job"] == "warta_daily" and message["run_id"] == run.run_id
    assert message["partition"] == DAY
    assert message["run_url"] == f"http://dagster.internal:3000/runs/{run.run_id}"
    reasons = message["reasons"]
    assert "blocking check failed: paragraphs:paragraphs_no_marker_text" in reasons
    assert "blocking check failed: articles:articles_counts_match" in reasons
    # only the checks: not the check step's failure saying the same, nor a WARN check
    assert len(reasons) == 2
    lines = message["text"].split("\n")
    assert lines[0] == f"Warta: run {run.run_id[:8]} of warta_daily for {DAY} failed"
    assert lines[-1] == message["run_url"]
    assert "- blocking check failed: paragraphs:paragraphs_no_marker_text" in lines
    # the receiver is named without its secret path
    assert logged == [f"alert for run {run.run_id} sent to {redacted(receiver.url)}"]
    port = receiver.url.split(":")[2].split("/")[0]
    assert redacted(receiver.url) == f"http://127.0.0.1:{port}/…"


def test_a_refused_load_names_the_reason_of_its_failed_step(landing, receiver, monkeypatch):
    """The warehouse step alone, over a partition whose Parquet breaks a key: its ``Failure``
    message is the alert's reason."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from warta.parquet_store import ParquetStore

    put(landing, f"{DAY}/000_39c4db6f91142a44.txt", SEED.read_bytes())
    job = defs.resolve_job_def("warta_daily")
    with dg.DagsterInstance.ephemeral() as instance:
        assert job.execute_in_process(partition_key=DAY, instance=instance).success
        path = ParquetStore(landing.data_dir).partition_file("ad_markers", DAY)
        table = pq.read_table(path)
        pq.write_table(pa.concat_tables([table, table.slice(0, 1)]), path)
        result = job.execute_in_process(
            partition_key=DAY,
            instance=instance,
            raise_on_error=False,
            asset_selection=[dg.AssetKey("warehouse")],
        )
        assert not result.success
        monkeypatch.setenv("WARTA_ALERT_URL", receiver.url)
        _evaluate(instance, result.dagster_run)
    (message,) = receiver.bodies
    assert message["run_url"] is None
    (reason,) = message["reasons"]
    assert reason.startswith(
        f"warehouse: partition {DAY} fails ERROR checks: articles:articles_counts_match, "
        "ad_markers:ad_markers_key_unique; the warehouse was not changed"
    )


def test_a_failure_dagster_retries_sends_nothing(landing, receiver, monkeypatch):
    put(landing, f"{DAY}/000_39c4db6f91142a44.txt", SEED.read_bytes())
    with dg.DagsterInstance.ephemeral() as instance:
        run = _failed_run(instance).dagster_run
        instance.add_run_tags(run.run_id, {"dagster/will_retry": "true"})
        monkeypatch.setenv("WARTA_ALERT_URL", receiver.url)
        logged = _evaluate(instance, run)
        assert receiver.bodies == []
        assert logged == [f"run {run.run_id} failed; Dagster retries it: no alert"]
        # its retry failing, or a failure Dagster does not retry, is sent
        instance.add_run_tags(run.run_id, {"dagster/will_retry": "false"})
        _evaluate(instance, run)
    assert len(receiver.bodies) == 1


def test_without_an_alert_url_the_message_is_only_logged(landing, receiver, monkeypatch):
    put(landing, f"{DAY}/000_39c4db6f91142a44.txt", SEED.read_bytes())
    monkeypatch.delenv("WARTA_ALERT_URL", raising=False)
    with dg.DagsterInstance.ephemeral() as instance:
        run = _failed_run(instance).dagster_run
        (logged,) = _evaluate(instance, run)
    assert receiver.bodies == []
    assert logged.startswith(f"Warta: run {run.run_id[:8]} of warta_daily for {DAY} failed\n")
    assert "- blocking check failed: paragraphs:paragraphs_no_marker_text" in logged
    assert logged.endswith("(WARTA_ALERT_URL is unset: not sent)")


def test_a_receiver_that_refuses_fails_the_tick_without_the_secret(landing, receiver, monkeypatch):
    put(landing, f"{DAY}/000_39c4db6f91142a44.txt", SEED.read_bytes())
    receiver.status = 404
    with dg.DagsterInstance.ephemeral() as instance:
        run = _failed_run(instance).dagster_run
        monkeypatch.setenv("WARTA_ALERT_URL", receiver.url)
        monkeypatch.setattr("warta.alerts.RETRY_AFTER_SECONDS", 0.0)
        with pytest.raises(AlertNotSent) as raised:
            _evaluate(instance, run)
    assert len(receiver.bodies) == 1  # an answer: not posted again (it could arrive twice)
    assert str(raised.value) == f"alert not sent to {redacted(receiver.url)}: HTTP 404 Not Found"
    assert "SECRET" not in str(raised.value)


def test_post_alert_tries_a_refused_connection_again(receiver):
    url = receiver.url
    receiver.close()  # nothing listens on the port any more
    with pytest.raises(AlertNotSent) as raised:
        post_alert(url, {"text": "x"}, retry_after=0)
    # nothing was delivered, so it was tried twice
    assert re.fullmatch(
        r"alert not sent to http://127\.0\.0\.1:\d+/…: (\[Errno 111\] Connection refused; ?){2}",
        str(raised.value) + "; ",
    ), raised.value


@pytest.mark.parametrize("code", [301, 302, 303, 307])
def test_a_redirect_is_not_taken_for_success(receiver, code):
    """urllib follows a 301, 302 or 303 as a GET without the body: the message was lost while
    the sensor logged it sent."""

    class Redirecting(Quiet):
        def do_POST(self):
            self.send_response(code)
            self.send_header("Location", f"{receiver.url}/moved")
            self.end_headers()

        do_GET = do_POST

    with serving(Redirecting) as base, pytest.raises(AlertNotSent) as raised:
        post_alert(f"{base}/hooks/SECRET", {"text": "x"})
    assert f": HTTP {code} " in str(raised.value)
    assert str(raised.value).endswith("(a redirect: give the address it leads to)")
    assert "SECRET" not in str(raised.value) and receiver.bodies == []


def test_post_alert_gives_up_on_a_receiver_that_does_not_answer():
    """Once, after its timeout: the receiver may have taken the message (posting it again could
    deliver it twice), and five such runs in a tick must stay within Dagster's 60 s."""
    import socket
    import time

    from warta.alerts import ATTEMPTS, TIMEOUT_SECONDS

    assert 5 * TIMEOUT_SECONDS * ATTEMPTS < 60
    with socket.socket() as silent:  # accepts connections (backlog) but never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/"
        started = time.monotonic()
        with pytest.raises(AlertNotSent) as raised:
            post_alert(url, {"text": "x"}, timeout=0.5)
        assert time.monotonic() - started < 1.5
    # urllib's own timeout or the whole post's, whichever comes first
    assert re.search(r": (timed out|no whole answer within 0\.5 s)$", str(raised.value))


def test_a_long_list_of_reasons_is_cut_in_the_text_and_kept_in_the_fields():
    reasons = [f"blocking check failed: t:c{i}" for i in range(MAX_REASONS + 3)]
    message = alert_message(FailedRun("warta_daily", "0123456789abcdef", None, reasons))
    lines = message["text"].split("\n")
    assert lines[0] == "Warta: run 01234567 of warta_daily failed"
    assert lines[1:] == [*(f"- {r}" for r in reasons[:MAX_REASONS]), "- … and 3 more (see the run)"]
    assert message["reasons"] == reasons and message["partition"] is None


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("hooks.slack.com/services/T0/B0/SECRET", "must be an http:// or https:// URL with a host"),
        ("ftp://example.org/SECRET", "must be an http:// or https:// URL with a host"),
        ("https://", "must be an http:// or https:// URL with a host"),
        ("file:///tmp/SECRET", "must be an http:// or https:// URL with a host"),
        # urllib cannot send these: its error quoted the password or the path
        ("https://user:SECRET@hooks.example/x", "must not hold a user or password"),
        ("https://hooks.example:8443/T0/SECRET PATH", "must not hold spaces or control"),
        ("http://127.0.0.1:99999/SECRET", "has a port that is not a number from 0 to 65535"),
        ("http://127.0.0.1:abc/SECRET", "has a port that is not a number from 0 to 65535"),
        # full-width @: urllib's own error quoted the user and password
        ("https://u:SECRET\uff20hooks.example.com/x", "is not a URL that can be read"),
        ("http://[::1/SECRET", "is not a URL that can be read"),
        ("https://hooks.example/SECRET/\u00e9", "must be ASCII"),
    ],
)
def test_a_bad_alert_url_is_refused_without_repeating_it(value, problem):
    for read, name in ((alert_url, "WARTA_ALERT_URL"), (ui_url, "WARTA_UI_URL")):
        with pytest.raises(ValueError) as raised:
            read({name: value})
        assert str(raised.value).startswith(f"{name} {problem}")
        assert "SECRET" not in str(raised.value)


def test_alert_urls_unset_or_set():
    assert alert_url({}) is None and alert_url({"WARTA_ALERT_URL": " "}) is None
    url = "https://hooks.slack.com/services/T0/B0/SECRET"
    assert alert_url({"WARTA_ALERT_URL": url}) == url
    assert redacted(url) == "https://hooks.slack.com/…"
    assert redacted("http://user:pw@relay.local:8080/a?token=1") == "http://relay.local:8080/…"
    assert redacted("http://[::1]:8080/T0/SECRET") == "http://[::1]:8080/…"
    assert redacted("http://relay.local:99999/x") == "http://relay.local/…"  # never raises
    assert (
        ui_url({"WARTA_UI_URL": "http://dagster.internal:3000/"}) == "http://dagster.internal:3000"
    )


def test_the_sensor_runs_by_default():
    sensor = defs.get_repository_def().get_sensor_def("warta_failure_alert")
    assert sensor.default_status == dg.DefaultSensorStatus.RUNNING
    assert sensor.minimum_interval_seconds == 30


def test_a_step_that_raises_is_named_with_its_own_exception_once():
    """A bug in a step: its exception's class and message (Dagster's own wrapper and the class
    it already prefixes to the message left out)."""
    from pipelines.failures import step_failures

    @dg.asset
    def broken() -> None:
        raise ValueError("the disk is full")

    result = dg.materialize([broken], raise_on_error=False)
    assert step_failures(result.get_step_failure_events()) == [
        "broken: ValueError: the disk is full"
    ]


def test_a_receiver_answering_a_line_at_a_time_is_given_up_on_at_the_timeout():
    """urllib's timeout is per socket read: a receiver sending a header line every 0.3 s held
    a post as long as it liked (a tick of five such alerts outlasted Dagster's 60 s)."""
    import time

    class Trickling(Quiet):
        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(200)
            for n in range(20):
                self.send_header(f"X-Slow-{n}", "1")
                self.flush_headers()
                time.sleep(0.3)
            self.end_headers()

    with serving(Trickling) as base:
        started = time.monotonic()
        with pytest.raises(AlertNotSent) as raised:
            post_alert(f"{base}/x", {"text": "x"}, timeout=1)
        assert time.monotonic() - started < 1.5
    assert str(raised.value).endswith(": no whole answer within 1 s")


def test_a_post_given_up_on_leaves_no_thread_reading_behind():
    """A body trickling in a byte at a time kept the given-up post's thread (and socket) in the
    code server for as long as the receiver went on."""
    import time

    class TricklingBody(Quiet):
        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(200)
            self.send_header("Content-Length", "65536")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.25)
            except OSError:
                pass

    with serving(TricklingBody) as base:
        before = set(threading.enumerate())
        for _ in range(2):
            with pytest.raises(AlertNotSent, match=r"no whole answer within 0\.5 s"):
                post_alert(f"{base}/x", {"text": "x"}, timeout=0.5)
        time.sleep(0.5)
        left = [t for t in set(threading.enumerate()) - before if t.name == "warta-alert"]
        assert left == []
