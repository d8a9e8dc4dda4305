"""The quality report of a partition: ``<quality dir>/<partition>/report.html`` (and ``.md``).

Each check step records its findings as a section (``<section>.json``, with the run id and a
fingerprint of the Parquet files it judged); after every record the report is rendered again
from all sections, under a lock, so two steps finishing together both end up in it. The HTML
is self-contained (inline style, no scripts, no external assets): open it in a browser.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import html
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path

from warta.parquet_store import ParquetStore
from warta.quality.model import Finding
from warta.schema import TABLES


@dataclass(frozen=True)
class Section:
    name: str  # "integrity" or "expectations"
    partition: str
    run_id: str
    written_at: str
    parquet_fingerprint: str
    findings: list[Finding]
    # What else the findings depend on (``warta.quality.gate``): the landing files the SQL
    # checks read, and the version of the checks that ran.
    landing_fingerprint: str | None = None
    checks_version: str | None = None


def parquet_fingerprint(store: ParquetStore, partition: str) -> str:
    """A short hash of the partition's five Parquet files (size and mtime): changes on rewrite."""
    digest = hashlib.sha256()
    for table in TABLES:
        path = store.partition_file(table, partition)
        status = os.stat(path) if path.exists() else None
        digest.update(
            f"{table}\0{status and status.st_size}\0{status and status.st_mtime_ns}\n".encode()
        )
    return digest.hexdigest()[:16]


class QualityReport:
    def __init__(self, root: Path, partition: str) -> None:
        self.folder = Path(root).absolute() / partition
        self.partition = partition
        self.html_path = self.folder / "report.html"
        self.markdown_path = self.folder / "report.md"

    def record(
        self,
        section: str,
        findings: list[Finding],
        run_id: str,
        fingerprint: str,
        landing_fingerprint: str | None = None,
        checks_version: str | None = None,
    ) -> None:
        """Store one step's findings and re-render the report from every section present.

        ``fingerprint`` (and ``landing_fingerprint``) describe what the checks read, taken
        before they read it; ``checks_version`` which checks ran."""
        written = Section(
            section, self.partition, run_id, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            fingerprint, findings, landing_fingerprint, checks_version,
        )  # fmt: skip
        payload = {**written.__dict__, "findings": [f.to_json() for f in findings]}
        with self._lock():
            _write_atomic(self.folder / f"{section}.json", json.dumps(payload, indent=1))
            sections = self.sections()
            _write_atomic(self.html_path, render_html(self.partition, sections))
            _write_atomic(
                self.markdown_path, render_markdown(self.partition, sections, self.html_path)
            )

    def sections(self) -> list[Section]:
        """Every recorded section of this partition, by name."""
        known = {item.name for item in fields(Section)}  # keys of other versions are ignored
        found = []
        for path in sorted(self.folder.glob("*.json")):
            data = json.loads(path.read_text("utf-8"))
            data["findings"] = [Finding.from_json(f) for f in data["findings"]]
            found.append(Section(**{key: value for key, value in data.items() if key in known}))
        return found

    def summary_markdown(self) -> str:
        """The markdown summary of the report (verdict and failed checks), or a note if none."""
        if not self.markdown_path.exists():
            return f"_no quality report for {self.partition} yet_"
        return self.markdown_path.read_text("utf-8")

    @contextmanager
    def _lock(self) -> Iterator[None]:
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / ".lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def verdict(findings: list[Finding]) -> str:
    blocking = [f for f in findings if f.blocks]
    warnings = [f for f in findings if not f.passed and not f.blocks]
    if blocking:
        return (
            f"BLOCKED: {len(blocking)} ERROR check(s) failed - the warehouse keeps its previous "
            f"content for this partition ({len(warnings)} WARN)"
        )
    if warnings:
        return f"LOADABLE with {len(warnings)} warning(s): no ERROR check failed"
    return f"PASSED: all {len(findings)} checks passed"


def render_markdown(partition: str, sections: list[Section], html_path: Path) -> str:
    findings = [f for s in sections for f in s.findings]
    failed = sorted((f for f in findings if not f.passed), key=_order)
    lines = [f"**{partition}: {verdict(findings)}**", ""]
    lines += [
        f"- {s.name}: {len(s.findings)} checks, run `{s.run_id}`, {s.written_at}" for s in sections
    ]
    if failed:
        lines += [
            "",
            "| severity | table | check | unexpected rows, or the outcome | % |",
            "|---|---|---|---|---|",
        ]
        lines += [
            f"| {f.severity.value} | {f.table} | `{f.check_name}` | "
            f"{f.summary or _count(f.unexpected_count)} "
            f"| {_percent(f.unexpected_percent)} |"
            for f in failed
        ]
    lines += ["", f"Full report: `{html_path}`"]
    return "\n".join(lines) + "\n"


def render_html(partition: str, sections: list[Section]) -> str:
    findings = sorted((f for s in sections for f in s.findings), key=_order)
    e = html.escape
    state = (
        "blocked"
        if any(f.blocks for f in findings)
        else "warn"
        if any(not f.passed for f in findings)
        else "ok"
    )
    runs = "".join(
        f"<li>{e(s.name)}: {len(s.findings)} checks, run <code>{e(s.run_id)}</code>, "
        f"{e(s.written_at)}, Parquet <code>{e(s.parquet_fingerprint)}</code></li>"
        for s in sections
    )
    tables = "".join(_table_summary_row(table, findings) for table in TABLES)
    rows = "".join(_finding_row(f) for f in findings)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Warta quality - {e(partition)}</title>
<style>
body {{ font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1200px; color: #222; }}
h1 {{ font-size: 1.5em; }} code {{ font-size: 0.95em; overflow-wrap: anywhere; }}
.verdict {{ padding: 0.8em 1em; border-radius: 6px; font-weight: 600; }}
.ok {{ background: #e3f4e6; }} .warn {{ background: #fff4d6; }} .blocked {{ background: #fde2e1; }}
table {{ border-collapse: collapse; width: 100%; margin: 1em 0; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }}
th {{ white-space: nowrap; }} details td {{ overflow-wrap: anywhere; }}
th {{ background: #f4f4f4; }} td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
.badge {{ padding: 1px 6px; border-radius: 4px; font-size: 0.85em; font-weight: 600; }}
.pass {{ background: #e3f4e6; }}
.fail-ERROR {{ background: #f8c9c6; }} .fail-WARN {{ background: #ffe9a8; }}
details table {{ font-size: 0.9em; }}
</style></head><body>
<h1>Warta data quality - partition {e(partition)}</h1>
<p class="verdict {state}">{e(verdict(findings))}</p>
<p>ERROR blocks the warehouse load of this partition; WARN is reported and does not block.</p>
<ul>{runs}</ul>
<h2>By table</h2>
<table><tr><th>table</th><th>checks</th><th>passed</th><th>failed ERROR</th>
<th>failed WARN</th></tr>{tables}</table>
<h2>Every check</h2>
<table><tr><th>result</th><th>severity</th><th>table</th><th>check</th><th>what it means</th>
<th>unexpected rows, or the outcome</th><th>%</th><th>rows checked</th></tr>{rows}</table>
</body></html>
"""


def _table_summary_row(table: str, findings: list[Finding]) -> str:
    mine = [f for f in findings if f.table == table]
    error = sum(1 for f in mine if f.blocks)
    warn = sum(1 for f in mine if not f.passed and not f.blocks)
    passed = sum(1 for f in mine if f.passed)
    return (
        f"<tr><td>{table}</td><td class=num>{len(mine)}</td><td class=num>{passed}</td>"
        f"<td class=num>{error}</td><td class=num>{warn}</td></tr>"
    )


def _finding_row(f: Finding) -> str:
    e = html.escape
    badge = '<span class="badge pass">pass</span>' if f.passed else (
        f'<span class="badge fail-{f.severity.value}">FAIL</span>'
    )  # fmt: skip
    description = e(f.description)
    if f.sample:
        head = "".join(f"<th>{e(c)}</th>" for c in f.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{e(v)}</td>" for v in row) + "</tr>" for row in f.sample
        )
        description += (
            f"<details open><summary>{len(f.sample)} offending row(s)</summary>"
            f"<table><tr>{head}</tr>{body}</table></details>"
        )
    return (
        f"<tr><td>{badge}</td><td>{f.severity.value}</td><td>{e(f.table)}</td>"
        f"<td><code>{e(f.check_name)}</code><br><small>{e(f.kind)}</small></td><td>{description}</td>"
        f"<td class=num>{e(f.summary) if f.summary else _count(f.unexpected_count)}</td>"
        f"<td class=num>{_percent(f.unexpected_percent)}</td>"
        f"<td class=num>{_count(f.checked_rows)}</td></tr>"
    )


def _order(f: Finding) -> tuple:
    rank = 0 if f.blocks else 1 if not f.passed else 2
    return (rank, list(TABLES).index(f.table) if f.table in TABLES else len(TABLES), f.check_name)


def _count(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:.3g}"


def _write_atomic(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, "utf-8")
    os.replace(temporary, path)
