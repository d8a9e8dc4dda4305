"""The extractor on idner-news-2k (MIT, Khairunnisa et al. 2020): accuracy, offsets, training."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHARED
from warta.entities import extract_entities
from warta.entities.evaluate import evaluate_file, read_gold, score_spans
from warta.entities.tagger import MODEL_PATH
from warta.entities.train import learn_heads, train, write_model

NER = SHARED / "corpora" / "ner"


@pytest.fixture(scope="module")
def ner_corpus() -> Path:
    if not (NER / "idner-dev.jsonl").exists():
        pytest.skip("needs ../shared/corpora/ner (not in a user's clone)")
    return NER


def test_dev_accuracy_meets_the_bar(ner_corpus):
    evaluation = evaluate_file(ner_corpus / "idner-dev.jsonl")
    assert evaluation.micro.f1 >= 0.80, evaluation.as_dict()
    for label, score in evaluation.per_label.items():
        assert score.f1 >= 0.70, (label, score.as_dict())
    assert evaluation.overlap.f1 >= evaluation.micro.f1


def test_offsets_and_no_overlap_on_every_dev_sentence(ner_corpus):
    gold = read_gold(ner_corpus / "idner-dev.jsonl")
    paragraphs = [text for text, _ in gold]
    mentions = extract_entities(paragraphs)
    assert len(mentions) > 400
    end_of_previous = {}
    for m in mentions:
        assert paragraphs[m.paragraph_index][m.start_char : m.end_char] == m.text
        assert m.text == m.text.strip() and m.text
        assert m.start_char >= end_of_previous.get(m.paragraph_index, 0)
        end_of_previous[m.paragraph_index] = m.end_char


def test_training_reproduces_the_shipped_model(ner_corpus, tmp_path):
    model = train(ner_corpus / "idner-train.jsonl", ner_corpus / "idner-dev.jsonl", log=None)
    out = tmp_path / "model.json.gz"
    write_model(model, out)
    assert out.read_bytes() == MODEL_PATH.read_bytes()


def test_heads_are_learned_from_the_training_names(ner_corpus):
    heads = learn_heads(read_gold(ner_corpus / "idner-train.jsonl"))
    for word in ("Partai", "Badan", "Dewan", "Kementerian", "Mahkamah", "Majelis"):
        assert heads.get(word) == "ORG", word
    assert heads.get("Jalan") == "LOC"
    assert "Presiden" not in heads  # a title before a person, not the start of a name


def test_scoring_counts_exact_and_overlapping_spans():
    gold = [(0, 5, "PER"), (10, 20, "LOC")]
    predicted = [(0, 5, "PER"), (12, 20, "LOC"), (30, 35, "ORG")]
    evaluation = score_spans([(gold, predicted)])
    assert (evaluation.micro.precision, evaluation.micro.recall) == (1 / 3, 1 / 2)
    assert evaluation.per_label["PER"].f1 == 1.0
    assert evaluation.per_label["LOC"].f1 == 0.0
    assert (evaluation.overlap.precision, evaluation.overlap.recall) == (2 / 3, 1.0)
