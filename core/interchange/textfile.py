"""Turning the bytes of a file from another program into text, and refusing what is not text.

Address books and tills write UTF-8 (with or without a byte-order mark), UTF-16, or the code
page of the computer that saved them (Windows-1252, Mac Roman, GBK, Shift-JIS…). UTF-8 is tried
strictly first: legacy text with accents is almost never valid UTF-8, so the order cannot mistake
one for the other; a code page is then guessed (``core.interchange.encodings``).
"""

from __future__ import annotations

from core.interchange.encodings import Decoded, codec_for, guess, in_words, utf16_without_mark
from core.interchange.records import ImportFileError

MAX_IMPORT_BYTES = 200 * 1024 * 1024  # a contact or sales file past this is not what it seems
MAX_LINE_CHARS = 1024 * 1024  # a line of a contact or sales file; a vCard's photo is skipped, whatever its size


def size_in_words(chars: int) -> str:
    """A length as the owner reads a file's size: "50 MB", "1 MB", "640 KB"."""
    if chars >= 1024 * 1024:
        return f"{chars / (1024 * 1024):.0f} MB"
    return f"{max(1, chars // 1024)} KB"


def line_too_long(number: int, chars: int, kind: str) -> ImportFileError:
    """"line 1 is 50 MB long; the longest a CSV line may be is 1 MB" (the line kept on the error)."""
    error = ImportFileError(f"line {number} is {size_in_words(chars)} long; the longest a {kind} line may be "
                            f"is {size_in_words(MAX_LINE_CHARS)}")
    error.line = number
    return error


def longest_line_check(text: str, kind: str) -> None:
    """Refuse a file with a line over ``MAX_LINE_CHARS``, naming it, before anything else reads it:
    a 50 MB one-line CSV gave a traceback, and a file like that is not a table of contacts."""
    start, number = 0, 1
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > MAX_LINE_CHARS:
            raise line_too_long(number, end - start, kind)
        start, number = end + 1, number + 1


def decode_text(data: bytes) -> str:
    """The file's text: see ``decode_detected``."""
    return decode_detected(data).text


def decode_detected(data: bytes, encoding: str = "") -> Decoded:
    """UTF-8 (its mark removed) or UTF-16 (with or without a mark), else the legacy code page that
    reads the file most plausibly (``core.interchange.encodings``); ``encoding`` is the owner's own
    choice, read strictly. Binary junk is refused."""
    if encoding:
        codec = _codec(encoding)
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise ImportFileError(f"the file cannot be read as {in_words(codec)} (byte {exc.start + 1} does not "
                                  "fit it); choose another encoding") from None
        return Decoded(text.lstrip("\ufeff"), codec)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            raise ImportFileError("the file says it is UTF-16 but is not readable as such") from None
    wide = utf16_without_mark(data)
    if wide:
        try:
            return Decoded(data.decode(wide), wide)
        except UnicodeDecodeError:
            pass  # not UTF-16 after all: the NUL check below refuses it
    if b"\x00" in data[:65536]:
        raise ImportFileError("this is not a text file (it holds binary data); choose a vCard or CSV file")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    found = guess(data)
    codec = found.encoding if found else "cp1252"
    text = data.decode(codec, errors="replace")
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\r\n\t\f")
    if controls > 8 or "\ufffd" in text[:65536] and text[:65536].count("\ufffd") > 8:
        raise ImportFileError("this is not a text file (it holds binary data); choose a vCard or CSV file")
    return Decoded(text, codec, weak=found.weak if found else True)


def _codec(name: str) -> str:
    try:
        return codec_for(name)
    except LookupError:
        raise ImportFileError(f"there is no encoding called {name!r}; try utf-8, cp1252, mac_roman, gbk, "
                              "shift_jis or big5") from None


def read_file(path: str) -> bytes:
    """The file's bytes, refusing folders, missing files and files too big to be an import."""
    import os

    if not os.path.exists(path):
        raise ImportFileError(f"there is no file {path}")
    if os.path.isdir(path):
        raise ImportFileError(f"{path} is a folder; choose a file")
    size = os.path.getsize(path)
    if size > MAX_IMPORT_BYTES:
        raise ImportFileError(f"the file is {size // (1024 * 1024)} MB; an import file is at most "
                              f"{MAX_IMPORT_BYTES // (1024 * 1024)} MB")
    with open(path, "rb") as handle:
        return handle.read()
