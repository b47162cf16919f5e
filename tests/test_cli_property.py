"""The command line driven with random arguments: it answers 0 or 2, never a traceback, and when
it says 2 the book is byte-for-byte as it was."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import shutil

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from core.cli import run

TODAY = "2026-11-24"
WORDS = st.sampled_from(["1", "2", "0", "-1", "999", str(2**63), "1e309", "1,000", "1.000", "42.50", "", " ",
                         "2026-02-31", "9999-12-31", "2026-11-01", "purchase", "inquiry", "referral_received",
                         "client", "yes", "needs", "Zoë", "Eve\n  9  Fake", "\x1b[2J", "\udcff", "--out",
                         "/", ".", "book.rapport", "../x.pdf", "--amount", "--date", "--referred", "--tier"])
COMMANDS = st.sampled_from(["add", "log", "list", "show", "tiers", "plan", "checklist", "moves", "backup",
                            "export", "merge", "sources", "import", "about", "forget", "backups", "nonsense"])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def call(book: Path, argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        code = run(["--book", str(book), "--today", TODAY, *argv], out=out, err=err)
    except SystemExit as leaving:  # argparse's own errors: one line and status 2
        code = leaving.code  # type: ignore[assignment]
    return code, err.getvalue()


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A small book brought up to date once; each example works on a fresh copy of it."""
    book = tmp_path_factory.mktemp("template") / "book.rapport"
    for setup in (["add", "Ana"], ["add", "Bo"], ["log", "1", "purchase", "--amount", "10"], ["tiers"]):
        assert call(book, setup)[0] == 0
    return book


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=COMMANDS, words=st.lists(WORDS, min_size=1, max_size=4))
@example(command="show", words=[str(2**63)])
@example(command="log", words=["1", "referral_received", "--referred", str(2**64)])
@example(command="checklist", words=["--week", "9999-12-31"])
@example(command="add", words=["\udcff"])
@example(command="checklist", words=["--out", "book.rapport"])
@example(command="log", words=["1", "purchase", "--amount", "1e309"])
def test_random_arguments_exit_0_or_2_and_2_changes_nothing(template: Path, tmp_path_factory, command: str,
                                                            words: list[str]) -> None:
    folder = tmp_path_factory.mktemp("cli") / "work"
    folder.mkdir()
    book = folder / "book.rapport"
    shutil.copyfile(template, book)
    before = digest(book)
    here = os.getcwd()
    os.chdir(folder)  # relative --out paths ("../x.pdf") land in the example's own folder
    try:
        code, err = call(book, [command, *words])
    finally:
        os.chdir(here)
    assert code in (0, 2), err
    assert "Traceback" not in err
    if code == 2:
        assert digest(book) == before, f"{command} {words}: exit 2 but the book changed"
