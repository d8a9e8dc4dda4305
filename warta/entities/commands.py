"""Entry points for the ``warta`` command line: ``warta eval ner`` and ``warta entities``."""

from __future__ import annotations

import json
import sys
from typing import TextIO

from warta.entities.evaluate import evaluate_file, format_report
from warta.entities.jsonl import BadLineError, annotate_lines


def eval_ner(gold_path: str, as_json: bool = False) -> int:
    """Score the extractor on a gold JSONL file and print the report; exit code 0, or 1 on error."""
    try:
        evaluation = evaluate_file(gold_path)
    except (OSError, ValueError, KeyError) as error:
        print(f"warta eval ner: cannot score {gold_path}: {error}", file=sys.stderr)
        return 1
    if as_json:
        print(json.dumps(evaluation.as_dict(), indent=2))
    else:
        print(format_report(evaluation))
    return 0


def annotate_stream(stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    """Annotate JSONL from ``stdin`` to ``stdout``; a bad line is named on ``stderr``, exit 1."""
    try:
        for line in annotate_lines(stdin):
            stdout.write(line + "\n")
    except BadLineError as error:
        stdout.flush()
        print(f"warta entities: {error}", file=stderr)
        return 1
    return 0
