"""Warta: scraped Indonesian news pages into clean, queryable tables.

The domain core. It imports no Dagster: the same functions serve the Dagster assets,
the ``warta`` command line, the tests and notebooks.
"""

__version__ = "0.1.0"

# Bumped whenever a change to parsing or entity extraction can change table contents;
# recorded in ``articles.parser_version`` so analysts can tell rows of different vintages apart.
# Three numbers, ``YEAR.MONTH.N``, each bump greater than the last when compared number by number
# (``2026.11.9`` < ``2026.11.15``; not as text): ``partition_quality`` orders versions so.
PARSER_VERSION = "2026.11.30.2"
