"""Parse-stage speed against the floor of merely reading the same bytes as text.

    .venv/bin/python scripts/bench_parse.py [--articles 1000] [--days 5] [--repeat 5]
                                            [--shared ../shared] [--profile 25]
                                            [--components]

Generates a corpus with ``warta.corpus.generate_corpus`` (the seed's theme, generic text pages
with chrome, HTML pages, a few bad files) plus the shared evaluation pages when present, holds
every file's bytes in memory and times, on one CPU, per file:

- floor: ``decode_bytes`` + ``str.splitlines`` on the bytes in memory — what any parser must
  at least do; read floor: the same after reading each file from disk (page cache warm), the
  "read + decode + split into lines" floor of the performance target;
- parse: ``decode_bytes`` + ``parse_page`` without language identification;
- parse+lang: the same with the fastText language check, as ``warta.ingest`` runs it.

Each pass runs ``--repeat`` times and the fastest is reported (CPU time and wall clock), split
by text and HTML files; the ratios are parse+lang CPU over each floor's CPU. ``--profile N`` adds a
cProfile of one parse+lang pass (top N functions by own time). ``--components`` also times,
over all files, the library calls a parse written in Python cannot do without: the ledger's
SHA-256 and one fastText prediction per page on the language sample (any parse needs them),
building the lxml tree of each HTML page (no Python walk) and splitting the decoded text into
words (C code already, the cheapest way to do either from Python); each as a multiple of the
read floor. Load is printed with the figures: on a shared machine, compare runs made at
similar load.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import os
import pstats
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from warta.corpus import generate_corpus
from warta.decoding import Rejection, decode_bytes
from warta.machine import cpu_model, load
from warta.parsing import parse_page

_INGEST_DATE = date(2026, 11, 25)
Corpus = list[tuple[str, bytes]]


def _corpus(articles: int, days: int, shared: Path) -> Corpus:
    files = list(generate_corpus(articles, days))
    pages = shared / "corpora" / "pages"
    for folder in ("text", "html"):
        if (pages / folder).is_dir():
            files += [(str(path), path.read_bytes()) for path in sorted((pages / folder).iterdir())]
    return files


def _floor(files: Corpus) -> None:
    for _, data in files:
        decoded = decode_bytes(data)
        if not isinstance(decoded, Rejection):
            decoded.text.splitlines()


def _read_floor(folder: Path) -> Callable[[Corpus], None]:
    def run(files: Corpus) -> None:
        for name, _ in files:
            decoded = decode_bytes((folder / name).read_bytes())
            if not isinstance(decoded, Rejection):
                decoded.text.splitlines()

    return run


def _on_disk(files: Corpus, folder: Path) -> None:
    for index, (_, data) in enumerate(files):
        (folder / str(index)).write_bytes(data)


def _parser(identify_language: bool) -> Callable[[Corpus], None]:
    def run(files: Corpus) -> None:
        for name, data in files:
            decoded = decode_bytes(data)
            if not isinstance(decoded, Rejection):
                parse_page(
                    decoded.text,
                    ingest_date=_INGEST_DATE,
                    source_name=name,
                    repaired_mojibake=decoded.repaired_mojibake,
                    invalid_bytes=decoded.invalid_bytes,
                    identify_language=identify_language,
                )

    return run


def _components(files: Corpus) -> dict[str, Callable[[Corpus], None]]:
    """Library calls a Python parse cannot avoid, each alone over ``files`` (see the docstring)."""
    from lxml import etree

    from warta.html import looks_like_html
    from warta.language import _model, language_sample

    decoded = [(name, decode_bytes(data)) for name, data in files]
    texts = [(name, d.text) for name, d in decoded if not isinstance(d, Rejection)]
    pages = [text.encode() for name, text in texts if looks_like_html(text, name)]
    samples = [language_sample(text) for _, text in texts]
    model, html_parser = _model(), etree.HTMLParser()

    def sha256(files: Corpus) -> None:
        for _, data in files:
            hashlib.sha256(data).hexdigest()

    def lxml_tree(_: Corpus) -> None:
        for page in pages:
            etree.fromstring(page, html_parser)

    def fasttext(_: Corpus) -> None:
        for sample in samples:
            if sample:
                model.predict(sample, k=2)

    def word_count(_: Corpus) -> None:
        for _, text in texts:
            len(text.split())

    return {"sha256": sha256, "lxml tree": lxml_tree, "fastText": fasttext, "words": word_count}


def _fastest(
    runs: dict[str, Callable[[Corpus], None]], files: Corpus, repeat: int
) -> dict[str, tuple[float, float]]:
    """(CPU ms, wall ms) per file of the fastest of ``repeat`` passes of each run; the runs
    take turns, so that a change in the machine's load falls on all of them alike."""
    best = {name: (float("inf"), float("inf")) for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            wall, cpu = time.perf_counter(), time.process_time()
            run(files)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            best[name] = (min(best[name][0], cpu), min(best[name][1], wall))
    return {
        name: (cpu * 1000 / len(files), wall * 1000 / len(files))
        for name, (cpu, wall) in best.items()
    }


def _print_components(
    parts: dict[str, tuple[float, float]], times: dict[str, tuple[float, float]]
) -> None:
    read = times["read"][0]
    cells = ", ".join(f"{name} {cpu:.3f} ({cpu / read:.1f}x)" for name, (cpu, _) in parts.items())
    total = sum(cpu for cpu, _ in parts.values())
    left = 3 * read - read - total  # the target's budget less the read floor and the libraries
    print(f"      library calls a Python parse cannot avoid, ms per file (x read floor): {cells}")
    print(f"      together {total:.3f} ms, {total / read:.1f}x the read floor; 3x the read floor "
          f"leaves {left * 1000:.0f} us a file for the parse's own logic")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--days", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--shared", type=Path, default=Path(__file__).parents[1].parent / "shared")
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    parser.add_argument("--components", action="store_true")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    files = _corpus(args.articles, args.days, args.shared)
    sets = {
        "text": [f for f in files if not f[0].endswith((".html", ".htm"))],
        "html": [f for f in files if f[0].endswith((".html", ".htm"))],
        "all": files,
    }
    mean_kb = sum(len(data) for _, data in files) / len(files) / 1024
    _parser(True)(files[:50])  # load the language model and build the patterns once
    print(f"cpu: {cpu_model()}, {os.cpu_count()} cores, pinned to one; load {load()}")
    print(f"files: {len(files)} (text {len(sets['text'])}, html {len(sets['html'])}),")
    print(f"mean {mean_kb:.1f} KB; fastest of {args.repeat} passes; ms per file, CPU (wall)")
    print(f"{'set':<5} {'floor':>14} {'read floor':>14} {'parse':>14} {'parse+lang':>14} ratios")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        _on_disk(files, folder)
        numbered = [(str(index), data) for index, (_, data) in enumerate(files)]
        names = {name: number for (name, _), (number, _) in zip(files, numbered, strict=True)}
        for name, subset in sets.items():
            if not subset:
                continue
            stored = [(names[n], d) for n, d in subset]
            runs = {
                "floor": _floor,
                "read": lambda _, stored=stored: _read_floor(folder)(stored),
                "parse": _parser(False),
                "full": _parser(True),
            }
            times = _fastest(runs, subset, args.repeat)
            cells = " ".join(f"{cpu:7.3f} ({wall:.3f})" for cpu, wall in times.values())
            full = times["full"][0]
            ratios = f"{full / times['floor'][0]:5.1f}x {full / times['read'][0]:5.1f}x"
            print(f"{name:<5} {cells} {ratios}")
            if name == "all" and args.components:
                _print_components(_fastest(_components(subset), subset, args.repeat), times)
    print(f"load after: {load()}")
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(_parser(True), files)
        pstats.Stats(profile).sort_stats("tottime").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
