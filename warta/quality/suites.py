"""The Great Expectations suites, one per table: read this file to know what GX checks.

Each entry is ``expect(name, severity, GX expectation class name, **arguments)``. ``name`` is
stable: the Dagster check is ``gx_<name>`` on the table's asset. Severity ERROR blocks the
warehouse load of the partition; WARN is reported only. Declared as data, so Dagster can list
the checks without importing ``great_expectations`` (seconds to import).

Arguments may be placeholders resolved when a suite runs: ``RunTime`` (``published_at`` must
not lie in the future of the run) and ``ParserMarkerKinds`` (the kinds the parser's marker
rules and named layouts can emit).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from warta.dates import EARLIEST_PUBLISHED, PUBLISHED_SLACK
from warta.quality.model import ERROR, WARN, Severity
from warta.schema import ENTITY_LABELS, STATUSES, ZONES

ARTICLE_ID_REGEX = r"^[0-9a-f]{16}$"
SHA256_REGEX = r"^[0-9a-f]{64}$"
TITLE_MAX_CHARS = 300
PARAGRAPH_MAX_CHARS = 5_000
ENTITY_METHODS = ("gazetteer", "rule", "model")


@dataclass(frozen=True)
class RunTime:
    """A value fixed when the suite runs: the run's time plus ``offset``."""

    offset: dt.timedelta

    def at(self, now: dt.datetime) -> dt.datetime:
        return now + self.offset


@dataclass(frozen=True)
class Expectation:
    name: str  # stable; the Dagster check is gx_<name>
    severity: Severity
    gx_type: str  # a class in great_expectations.expectations
    kwargs: dict[str, Any] = field(default_factory=dict)

    @property
    def check_name(self) -> str:
        return f"gx_{self.name}"

    @property
    def column(self) -> str | None:
        return self.kwargs.get("column")

    def describe(self) -> str:
        """What is expected, in words and as the GX call: ``status is one of [...] —
        ExpectColumnValuesToBeInSet(status, value_set=[...])``."""
        args = [str(v) for k, v in self.kwargs.items() if k == "column"]
        args += [f"{k}={_show(v)}" for k, v in self.kwargs.items() if k != "column"]
        call = f"{self.gx_type}({', '.join(args)})"
        words = self._in_words()
        return f"{words} — {call}" if words else call

    def _in_words(self) -> str | None:
        column, low, high = self.column, self.kwargs.get("min_value"), self.kwargs.get("max_value")
        if self.gx_type == NOT_NULL:
            return f"{column} is never null"
        if self.gx_type == UNIQUE:
            return f"{column} is unique in the partition"
        if self.gx_type == IN_SET:
            return f"{column} is one of {_show(self.kwargs.get('value_set'))}"
        if self.gx_type == MATCHES:
            return f"{column} matches {self.kwargs.get('regex')}"
        what = "the length of " + str(column) if self.gx_type == LENGTH_BETWEEN else column
        if self.gx_type in (BETWEEN, LENGTH_BETWEEN):
            if low is not None and high is not None:
                return f"{what} is between {_show(low)} and {_show(high)}"
            if low is not None:
                return f"{what} is at least {_show(low)}"
            if high is not None:
                return f"{what} is at most {_show(high)}"
        return None


@dataclass(frozen=True)
class ParserMarkerKinds:
    """The value set of marker kinds, read from the parser's rules when the suite runs."""


def expect(name: str, severity: Severity, gx_type: str, column: str, **kwargs: Any) -> Expectation:
    """One entry of a suite: ``gx_type`` on ``column`` with the GX arguments ``kwargs``."""
    return Expectation(name, severity, gx_type, {"column": column, **kwargs})


# The GX expectation classes the suites use (great_expectations.expectations.<name>).
NOT_NULL = "ExpectColumnValuesToNotBeNull"
UNIQUE = "ExpectColumnValuesToBeUnique"
IN_SET = "ExpectColumnValuesToBeInSet"
BETWEEN = "ExpectColumnValuesToBeBetween"
MATCHES = "ExpectColumnValuesToMatchRegex"
LENGTH_BETWEEN = "ExpectColumnValueLengthsToBeBetween"

# The parser's plausibility bounds (``warta.dates``): the suite holds the tables to them. 14 h is
# the largest time-zone lead over UTC, so a page dated "today" anywhere is not in the future.
NOT_IN_FUTURE = RunTime(PUBLISHED_SLACK)
MARKER_KINDS = ParserMarkerKinds()

SUITES: dict[str, tuple[Expectation, ...]] = {
    "raw_files": (
        expect("source_path_not_null", ERROR, NOT_NULL, "source_path"),
        expect("source_path_unique", ERROR, UNIQUE, "source_path"),
        expect("status_in_set", ERROR, IN_SET, "status", value_set=list(STATUSES)),
        expect("size_bytes_not_negative", ERROR, BETWEEN, "size_bytes", min_value=0),
        expect("sha256_format", ERROR, MATCHES, "sha256", regex=SHA256_REGEX),
        expect("article_id_format", ERROR, MATCHES, "article_id", regex=ARTICLE_ID_REGEX),
    ),
    "articles": (
        expect("article_id_not_null", ERROR, NOT_NULL, "article_id"),
        expect("article_id_unique", ERROR, UNIQUE, "article_id"),
        expect("article_id_format", ERROR, MATCHES, "article_id", regex=ARTICLE_ID_REGEX),
        expect("content_sha256_format", ERROR, MATCHES, "content_sha256", regex=SHA256_REGEX),
        expect("title_not_null", ERROR, NOT_NULL, "title"),
        expect("title_not_empty", ERROR, LENGTH_BETWEEN, "title", min_value=1),
        expect("title_not_too_long", WARN, LENGTH_BETWEEN, "title", max_value=TITLE_MAX_CHARS),
        expect(
            "published_at_in_range",
            ERROR,
            BETWEEN,
            "published_at",
            min_value=EARLIEST_PUBLISHED,
            max_value=NOT_IN_FUTURE,
        ),
        expect("paragraph_count_positive", ERROR, BETWEEN, "paragraph_count", min_value=1),
        expect("word_count_positive", ERROR, BETWEEN, "word_count", min_value=1),
        expect("char_count_positive", ERROR, BETWEEN, "char_count", min_value=1),
        expect("ad_marker_count_not_negative", ERROR, BETWEEN, "ad_marker_count", min_value=0),
        expect("entity_count_not_negative", ERROR, BETWEEN, "entity_count", min_value=0),
        expect("layout_not_null", ERROR, NOT_NULL, "layout"),
        expect("parser_version_not_null", ERROR, NOT_NULL, "parser_version"),
        expect("language_format", WARN, MATCHES, "language", regex=r"^[a-z]{2}$"),
    ),
    "paragraphs": (
        expect("article_id_format", ERROR, MATCHES, "article_id", regex=ARTICLE_ID_REGEX),
        expect("paragraph_index_not_negative", ERROR, BETWEEN, "paragraph_index", min_value=0),
        expect("text_not_null", ERROR, NOT_NULL, "text"),
        expect("text_not_too_long", WARN, LENGTH_BETWEEN, "text", max_value=PARAGRAPH_MAX_CHARS),
        expect("char_count_positive", ERROR, BETWEEN, "char_count", min_value=1),
        expect("word_count_positive", ERROR, BETWEEN, "word_count", min_value=1),
        expect("source_line_positive", ERROR, BETWEEN, "source_line", min_value=1),
    ),
    "entities": (
        expect("label_in_set", ERROR, IN_SET, "label", value_set=list(ENTITY_LABELS)),
        expect("start_char_not_negative", ERROR, BETWEEN, "start_char", min_value=0),
        expect("text_not_null", ERROR, NOT_NULL, "text"),
        expect("canonical_name_not_null", ERROR, NOT_NULL, "canonical_name"),
        expect("entity_key_format", ERROR, MATCHES, "entity_key", regex=r"^(?:PER|ORG|LOC):\S+$"),
        expect("method_in_set", WARN, IN_SET, "method", value_set=list(ENTITY_METHODS)),
    ),
    "ad_markers": (
        expect("marker_index_not_negative", ERROR, BETWEEN, "marker_index", min_value=0),
        expect("text_not_null", ERROR, NOT_NULL, "text"),
        expect("zone_in_set", ERROR, IN_SET, "zone", value_set=list(ZONES)),
        expect("kind_in_set", WARN, IN_SET, "kind", value_set=MARKER_KINDS),
        expect(
            "after_paragraph_index_at_least_minus_one",
            ERROR,
            BETWEEN,
            "after_paragraph_index",
            min_value=-1,
        ),
        expect("source_line_positive", ERROR, BETWEEN, "source_line", min_value=1),
    ),
}


def marker_kinds() -> list[str]:
    """Every marker kind the parser can emit: default rules plus the named layouts' extras."""
    from warta.layouts import named_layouts
    from warta.markers import MarkerRules

    kinds = set(MarkerRules.build().kinds)
    for layout in named_layouts():
        kinds.update(layout.markers.kinds)
    return sorted(kinds)


def resolved_kwargs(expectation: Expectation, now: dt.datetime) -> dict[str, Any]:
    """The expectation's arguments with run-time placeholders replaced by values."""
    resolved: dict[str, Any] = {}
    for key, value in expectation.kwargs.items():
        if isinstance(value, RunTime):
            value = value.at(now)
        elif isinstance(value, ParserMarkerKinds):
            value = marker_kinds()
        resolved[key] = value
    return resolved


def _show(value: Any) -> str:
    if isinstance(value, RunTime):
        return f"run time + {value.offset}"
    if isinstance(value, ParserMarkerKinds):
        return "<marker kinds of the parser>"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return repr(value)
