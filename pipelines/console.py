"""The console logger of Warta's runs: Dagster's own format, without the stack trace of a
deliberate failure.

A step that cannot go on for a reason the operator must act on (a refused load, a published
day whose landing folder is gone, a landing zone that cannot be listed) raises ``dg.Failure``
with a message saying what to do. Dagster's console logger prints each such failure with two
stack traces of its own frames, twice (the step's failure and the run's): ~75 lines around one
sentence. This logger prints the sentence. Every other error (a bug, a crash in a library)
keeps its stack trace, and the run's event log in the UI keeps everything either way: it is
written from the events, not from this logger.
"""

import logging
import sys

import dagster as dg

FORMAT = "%(asctime)s - %(name)s - %(levelname)s - %(message)s"  # Dagster's console format
DATE_FORMAT = "%Y-%m-%d %H:%M:%S %z"


class _FailureWithoutStack(logging.Filter):
    """Replaces the error text Dagster appends to a record (after a blank line) by the message
    alone when the error is a ``dg.Failure``, or is caused by one (a failure a retry policy
    retries is reported as ``RetryRequestedFromPolicy`` raised from it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        meta = getattr(record, "dagster_meta", None)
        event = meta.get("dagster_event") if isinstance(meta, dict) else None
        error = getattr(getattr(event, "event_specific_data", None), "error", None)
        failure = error
        while failure is not None and failure.cls_name != "Failure":
            failure = failure.cause
        if failure is not None:
            head = record.getMessage().split("\n\n", 1)[0]
            record.msg = f"{head}\n\n{failure.message.strip()}\n"
            record.args = ()
        return True


@dg.logger(
    config_schema={
        "log_level": dg.Field(str, is_required=False, default_value="INFO"),
        "name": dg.Field(str, is_required=False, default_value="dagster"),
    },
    description="Dagster's console logger without the stack traces of deliberate failures "
    "(dg.Failure: the message says what to do); other errors keep theirs.",
)
def warta_console_logger(init_context: dg.InitLoggerContext) -> logging.Logger:
    config = init_context.logger_config
    logger = logging.Logger(config["name"], level=config["log_level"].upper())
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(FORMAT, DATE_FORMAT))
    handler.addFilter(_FailureWithoutStack())
    logger.addHandler(handler)
    return logger
