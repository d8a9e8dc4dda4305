"""Entity extraction speed on one core, with dev accuracy alongside.

    .venv/bin/python scripts/bench_ner.py [--words 3000000] [--shared ../shared]

Pins itself to one CPU, extracts the idner-news-2k train + dev sentences (each sentence one
paragraph, grouped into 20-paragraph articles) repeated until ``--words`` words, and prints words
per second for the first pass over the distinct text (cold caches), for the whole run (wall clock
and CPU time) and for the fastest round (CPU time, the figure least disturbed by other jobs on a
shared machine), the load average, then dev F1. Caches per word type and per name spelling
(tagger score vectors, gazetteer look-ups, name keys) carry over between rounds, as they do in a
worker process; no tagging result of a sentence or of a run of words is cached.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from pathlib import Path

from warta.entities import extract_entities
from warta.entities.evaluate import evaluate_file, read_gold
from warta.machine import cpu_model

_ARTICLE_PARAGRAPHS = 20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=3_000_000)
    parser.add_argument("--shared", type=Path, default=Path(__file__).parents[1].parent / "shared")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    ner = args.shared / "corpora" / "ner"
    texts = [
        text
        for name in ("idner-train.jsonl", "idner-dev.jsonl")
        for text, _ in read_gold(ner / name)
    ]
    articles = [
        texts[i : i + _ARTICLE_PARAGRAPHS] for i in range(0, len(texts), _ARTICLE_PARAGRAPHS)
    ]
    distinct_words = sum(len(t.split()) for t in texts)

    started = time.perf_counter()
    for article in articles:
        extract_entities(article)
    cold = time.perf_counter() - started  # includes loading the model and the gazetteer

    rounds = max(1, args.words // distinct_words)
    load_before = os.getloadavg()[0]
    started, cpu_started = time.perf_counter(), time.process_time()
    fastest = float("inf")
    for _ in range(rounds):
        round_started = time.process_time()
        for article in articles:
            extract_entities(article)
        fastest = min(fastest, time.process_time() - round_started)
    warm = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    load_after = os.getloadavg()[0]

    evaluation = evaluate_file(ner / "idner-dev.jsonl")
    print(f"machine: {cpu_model()}, nproc {os.cpu_count()}, Python {platform.python_version()}")
    rate = distinct_words / cold
    print(f"first pass: {distinct_words:,} words in {cold:.2f} s = {rate:,.0f} words/s (cold)")
    total = rounds * distinct_words
    print(f"repeated: {total:,} words in {warm:.2f} s wall = {total / warm:,.0f} words/s/core")
    print(f"          {cpu:.2f} s CPU = {total / cpu:,.0f} words per CPU-second")
    print(f"fastest round: {distinct_words / fastest:,.0f} words per CPU-second")
    print(f"load average (1 min): {load_before:.2f} before, {load_after:.2f} after")
    per_label = ", ".join(f"{k} {v.f1:.4f}" for k, v in evaluation.per_label.items())
    print(f"dev exact micro F1 {evaluation.micro.f1:.4f} ({per_label})")
    print(f"dev overlap micro F1 {evaluation.overlap.f1:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
