"""Named entities (PER, ORG, LOC) in Indonesian news text, with canonical names.

The pipeline depends only on this interface:

- ``EntityMention``: one mention in one paragraph (the ``entities`` table row, minus ``article_id``).
- ``extract_entities(paragraphs)``: mentions for one article's paragraphs, in document order,
  non-overlapping, with ``paragraphs[i][start:end] == text`` for every mention.
"""
