"""Fixtures every test area may use. Area-specific helpers live in tests/<area>_helpers.py."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
# The evaluation set lives beside the repo (CI has ../shared); it is read, never copied.
DEV_DIR = ROOT.parent / "shared" / "eval" / "dev"


@pytest.fixture
def dev_dir() -> Path:
    if not DEV_DIR.is_dir():
        pytest.skip("../shared/eval/dev is not beside the repo")
    return DEV_DIR


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
