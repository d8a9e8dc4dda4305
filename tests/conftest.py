from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = REPO / "data" / "raw" / "2026-11-25" / "000_39c4db6f91142a44.txt"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when a clone has no ../shared beside it."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs ../shared/{'/'.join(parts)} (present in CI, not in a user's clone)")
    return path


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    return SEED.read_bytes()
