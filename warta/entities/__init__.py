"""Named entities (PER, ORG, LOC) in Indonesian news text, with canonical names.

The pipeline depends only on this interface:

- ``EntityMention``: one mention in one paragraph (an ``entities`` row without ``article_id``).
- ``extract_entities(paragraphs, language)``: mentions for one article's paragraphs, in
  document order, non-overlapping, with ``paragraphs[i][start:end] == text`` for every mention;
  ``language`` is the article's (``articles.language``, default ``"id"``).
"""

from warta.entities.extract import extract_entities
from warta.entities.mention import EntityMention

__all__ = ["EntityMention", "extract_entities"]
