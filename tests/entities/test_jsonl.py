"""``warta entities`` stream: JSONL in, JSONL out in the same order; bad lines named on stderr."""

from __future__ import annotations

import io
import json

from warta.entities.commands import annotate_stream, eval_ner


def run(text: str) -> tuple[int, list[dict], str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = annotate_stream(io.StringIO(text), stdout, stderr)
    return code, [json.loads(line) for line in stdout.getvalue().splitlines()], stderr.getvalue()


def test_lines_come_back_in_order_with_entities():
    lines = [
        {"id": "b", "text": "Presiden Vladimir Putin tiba di Moskow."},
        {"id": 7, "text": "tidak ada nama di sini"},
        {"id": "a", "text": "Pejabat Korut menolak tuduhan AS."},
    ]
    code, out, err = run("".join(json.dumps(line) + "\n" for line in lines))
    assert code == 0 and err == ""
    assert [row["id"] for row in out] == ["b", 7, "a"]
    assert out[1]["entities"] == []
    putin = out[0]["entities"][0]
    assert putin == {
        "start": 9,
        "end": 23,
        "label": "PER",
        "text": "Vladimir Putin",
        "canonical_name": "Vladimir Putin",
        "entity_key": "PER:vladimir-putin",
        "method": putin["method"],
    }
    assert putin["method"] in {"model", "rule", "gazetteer"}
    korut = {e["text"]: e for e in out[2]["entities"]}["Korut"]
    assert korut["method"] == "gazetteer"  # a curated alias the tagger did not label
    assert {e["entity_key"] for e in out[2]["entities"]} == {
        "LOC:korea-utara",
        "LOC:amerika-serikat",
    }


def test_a_bad_line_is_named_and_stops_the_stream():
    good = json.dumps({"id": 1, "text": "Rusia"})
    code, out, err = run(f"{good}\n{{not json\n{good}\n")
    assert code == 1
    assert len(out) == 1
    assert err.startswith("warta entities: line 2: not valid JSON")
    assert "Traceback" not in err


def test_a_line_without_text_is_named():
    code, _, err = run('{"id": 1, "text": "Rusia"}\n\n{"id": 2}\n')
    assert code == 1
    assert "line 3" in err and '"text"' in err


def test_eval_ner_reports_a_missing_file(tmp_path, capsys):
    assert eval_ner(str(tmp_path / "missing.jsonl")) == 1
    assert "cannot score" in capsys.readouterr().err
