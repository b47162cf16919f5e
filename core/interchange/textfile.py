"""Turning the bytes of a file from another program into text, and refusing what is not text.

Address books and tills write UTF-8 (with or without a byte-order mark), UTF-16, or the code
page of the computer that saved them (Windows-1252, Mac Roman, GBK, Shift-JIS…). UTF-8 is tried
strictly first: legacy text with accents is almost never valid UTF-8, so the order cannot mistake
one for the other; a code page is then guessed (``core.interchange.encodings``).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from core.interchange.encodings import Decoded, codec_for, guess, in_words, utf16_without_mark
from core.interchange.records import ImportFileError
from core.i18n import _

MAX_IMPORT_BYTES = 200 * 1024 * 1024  # a contact or sales file past this is not what it seems
MAX_LINE_CHARS = 1024 * 1024  # a line of a contact or sales file; a vCard's photo is skipped, whatever its size


def size_in_words(chars: int) -> str:
    """A length as the owner reads a file's size: "50 MB", "1 MB", "640 KB"."""
    if chars >= 1024 * 1024:
        return f"{chars / (1024 * 1024):.0f} MB"
    return f"{max(1, chars // 1024)} KB"


def line_too_long(number: int, chars: int, kind: str) -> ImportFileError:
    """"line 1 is 50 MB long; the longest a CSV line may be is 1 MB" (the line kept on the error)."""
    error = ImportFileError(_("line {number} is {size_in_words} long; the longest a {kind} line may be is {size_in_words2}").format(number=number, size_in_words=size_in_words(chars), kind=kind, size_in_words2=size_in_words(MAX_LINE_CHARS)))
    error.line = number
    return error


def decode_text(data: bytes) -> str:
    """The file's text: see ``decode_detected``."""
    return decode_detected(data).text


@dataclass(frozen=True)
class Reading:
    """How a file's bytes are read as text, decided without holding the whole text: a till's
    export of a million lines is read row by row from its bytes (``csv_read``), never decoded whole."""

    codec: str  # a Python codec name, a key of encodings.NAMES
    weak: bool = False  # another reading was as likely: the owner should look at the preview
    start: int = 0  # bytes before the text (UTF-8's byte-order mark)
    errors: str = "strict"  # "replace" for a guessed code page, which reads every byte as something

    def text(self, data: bytes) -> str:
        """The whole text (a vCard file, a column-aligned table): the file's mark left out."""
        return str(memoryview(data)[self.start:], self.codec, self.errors).lstrip("\ufeff")


def decode_detected(data: bytes, encoding: str = "") -> Decoded:
    """The file's whole text and how it was read: see ``detect_reading``."""
    reading = detect_reading(data, encoding)
    return Decoded(reading.text(data), reading.codec, weak=reading.weak)


def detect_reading(data: bytes, encoding: str = "") -> Reading:
    """UTF-8 (its mark left out) or UTF-16 (with or without a mark), else the legacy code page that
    reads the file most plausibly (``core.interchange.encodings``); ``encoding`` is the owner's own
    choice, read strictly. Binary junk is refused. The bytes are checked piece by piece, so a big
    export is never held twice."""
    if encoding:
        codec = _codec(encoding)
        at = _first_misfit(data, codec)
        if at is not None:
            raise ImportFileError(_("the file cannot be read as {in_words} (byte {value} does not fit it); choose another encoding").format(in_words=in_words(codec), value=at + 1))
        return Reading(codec)
    if data.startswith(b"\xef\xbb\xbf"):
        return _utf8_or_legacy(data, 3)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        if _first_misfit(data, "utf-16") is not None:
            raise ImportFileError(_("the file says it is UTF-16 but is not readable as such"))
        return Reading("utf-16")
    wide = utf16_without_mark(data)
    if wide and _first_misfit(data, wide) is None:
        return Reading(wide)
    return _utf8_or_legacy(data, 0)  # not UTF-16 after all: the NUL check refuses it


def _utf8_or_legacy(data: bytes, start: int) -> Reading:
    body = data[start:start + 4 * 65536]  # the head: the whole is never copied
    if b"\x00" in body[:65536]:
        raise ImportFileError(_("this is not a text file (it holds binary data); choose a vCard or CSV file"))
    if _first_misfit(data, "utf-8", start) is None:
        return Reading("utf-8", start=start)
    found = guess(body)
    codec = found.encoding if found else "cp1252"
    head = body.decode(codec, errors="replace")[:65536]
    controls = sum(1 for ch in head if ord(ch) < 32 and ch not in "\r\n\t\f")
    if controls > 8 or head.count("\ufffd") > 8:
        raise ImportFileError(_("this is not a text file (it holds binary data); choose a vCard or CSV file"))
    return Reading(codec, weak=found.weak if found else True, start=start, errors="replace")


_PIECE = 1024 * 1024


def _first_misfit(data: bytes, codec: str, start: int = 0) -> int | None:
    """The offset of the first byte that ``codec`` cannot read, or None when all of it reads;
    checked a megabyte at a time (a decoded copy of a 200 MB export is not made to find out)."""
    decoder = codecs.getincrementaldecoder(codec)("strict")
    view = memoryview(data)
    end = len(data)
    for offset in range(start, end, _PIECE) if end > start else ():
        held = len(decoder.getstate()[0])
        try:
            decoder.decode(view[offset:offset + _PIECE], final=offset + _PIECE >= end)
        except UnicodeDecodeError as exc:
            return offset - held + exc.start
    return None


def _codec(name: str) -> str:
    try:
        return codec_for(name)
    except LookupError:
        raise ImportFileError(_("there is no encoding called {name!r}; try utf-8, cp1252, mac_roman, gbk, shift_jis or big5").format(name=name)) from None


def read_file(path: str) -> bytes:
    """The file's bytes, refusing folders, missing files and files too big to be an import."""
    import os

    if not os.path.exists(path):
        raise ImportFileError(_("there is no file {path}").format(path=path))
    if os.path.isdir(path):
        raise ImportFileError(_("{path} is a folder; choose a file").format(path=path))
    size = os.path.getsize(path)
    if size > MAX_IMPORT_BYTES:
        raise ImportFileError(_("the file is {value} MB; an import file is at most {value2} MB").format(value=size // (1024 * 1024), value2=MAX_IMPORT_BYTES // (1024 * 1024)))
    with open(path, "rb") as handle:
        return handle.read()
