"""Nothing written over what matters: a PDF or export never lands on the book, its side files,
its backups, or any database; and a failed write leaves no empty file."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from core.errors import ValidationError
from core.outputs import checked_output, write_atomically
from core.store import Book
from tests.test_cli import rapport


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    path = tmp_path / "book.rapport"
    with Book.open(path) as book:
        book.contacts.add("Ana")
        book.interactions.log(1, "inquiry")
        book.backup()
    return path


def test_checklist_and_plan_out_refuse_the_book_and_its_files(shop: Path, tmp_path: Path, monkeypatch) -> None:
    [backup] = (tmp_path / "book.rapport.backups").iterdir()  # one file: no side files, no leftovers
    monkeypatch.chdir(tmp_path)
    for out in (str(shop), "book.rapport", str(shop) + "-wal", str(backup)):
        for command in (["checklist", "--out", out], ["plan", "1", "--out", out],
                        ["export", "--format", "csv", "--out", out]):
            code, _, err = rapport(shop, *command)
            assert code == 2, (command, err)
            assert err.startswith("rapport: --out: that is"), err
    assert digest(backup).startswith("") and backup.read_bytes()[:16] == b"SQLite format 3\x00"
    with Book.open(shop) as book:  # still the book, not a PDF
        assert [c.name for c in book.contacts.in_view()] == ["Ana"]


def test_the_files_kept_beside_the_book_are_refused_in_words(shop: Path, tmp_path: Path) -> None:
    """An unfinished review and the day of the last check live beside the book: a PDF or an export
    written over them would lose the owner's place in the review."""
    review = tmp_path / "book.rapport.review.json"
    review.write_text('{"position": 3}')
    for out in (review, tmp_path / "book.rapport.checked"):
        code, _, err = rapport(shop, "checklist", "--out", str(out))
        assert (code, err) == (2, f"rapport: --out: that is a file Rapport keeps beside your book; choose another "
                                  f"file name (got '{out}')\n")
    assert review.read_text() == '{"position": 3}'


def test_any_existing_database_is_refused(shop: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.rapport"
    Book.open(other).close()
    code, _, err = rapport(shop, "checklist", "--out", str(other))
    assert code == 2 and "that file is a database (perhaps a book); Rapport will not write over it" in err


@pytest.mark.parametrize("out, words", [
    ("", "--out: give a file name"),
    ("{tmp}", "--out: that is a folder; give a file name inside it"),
    ("{tmp}/missing/x.pdf", "--out: there is no folder {tmp}/missing"),
    ("{tmp}/note.txt/x.pdf", "--out: {tmp}/note.txt is a file, not a folder"),
])
def test_bad_output_paths_say_so_in_one_line(shop: Path, tmp_path: Path, out: str, words: str) -> None:
    (tmp_path / "note.txt").write_text("hi")
    code, _, err = rapport(shop, "checklist", "--out", out.format(tmp=tmp_path))
    assert code == 2 and err.startswith("rapport: " + words.format(tmp=tmp_path)) and err.count("\n") == 1


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "checklist.pdf"

    def fails(tmp: Path) -> None:
        tmp.write_bytes(b"%PDF-1.4 half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_atomically(target, fails)
    assert list(tmp_path.iterdir()) == []
    target.write_bytes(b"the old one")
    with pytest.raises(OSError):
        write_atomically(target, fails)
    assert target.read_bytes() == b"the old one"  # the previous file survives a failed save


def test_relative_paths_resolve_against_the_working_folder(shop: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = rapport(shop, "checklist", "--out", "week.pdf")
    assert code == 0 and out == f"Wrote 1 page to {tmp_path / 'week.pdf'}.\n"
    assert (tmp_path / "week.pdf").read_bytes().startswith(b"%PDF")
    assert oct(os.stat(tmp_path / "week.pdf").st_mode & 0o777) == "0o600"
    with pytest.raises(ValidationError):
        checked_output(tmp_path / "book.rapport", shop)


def test_a_backups_folder_that_is_a_file_gives_one_line(shop: Path, tmp_path: Path) -> None:
    import shutil

    shutil.rmtree(tmp_path / "book.rapport.backups")
    (tmp_path / "book.rapport.backups").write_text("not a folder")
    code, _, err = rapport(shop, "backup")
    assert code == 2 and err.startswith("rapport: Backup failed: ") and err.count("\n") == 1
    code, out, _ = rapport(shop, "list")  # the owner keeps working
    assert code == 0 and "Ana" in out


def test_a_closed_pipe_ends_quietly(shop: Path) -> None:
    import subprocess
    import sys

    ROOT = Path(__file__).resolve().parents[1]
    from core.domain import Contact

    with Book.open(shop) as book:  # more than a pipe holds (64 KB), so the writer meets the closed end
        book.bulk.add_many([Contact(name=f"Customer {n:05d} with a rather long name") for n in range(2000)])
    pipeline = subprocess.run(f"{sys.executable} {ROOT / 'main.py'} --book {shop} list | head -1", shell=True,
                              capture_output=True, text=True, timeout=60)
    assert pipeline.stdout.count("\n") == 1 and "Traceback" not in pipeline.stderr and pipeline.stderr == ""


def test_a_device_or_a_pipe_is_never_replaced_by_an_output(shop: Path, tmp_path: Path) -> None:
    """``--out /dev/null`` as root replaced the device with a regular file. A character device made
    here (never the real /dev nodes) and a named pipe are refused for every command, in one line."""
    import stat

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    targets = {pipe: "a pipe"}
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        targets[device] = "a device"
    except PermissionError:
        pass  # not root: the pipe still shows the rule
    link = tmp_path / "link-to-pipe.pdf"
    link.symlink_to(pipe)
    targets[link] = "a pipe"
    for target, kind in targets.items():
        for command in (["checklist", "--out"], ["plan", "1", "--out"], ["export", "--format", "csv", "--out"],
                        ["about", "1", "--out"]):
            code, out, err = rapport(shop, *command, str(target))
            assert (code, err) == (2, f"rapport: --out: that is {kind}, not a file; choose a file name "
                                      f"(got '{target}')\n"), command
        assert not target.resolve().is_file()
    with Book.open(shop) as book:
        with pytest.raises(ValidationError, match="that is a pipe, not a file"):
            book.save_copy(pipe)
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    if device in targets:
        assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_pipe_put_where_the_output_goes_while_it_is_written_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"

    def write_then_pipe(temporary: Path) -> None:
        temporary.write_text("done")
        os.mkfifo(target)

    with pytest.raises(ValidationError, match="that is a pipe"):
        write_atomically(target, write_then_pipe)
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
