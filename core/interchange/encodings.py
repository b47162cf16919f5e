"""Which encoding a file from another program is in, when it is not UTF-8.

Windows and Mac address books save CSVs in their own code pages: Windows-1252, Mac Roman, GBK,
Shift-JIS, Big5, Windows-1251… Read in the wrong one, "王小明" silently becomes "ÍõÐ¡Ã÷". On the
few lines of an address book, charset-normalizer's own ranking is often wrong (it takes GBK for
Korean and Windows-1252 for Central European), so it only proposes: each candidate that decodes
the file is scored by how a name written in it would look (letters of one script within a word,
no symbols or control characters inside a word, Chinese and Japanese characters from the common
sets), and the lowest score wins. A guess the scorer cannot tell from a second reading is weak:
the import says so, and the owner can choose another (``--encoding``, or the wizard's list).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from core.i18n import N_, _

# The code pages address books and tills write, most common first: the order breaks ties.
CANDIDATES = ("cp1252", "mac_roman", "gb18030", "cp932", "big5", "cp949", "cp1250", "cp1251", "iso8859_7",
              "cp1254", "cp1257", "koi8_r")
NAMES = {"utf-8": N_("UTF-8"), "utf-16-le": N_("UTF-16 (little-endian)"), "utf-16-be": N_("UTF-16 (big-endian)"),
         "utf-16": N_("UTF-16"), "cp1252": N_("Windows-1252 (Western)"), "mac_roman": N_("Mac Roman (Western)"),
         "gb18030": N_("GBK / GB18030 (Chinese, simplified)"), "cp932": N_("Shift-JIS (Japanese)"),
         "big5": N_("Big5 (Chinese, traditional)"), "cp949": N_("EUC-KR (Korean)"), "cp1250": N_("Windows-1250 (Central European)"),
         "cp1251": N_("Windows-1251 (Cyrillic)"), "iso8859_7": N_("ISO-8859-7 (Greek)"), "cp1254": N_("Windows-1254 (Turkish)"),
         "cp1257": N_("Windows-1257 (Baltic)"), "koi8_r": N_("KOI8-R (Russian)")}
SAMPLE = 64 * 1024
_WORD = re.compile(r"[^\s,;\t\"'()\[\]/.:@0-9_-]+")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # a Python codec name, a key of NAMES
    weak: bool = False  # another reading was as likely: the owner should look at the preview

    @property
    def name(self) -> str:
        return _(NAMES[self.encoding]) if self.encoding in NAMES else self.encoding


def in_words(encoding: str) -> str:
    return _(NAMES[encoding]) if encoding in NAMES else encoding


def codec_for(name: str) -> str:
    """The owner's name for an encoding ("GBK", "shift_jis", "Windows-1252") as a codec; ValueError
    when Python knows no such encoding."""
    wanted = name.strip().lower()
    for codec, words in NAMES.items():
        if wanted in (codec, words.lower()) or wanted in (w.strip().lower() for w in words.split("(")[0].split("/")):
            return codec
    return codecs.lookup(wanted).name


def utf16_without_mark(data: bytes) -> str | None:
    """UTF-16 with no byte-order mark: ASCII text leaves a NUL beside every other byte."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    odd = sample[1::2].count(0) / max(1, len(sample[1::2]))
    even = sample[0::2].count(0) / max(1, len(sample[0::2]))
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def guess(data: bytes) -> Decoded | None:
    """The likeliest legacy reading of ``data`` (not UTF-8), or None when nothing decodes it."""
    sample = _whole_characters(data[:SAMPLE])
    proposals = list(CANDIDATES)
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample).best()
        if best is not None and best.encoding not in proposals and best.encoding not in ("utf_8", "ascii"):
            proposals.append(best.encoding)
    except Exception:  # noqa: BLE001 - a proposal less; the scorer still has its own list
        pass
    scored = []
    for order, encoding in enumerate(proposals):
        try:
            text = sample.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        scored.append((score(text), order, encoding, text))
    if not scored:
        return None
    scored.sort()
    best_score, _ignored, encoding, text = scored[0]
    rivals = [s for s in scored[1:] if s[3] != text]
    weak = best_score > 0 or (bool(rivals) and rivals[0][0] - best_score <= 1)
    return Decoded(text, encoding, weak)


def _whole_characters(sample: bytes) -> bytes:
    """A sample cut at a line's end, so a multi-byte character is never cut in two."""
    end = sample.rfind(b"\n")
    return sample[:end + 1] if end > 0 and len(sample) == SAMPLE else sample


def score(text: str) -> int:
    """How wrong a reading looks: 0 for names as people write them, more for each oddity."""
    penalty = 0
    for word in _WORD.findall(text):
        scripts = [s for s in (_script(c) for c in word) if s]
        penalty += 3 * sum(1 for a, b in zip(scripts, scripts[1:]) if a != b and {a, b} != {"han", "kana"})
        latin = 0
        odd_latin = 0
        for ch in word:
            category = unicodedata.category(ch)
            kind = _script(ch)
            if category[0] in "SCP" and ch not in "&+'-" or category == "Co":
                penalty += 3
            elif kind == "latin":
                latin += 1
                if ord(ch) > 0x7F:
                    odd_latin += 1
                    penalty += 1 if ord(ch) > 0xFF else 0
            elif 0xFF61 <= ord(ch) <= 0xFF9F:  # half-width katakana: a sign of a wrong CJK reading
                penalty += 2
            elif kind == "han" and not _common_han(ch):
                penalty += 1
        if latin >= 3 and odd_latin * 2 > latin:  # "Èâàí": more accents than plain letters
            penalty += 3
    return penalty


def _script(ch: str) -> str:
    o = ord(ch)
    if 0x3040 <= o <= 0x30FF or 0xFF66 <= o <= 0xFF9F:
        return "kana"
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF:
        return "han"
    if 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
        return "hangul"
    if 0x0400 <= o <= 0x04FF:
        return "cyrillic"
    if 0x0370 <= o <= 0x03FF:
        return "greek"
    return "latin" if ch.isalpha() else ""


def _common_han(ch: str) -> bool:
    """In the first level of GB2312, Big5's frequent characters or JIS level 1: the characters names use."""
    for codec, low, high in (("gb2312", 0xB0A1, 0xD7FE), ("big5", 0xA440, 0xC67E), ("cp932", 0x889F, 0x9872)):
        try:
            raw = ch.encode(codec)
        except UnicodeEncodeError:
            continue
        if len(raw) == 2 and low <= (raw[0] << 8 | raw[1]) <= high:
            return True
    return False
