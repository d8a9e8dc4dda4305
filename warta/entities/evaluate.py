"""Scoring the extractor against gold sentences (``idner-*.jsonl`` format).

Each gold line ``{"id", "text", "entities": [{"start", "end", "label", ...}]}`` is extracted as a
one-paragraph article. A prediction is *exact* when its span and label equal a gold entity's;
*overlap* matching accepts a prediction whose span overlaps a gold entity of the same label (and
counts a gold entity found when such a prediction exists).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from warta.entities.mention import EntityMention
from warta.entities.names import LABELS

Span = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class Score:
    """Precision, recall and F1 from counts."""

    gold: int
    predicted: int
    correct_predicted: int
    correct_gold: int

    @property
    def precision(self) -> float:
        return self.correct_predicted / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            **asdict(self),
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True)
class NerEvaluation:
    """Exact-match scores (micro and per label) and overlap-match micro scores."""

    sentences: int
    micro: Score
    per_label: dict[str, Score]
    overlap: Score

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready form of the scores."""
        return {
            "sentences": self.sentences,
            "exact": {
                "micro": self.micro.as_dict(),
                **{label: score.as_dict() for label, score in self.per_label.items()},
            },
            "overlap": {"micro": self.overlap.as_dict()},
        }


def read_gold(path: str | Path) -> list[tuple[str, list[Span]]]:
    """``(text, [(start, end, label)])`` for every line of a gold JSONL file."""
    gold = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                spans = [(e["start"], e["end"], e["label"]) for e in row["entities"]]
                gold.append((row["text"], spans))
    return gold


def score_spans(pairs: Iterable[tuple[Sequence[Span], Sequence[Span]]]) -> NerEvaluation:
    """Scores of predicted against gold spans, one ``(gold, predicted)`` pair per sentence."""
    counts = {label: [0, 0, 0] for label in LABELS}  # gold, predicted, correct
    overlap = [0, 0, 0, 0]
    sentences = 0
    for gold, predicted in pairs:
        sentences += 1
        gold_set, predicted_set = set(gold), set(predicted)
        for label in LABELS:
            counts[label][0] += sum(1 for span in gold_set if span[2] == label)
            counts[label][1] += sum(1 for span in predicted_set if span[2] == label)
            counts[label][2] += sum(1 for span in predicted_set & gold_set if span[2] == label)
        overlap[0] += len(gold_set)
        overlap[1] += len(predicted_set)
        overlap[2] += sum(1 for p in predicted_set if any(_overlaps(p, g) for g in gold_set))
        overlap[3] += sum(1 for g in gold_set if any(_overlaps(p, g) for p in predicted_set))
    per_label = {label: Score(g, p, c, c) for label, (g, p, c) in counts.items()}
    micro = Score(
        sum(s.gold for s in per_label.values()),
        sum(s.predicted for s in per_label.values()),
        sum(s.correct_predicted for s in per_label.values()),
        sum(s.correct_gold for s in per_label.values()),
    )
    return NerEvaluation(sentences, micro, per_label, Score(*overlap))


def _overlaps(a: Span, b: Span) -> bool:
    return a[2] == b[2] and a[0] < b[1] and b[0] < a[1]


def evaluate_file(
    path: str | Path,
    extract: Callable[[Sequence[str]], list[EntityMention]] | None = None,
) -> NerEvaluation:
    """Scores of ``extract`` (default: ``extract_entities``) on the gold file at ``path``."""
    if extract is None:
        from warta.entities.extract import extract_entities as extract
    gold = read_gold(path)
    return score_spans(
        (spans, [(m.start_char, m.end_char, m.label) for m in extract([text])])
        for text, spans in gold
    )


def format_report(evaluation: NerEvaluation) -> str:
    """A table of precision, recall and F1 for people to read."""
    lines = [
        f"{evaluation.sentences} sentences",
        f"{'':10} {'gold':>6} {'pred':>6} {'P':>7} {'R':>7} {'F1':>7}",
    ]
    rows = [("micro", evaluation.micro), *evaluation.per_label.items()]
    rows.append(("overlap", evaluation.overlap))
    for name, s in rows:
        lines.append(
            f"{name:10} {s.gold:6d} {s.predicted:6d} {s.precision:7.4f} {s.recall:7.4f} {s.f1:7.4f}"
        )
    return "\n".join(lines)
