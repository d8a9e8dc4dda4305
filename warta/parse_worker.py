"""Preloaded by the parse pool's fork server (``warta.partition``).

Worker processes fork from a server that has imported the parser and loaded its models, instead
of every worker of every pool importing and loading them again (about a CPU-second each).
"""

import warnings

from warta.ingest import warm_up

# The fork server ignores only ImportError from a preloaded module; anything else would stop
# it and fail the parse. Without the warm-up, workers load what they need on first use.
try:
    warm_up()
except Exception as error:
    warnings.warn(f"parse worker warm-up failed ({error!r}); workers load lazily", stacklevel=1)
