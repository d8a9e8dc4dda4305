"""Extraction quality on saved news pages, scored against a gold JSONL.

Per page and in aggregate: title exact match (case- and whitespace-normalised), publication
date (same calendar day in Asia/Jakarta), author (where the gold has one), site (where the gold
has one; case, a ``.com`` ending and punctuation aside: ``detik.com`` is ``Detik``), body token
F1 (bag of
lowercase word tokens of the dateline and paragraphs against the gold body, as in
article-extraction benchmarks) and marker leakage (paragraphs that are ad or boilerplate lines).
Text dumps (gold ``file``) and saved HTML (gold ``html``) are scored separately.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from contextlib import nullcontext
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TextIO

from warta.article import ParsedArticle
from warta.ingest import process_bytes
from warta.layouts import generic_only
from warta.text import normalize_text

JAKARTA = timezone(timedelta(hours=7))
FORMATS = {"text": "file", "html": "html"}
# Lines that must never be a paragraph. Kept apart from ``warta.markers`` on purpose: the
# evaluation should not grade the extractor with the extractor's own rules.
_BOILERPLATE = re.compile(
    r"(?:advertisement|iklan|ads|scroll (?:to|untuk) \w+(?: \w+)*|lanjutkan membaca|"
    r"continue reading|baca (?:juga|selengkapnya)\b.*|simak (?:juga )?video\b.*|"
    r"lihat juga\b.*|\[gambas:.*|copyright\b.*|©.*|(?:share|tweet|bagikan)\b.*|"
    r"(?:editor|penulis|pewarta|reporter)\s*:.*|berita terkait|terpopuler|komentar)[.!]?",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class PageScore:
    """How one page was extracted, compared with its gold record."""

    page: str
    layout: str | None
    rejected: str | None
    title_ok: bool
    date_ok: bool
    author_ok: bool | None  # None when the gold has no author
    site_ok: bool | None  # None when the gold has no site
    body_f1: float | None  # None when the gold has no body
    leaked: int
    title: str | None
    gold_title: str


def tokens(text: str) -> Counter[str]:
    """Bag of lowercase word tokens."""
    return Counter(_WORD.findall(text.lower()))


def token_f1(predicted: str, gold: str) -> float:
    """F1 of the bags of word tokens of ``predicted`` against ``gold``."""
    got, want = tokens(predicted), tokens(gold)
    overlap = sum((got & want).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(got.values()), overlap / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def _same_text(a: str | None, b: str | None) -> bool:
    return (
        a is not None
        and b is not None
        and normalize_text(a).casefold() == normalize_text(b).casefold()
    )


def _site_key(site: str) -> str:
    site = re.sub(r"\.(?:com|co\.id|id|net)$", "", site.strip().casefold())
    return re.sub(r"\W+", "", site)


def _same_site(site: str | None, gold: str) -> bool:
    return site is not None and _site_key(site) == _site_key(gold)


def _jakarta_day(value: datetime) -> date:
    return value.astimezone(JAKARTA).date()


def score_page(name: str, outcome: ParsedArticle | str, gold: dict) -> PageScore:
    """Score one parse outcome (an article or a rejection reason) against its gold record."""
    gold_author, gold_body, gold_site = (
        gold.get("author"),
        gold.get("body") or None,
        gold.get("site"),
    )
    if isinstance(outcome, str):
        return PageScore(
            name, None, outcome, False, False, False if gold_author else None,
            False if gold_site else None, 0.0 if gold_body else None, 0, None, gold["title"],
        )  # fmt: skip
    article = outcome
    gold_day = _jakarta_day(datetime.fromisoformat(gold["published_at"]))
    text = "\n".join([article.dateline or "", article.body])
    return PageScore(
        page=name,
        layout=article.layout,
        rejected=None,
        title_ok=_same_text(article.title, gold["title"]),
        date_ok=article.published_at is not None and _jakarta_day(article.published_at) == gold_day,
        author_ok=_same_text(article.author, gold_author) if gold_author else None,
        site_ok=_same_site(article.site, gold_site) if gold_site else None,
        body_f1=round(token_f1(text, gold_body), 4) if gold_body else None,
        leaked=sum(1 for p in article.paragraphs if _BOILERPLATE.fullmatch(p.text)),
        title=article.title,
        gold_title=gold["title"],
    )


def parse_file(path: Path, ingest_date: date) -> ParsedArticle | str:
    """Process one saved page as the pipeline does; a string is the rejection reason."""
    record, article, _ = process_bytes(path.read_bytes(), path.name, ingest_date)
    return article if article is not None else record.reject_reason or record.status


def _locate(pages_dir: Path, kind: str, name: str) -> Path | None:
    for candidate in (pages_dir / kind / name, pages_dir / name):
        if candidate.is_file():
            return candidate
    return None


def summarise(scores: list[PageScore]) -> dict:
    """Aggregate counts and means over a list of page scores."""
    authors = [s.author_ok for s in scores if s.author_ok is not None]
    sites = [s.site_ok for s in scores if s.site_ok is not None]
    bodies = [s.body_f1 for s in scores if s.body_f1 is not None]
    return {
        "pages": len(scores),
        "rejected": sum(1 for s in scores if s.rejected),
        "titles": sum(s.title_ok for s in scores),
        "dates": sum(s.date_ok for s in scores),
        "authors": sum(authors),
        "authors_gold": len(authors),
        "sites": sum(sites),
        "sites_gold": len(sites),
        "mean_body_f1": round(sum(bodies) / len(bodies), 4) if bodies else None,
        "bodies_gold": len(bodies),
        "leaked_paragraphs": sum(s.leaked for s in scores),
    }


def evaluate(
    pages_dir: str | Path,
    gold_path: str | Path,
    ingest_date: date | None = None,
    generic: bool = False,
) -> dict:
    """Scores per format (``text``, ``html``): ``{"pages": [PageScore...], "summary": {...}}``.

    Pages named in the gold but missing from ``pages_dir`` are skipped; ``ingest_date``
    (default today) anchors relative dates; ``generic`` parses every page with the generic
    extractor, the named layouts set aside.
    """
    pages_dir, ingest_date = Path(pages_dir), ingest_date or date.today()
    records = [json.loads(line) for line in Path(gold_path).read_text("utf-8").splitlines() if line]
    result = {}
    with generic_only() if generic else nullcontext():
        for kind, key in FORMATS.items():
            scores = []
            for record in records:
                name = record.get(key)
                path = _locate(pages_dir, kind, name) if name else None
                if path is not None:
                    scores.append(score_page(name, parse_file(path, ingest_date), record))
            result[kind] = {"pages": scores, "summary": summarise(scores)}
    return result


def format_report(result: dict) -> str:
    """A plain-text table per format, then the aggregate line."""
    lines = []
    for kind, part in result.items():
        lines.append(f"== {kind}")
        lines.append(f"{'page':28} {'layout':8} title date author site  F1    leak")
        for s in part["pages"]:
            author = "-" if s.author_ok is None else ("ok" if s.author_ok else "MISS")
            site = "-" if s.site_ok is None else ("ok" if s.site_ok else "MISS")
            f1 = "-" if s.body_f1 is None else f"{s.body_f1:.3f}"
            lines.append(
                f"{s.page:28} {s.layout or 'REJECT':8} {'ok' if s.title_ok else 'MISS':5} "
                f"{'ok' if s.date_ok else 'MISS':4} {author:6} {site:5} {f1:5} {s.leaked}"
            )
            if not s.title_ok:
                lines.append(f"{'':30}got  {s.title or s.rejected!r}\n{'':30}gold {s.gold_title}")
        m = part["summary"]
        lines.append(
            f"titles {m['titles']}/{m['pages']}  dates {m['dates']}/{m['pages']}  "
            f"authors {m['authors']}/{m['authors_gold']}  sites {m['sites']}/{m['sites_gold']}  "
            f"mean body F1 {m['mean_body_f1']} "
            f"(over {m['bodies_gold']})  leaked paragraphs {m['leaked_paragraphs']}  "
            f"rejected {m['rejected']}"
        )
    return "\n".join(lines)


def run(
    pages_dir: str,
    gold_path: str,
    as_json: bool = False,
    stdout: TextIO | None = None,
    generic: bool = False,
) -> int:
    """Evaluate and print the report (text or JSON) to ``stdout``; returns exit code 0."""
    out = stdout or sys.stdout
    result = evaluate(pages_dir, gold_path, generic=generic)
    if as_json:
        payload = {
            kind: {"summary": part["summary"], "pages": [asdict(s) for s in part["pages"]]}
            for kind, part in result.items()
        }
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(format_report(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(
        run(
            sys.argv[1],
            sys.argv[2],
            as_json="--json" in sys.argv,
            generic="--generic-only" in sys.argv,
        )
    )
