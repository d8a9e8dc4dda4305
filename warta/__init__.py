"""Warta: scraped Indonesian news pages into clean, queryable tables.

The domain core. It imports no Dagster: the same functions serve the Dagster assets,
the ``warta`` command line, the tests and notebooks.
"""

__version__ = "0.1.0"

# Bumped whenever a change to parsing or entity extraction can change table contents;
# recorded in ``articles.parser_version`` so analysts can tell rows of different vintages apart.
# Always the date of the change, ``YYYY.MM.DD``: compared as text, the least version is the oldest
# (``partition_quality.parser_version``).
PARSER_VERSION = "2026.11.17"
