"""What went wrong in a run, in one line each: shared by ``warta run``'s summary and the
failure alert (``pipelines/alerts.py``)."""

from collections.abc import Iterable

import dagster as dg


def failed_checks(evaluations: Iterable[dg.AssetCheckEvaluation]) -> tuple[list[str], list[str]]:
    """The checks that failed, as ``asset:check``: (ERROR ones, which block the load; WARN
    ones, reported beside it)."""
    failed, warned = [], []
    for evaluation in evaluations:
        if not evaluation.passed:
            name = f"{evaluation.asset_key.to_user_string()}:{evaluation.check_name}"
            blocking = evaluation.severity == dg.AssetCheckSeverity.ERROR
            (failed if blocking else warned).append(name)
    return failed, warned


def step_failures(events: Iterable[dg.DagsterEvent]) -> list[str]:
    """``step: reason`` for each failed step: the message of a deliberate ``dg.Failure``, else
    the step's own exception (``Class: message``), not Dagster's wrapper around it. A check
    step failed by its blocking checks is left out: ``failed_checks`` names them."""
    lines = []
    for event in events:
        data = event.step_failure_data
        if data.user_failure_data is not None and data.user_failure_data.description:
            lines.append(f"{event.step_key}: {data.user_failure_data.description}")
        elif data.error is not None:
            error = data.error
            while error.cause is not None and (
                error.cls_name.startswith("Dagster") or error.cls_name == "RetryRequestedFromPolicy"
            ):
                error = error.cause
            if error.cls_name == "DagsterAssetCheckFailedError":
                continue
            message = error.message.strip()  # Dagster's starts with the class: `ValueError: …`
            if not message.partition(":")[0].endswith(error.cls_name):
                message = f"{error.cls_name}: {message}"
            lines.append(f"{event.step_key}: {message}")
    return lines
