"""Reading vCard 2.1, 3.0 and 4.0 files as phones, Gmail, Outlook and Apple write them.

Why not vobject, the usual Python parser: version 0.9.9 (the latest) fails on files real
phones write. Android's quoted-printable values continue on the next line after a soft
break ``=`` with no leading space, which vobject rejects as a parse error; it splits ``FN``
on commas, so ``FN:Smith, John`` keeps only "Smith"; and it cuts a vCard 4.0
``PHOTO:data:…`` URI at its colon. The content-line grammar (RFC 6350 §3.3, RFC 2425 for
3.0, the vCard 2.1 spec for QUOTED-PRINTABLE and CHARSET) is small, so this module reads it
directly and tolerates those three habits. vobject stays in the tests as an independent
reader of what Rapport exports.
"""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass, field
from typing import Iterator

from core.interchange.records import ImportFileError, IncomingContact
from core.interchange.textfile import MAX_LINE_CHARS, decode_text, line_too_long
from core.i18n import _

_SKIPPED_PROPERTIES = {"PHOTO", "LOGO", "SOUND", "KEY"}
_ANNIVERSARY = {"ANNIVERSARY", "X-ANNIVERSARY", "X-MS-ANNIVERSARY", "X-EVOLUTION-ANNIVERSARY"}
_PHONE_TYPES = {
    "cell": "mobile", "mobile": "mobile", "iphone": "mobile", "home": "home", "work": "work",
    "fax": "fax", "pager": "pager", "main": "main", "voice": "", "pref": "", "msg": "", "text": "",
    "other": "other", "car": "car", "isdn": "", "video": "", "bbs": "", "modem": "",
}
_APPLE_LABEL = re.compile(r"_\$!<(.+?)>!\$_")


@dataclass
class ContentLine:
    """One logical line of a card: ``group.NAME;params:value`` with its line number."""

    name: str
    value: str
    params: dict[str, list[str]] = field(default_factory=dict)
    group: str = ""
    line: int = 0

    def types(self) -> list[str]:
        """TYPE values, lower-cased, including vCard 2.1's bare parameters (``TEL;CELL:``)."""
        found = [t for v in self.params.get("TYPE", []) for t in v.lower().split(",")]
        return found + [p.lower() for p in self.params.get("", [])]


def read_vcards(data: bytes | str) -> list[IncomingContact]:
    """Every card of a file, in order. A file that is not vCard raises ImportFileError."""
    text = decode_text(data) if isinstance(data, bytes) else data
    if not looks_like_vcard(text):
        raise ImportFileError(_("this is not a vCard file (expected BEGIN:VCARD)"), 1)
    cards: list[IncomingContact] = []
    current: list[ContentLine] | None = None
    start = 0
    for item in _content_lines(text):
        name = item.name
        if name == "BEGIN" and item.value.strip().upper() == "VCARD":
            if current is not None:
                raise ImportFileError(_("a card begins before the previous one ended (END:VCARD missing)"), item.line)
            current, start = [], item.line
        elif name == "END" and item.value.strip().upper() == "VCARD":
            if current is None:
                raise ImportFileError(_("END:VCARD without BEGIN:VCARD"), item.line)
            cards.append(_card(current, start))
            current = None
        elif current is not None:
            current.append(item)
        elif item.value.strip() or name:
            raise ImportFileError(_("this is not a vCard file (expected BEGIN:VCARD)"), item.line)
    if current is not None:
        raise ImportFileError(_("the file ends in the middle of a card (END:VCARD missing): it may be cut short"), start)
    if not cards:
        raise ImportFileError(_("no contact cards (BEGIN:VCARD) in this file"))
    return cards


def looks_like_vcard(text: str) -> bool:
    return text.lstrip("\ufeff \r\n\t").upper().startswith("BEGIN:VCARD")


# --------------------------------------------------------------------------- lines
def _content_lines(text: str) -> list[ContentLine]:
    """Unfold continuation lines and quoted-printable soft breaks, then parse each line.

    Linear in the file's size: a folded line is gathered as a list of its pieces (a 50 MB photo
    folded at 75 characters took minutes when each piece was added to a growing string), and a
    photo, logo, sound or key is skipped piece by piece without being kept at all. Any other line
    longer than ``MAX_LINE_CHARS`` is refused by its number."""
    logical: list[ContentLine] = []
    pieces: list[str] = []
    start, length, skipped, quoted_printable = 0, 0, False, False

    def finish() -> None:
        if not pieces:
            return
        if length > MAX_LINE_CHARS and not skipped:
            raise line_too_long(start, length, "vCard")
        logical.append(_parse_line("".join(pieces), start))

    for number, raw in enumerate(physical_lines(text), start=1):
        soft = pieces and quoted_printable and pieces[-1].endswith("=")
        if pieces and (raw[:1] in (" ", "\t") or soft):
            if soft:
                pieces[-1] = pieces[-1][:-1]  # QP soft break; Android puts no space after it
                piece = raw
            else:
                piece = raw[1:]
            length += len(piece)
            if not skipped:
                pieces.append(piece)
            elif piece.endswith("="):
                pieces[-1] += "="  # a skipped value keeps only whether it ends in a soft break
            continue
        if not raw.strip():
            continue  # a blank line (some phones end each line with CR CR LF) never ends a folded one
        finish()
        start = number
        head = raw.split(":", 1)[0]
        quoted_printable = "QUOTED-PRINTABLE" in head.upper()
        named = _NAME.match(raw)
        skipped = bool(named and named.group(2).upper() in _SKIPPED_PROPERTIES and ":" in raw)
        pieces = [head + ":" + ("=" if skipped and raw.endswith("=") else "")] if skipped else [raw]
        length = len(raw)
    finish()
    return logical


def physical_lines(text: str) -> Iterator[str]:
    """The file's lines one by one (CR LF, CR or LF), without a list of them all in memory."""
    for match in _PHYSICAL.finditer(text):
        line = match.group(1)
        if match.end() == match.start() == len(text):
            return
        yield line


_PHYSICAL = re.compile(r"([^\r\n]*)(?:\r\n|\r|\n|$)")


_NAME = re.compile(r"^(?:([A-Za-z0-9-]+)\.)?([A-Za-z0-9-]+)")


def _parse_line(text: str, number: int) -> ContentLine:
    match = _NAME.match(text)
    if not match:
        raise ImportFileError(_("not a vCard line: {text!r}").format(text=text[:60]), number)
    group, name = match.group(1) or "", match.group(2).upper()
    rest = text[match.end():]
    params: dict[str, list[str]] = {}
    position = 0
    while position < len(rest) and rest[position] == ";":
        position += 1
        param, position = _read_param(rest, position)
        key, equals, value = param.partition("=")
        if equals:
            params.setdefault(key.strip().upper(), []).append(value.strip().strip('"'))
        elif param.strip():
            params.setdefault("", []).append(param.strip())
    if position >= len(rest) or rest[position] != ":":
        raise ImportFileError(_("{name} has no value (no ':' on the line)").format(name=name), number)
    return ContentLine(name=name, value=rest[position + 1:], params=params, group=group.lower(), line=number)


def _read_param(rest: str, position: int) -> tuple[str, int]:
    """One parameter up to the next unquoted ``;`` or ``:`` (quotes may hold both)."""
    out: list[str] = []
    quoted = False
    while position < len(rest):
        ch = rest[position]
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in ";:":
            break
        out.append(ch)
        position += 1
    return "".join(out), position


# --------------------------------------------------------------------------- values
def _decoded(item: ContentLine, version: str) -> str:
    """The value with quoted-printable and CHARSET undone; escapes are left for _split."""
    encoding = " ".join(item.params.get("ENCODING", []) + item.params.get("", [])).upper()
    if "QUOTED-PRINTABLE" in encoding:
        raw = quopri.decodestring(item.value.encode("latin-1", errors="replace"))
        charset = (item.params.get("CHARSET") or ["utf-8"])[0]
        try:
            return raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            try:
                return raw.decode("utf-8")
            except UnicodeDecodeError:
                return raw.decode("cp1252", errors="replace")
    return item.value


def _split(value: str, separator: str) -> list[str]:
    """Split on unescaped separators and undo backslash escapes (``\\n``, ``\\,``, ``\\;``)."""
    parts: list[str] = []
    current: list[str] = []
    escaped = False
    for ch in value:
        if escaped:
            current.append("\n" if ch in "nN" else ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    if escaped:
        current.append("\\")
    parts.append("".join(current))
    return parts


def _text(value: str) -> str:
    """A single text value: escapes undone, no splitting (``FN:Smith, John`` stays whole)."""
    return _split(value, "\x00")[0].replace("\r\n", "\n").replace("\r", "\n").strip()


def _day(value: str, omit_year: str = "1604") -> str:
    """A vCard date as ISO text: 2012-06-06, 20120606, 1980-03-22T00:00:00Z, --0606 → --06-06.

    Apple writes a birthday without a year with the year 1604 (``BDAY;X-APPLE-OMIT-YEAR=1604:
    1604-01-01``, or ``16040101``): it is a day of the year. Anything else that is not a date
    (``BDAY;VALUE=text:circa 1800``) is returned as written, for the import to keep in the notes
    with a word, never dropped."""
    value = value.strip()
    match = re.match(r"^(\d{4})-?(\d{2})-?(\d{2})", value)
    if match:
        year, month, day = match.groups()
        return f"--{month}-{day}" if year == omit_year else f"{year}-{month}-{day}"
    match = re.match(r"^--(\d{2})-?(\d{2})", value)
    return f"--{match.group(1)}-{match.group(2)}" if match else value


def looks_like_a_card_without_begin(text: str) -> bool:
    """vCard properties with no BEGIN:VCARD above them (a card cut at its top, or saved by hand)."""
    head = [line.strip().upper() for line in text.lstrip("\ufeff").splitlines()[:20] if line.strip()]
    known = ("VERSION:", "FN:", "FN;", "N:", "N;", "TEL", "EMAIL", "END:VCARD")
    return len(head) >= 2 and head[0].startswith(known) and sum(line.startswith(known) for line in head) >= 2


# --------------------------------------------------------------------------- cards
def _card(lines: list[ContentLine], start: int) -> IncomingContact:
    version = next((item.value.strip() for item in lines if item.name == "VERSION"), "3.0")
    labels = _apple_labels(lines, version)
    card = IncomingContact(line=start)
    full_name, structured = "", ["", "", "", "", ""]
    addresses: list[tuple[str, str]] = []
    notes: list[str] = []
    for item in lines:
        name = item.name
        if name in _SKIPPED_PROPERTIES or name.startswith("X-FC"):
            continue
        value = _decoded(item, version)
        label = labels.get(item.group, "")
        if name == "FN":
            full_name = _text(value)
        elif name == "N":
            structured = (_split(value, ";") + [""] * 5)[:5]
        elif name == "ORG":
            card.organisation = ", ".join(p.strip() for p in _split(value, ";") if p.strip())
        elif name == "TITLE":
            card.title = _text(value)
        elif name == "TEL":
            number = _text(value)
            if number.lower().startswith("tel:"):  # vCard 4.0: a tel: URI, "tel:+1-418-656-9254;ext=102"
                number = number[4:].replace(";ext=", " ext. ")
            card.add_phone(number, label or _phone_label(item.types()))
        elif name == "EMAIL":
            card.add_email(_text(value))
        elif name == "ADR":
            addresses.append((label or _address_label(item.types()), _address(value)))
        elif name == "NOTE":
            notes.append(_text(value))
        elif name == "BDAY":
            card.birthday = _day(value, (item.params.get("X-APPLE-OMIT-YEAR") or ["1604"])[0])
        elif name in _ANNIVERSARY or (name == "X-ABDATE" and "anniversary" in label.lower()):
            card.anniversary = _day(value, (item.params.get("X-APPLE-OMIT-YEAR") or ["1604"])[0])
        elif name == "CATEGORIES":
            # Thunderbird escapes the commas between categories ("a\\, b"): split after unescaping.
            for tag in _text(value).split(","):
                card.add_tag(tag)
        elif name in ("KIND", "X-RAPPORT-KIND") and value.strip().lower() in ("org", "organization", "organisation"):
            card.kind = "organisation"
        elif name == "X-RAPPORT-KIND" and value.strip().lower() == "person":
            card.kind = "person"
        elif name == "X-RAPPORT-SOURCE":
            card.source = _text(value)
        elif name == "X-RAPPORT-CUSTOMER-ID":
            card.external_id = _text(value)
        elif name == "X-RAPPORT-HOW-MET":
            card.how_met = _text(value)
        elif name == "X-RAPPORT-LABEL":
            card.label = _text(value)
        elif name == "X-ABSHOWAS" and value.strip().upper() == "COMPANY":
            card.kind = "organisation"
    card.name = full_name or _name_from_parts(structured)
    card.address = _join_addresses(addresses)
    card.notes = "\n\n".join(n for n in notes if n)
    if not card.kind:
        has_person_name = any(p.strip() for p in structured[:2])
        card.kind = "organisation" if card.organisation and not has_person_name and (
            not card.name or card.name == card.organisation) else "person"
    if not card.name:
        card.name = card.organisation or (card.emails[0] if card.emails else "") or (card.phones[0] if card.phones else "")
    return card


def _apple_labels(lines: list[ContentLine], version: str) -> dict[str, str]:
    """Apple's ``item1.X-ABLabel:_$!<Anniversary>!$_`` names the other properties of group item1."""
    labels: dict[str, str] = {}
    for item in lines:
        if item.group and item.name == "X-ABLABEL":
            text = _text(_decoded(item, version))
            match = _APPLE_LABEL.fullmatch(text)
            labels[item.group] = (match.group(1) if match else text).lower()
    return labels


def _phone_label(types: list[str]) -> str:
    """TEL types as one word an owner reads: "mobile", "work", "home fax"."""
    words = [w for w in (_PHONE_TYPES.get(t, "") for t in types) if w]
    if "fax" in words:
        place = next((w for w in words if w in ("home", "work")), "")
        return f"{place} fax".strip()
    return words[0] if words else ""


def _address_label(types: list[str]) -> str:
    for kind in ("home", "work"):
        if kind in types:
            return kind
    return ""


def _address(value: str) -> str:
    """ADR's seven parts (box, extended, street, town, region, code, country) on one or more lines."""
    box, extended, street, town, region, code, country = ([p.strip() for p in _split(value, ";")] + [""] * 7)[:7]
    if street and not any((box, extended, town, region, code, country)):
        return street  # an address kept as written, in one part (as Rapport exports it)
    if ":" in box:
        # A LABEL parameter with an unquoted colon (seen from a German exchange server) pushes
        # the label's tail into the PO box; the box itself never holds a colon.
        box = box.rsplit(":", 1)[1].strip()
    street_lines = [s.strip(" ,") for s in "\n".join(p for p in (box, extended, street) if p).split("\n")]
    town_line = " ".join(p for p in (code, town) if p)
    parts = [*street_lines, town_line, region, country]
    return ", ".join(p for p in parts if p)


def _join_addresses(addresses: list[tuple[str, str]]) -> str:
    kept = [(label, text) for label, text in addresses if text]
    if len(kept) == 1:
        return kept[0][1]
    return "\n".join(f"{label.capitalize()}: {text}" if label else text for label, text in kept)


def _name_from_parts(parts: list[str]) -> str:
    family, given, additional, prefix, suffix = (p.replace(",", " ").strip() for p in parts)
    return " ".join(p for p in (prefix, given, additional, family, suffix) if p)
