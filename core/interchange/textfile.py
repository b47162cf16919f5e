"""Turning the bytes of a file from another program into text, and refusing what is not text.

Address books and tills write UTF-8 (with or without a byte-order mark), or Windows-1252
when they are old or from Excel on Windows. UTF-8 is tried strictly first: real Windows-1252
text with accents is almost never valid UTF-8, so the order cannot mistake one for the other.
"""

from __future__ import annotations

from core.interchange.records import ImportFileError

MAX_IMPORT_BYTES = 200 * 1024 * 1024  # a contact or sales file past this is not what it seems


def decode_text(data: bytes) -> str:
    """UTF-8 (BOM removed), UTF-16 with a BOM, else Windows-1252; binary junk is refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFileError("the file says it is UTF-16 but is not readable as such") from None
    if b"\x00" in data[:65536]:
        raise ImportFileError("this is not a text file (it holds binary data); choose a vCard or CSV file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\r\n\t\f")
    if controls > 8 or "\ufffd" in text[:65536] and text[:65536].count("\ufffd") > 8:
        raise ImportFileError("this is not a text file (it holds binary data); choose a vCard or CSV file")
    return text


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
