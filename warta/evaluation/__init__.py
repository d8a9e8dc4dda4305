"""Scored evaluations of Warta's extraction against gold data (pure core, no I/O beyond files)."""
