"""Text as users write it, made safe to store, print and put in documents."""

from __future__ import annotations

import re
import unicodedata

_SURROGATE = re.compile("[\ud800-\udfff]")

# direction marks and overrides (a character class): they change what a name or a line
# shows (`报告书\u202excod.exe` shows as `报告书exe.docx`) and are themselves invisible
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"


def join_surrogates(text: str) -> str | None:
    """Escaped UTF-16 pairs ("\\ud840\\udc00", as JSON tools write non-BMP characters)
    stay two lone surrogates in YAML; join them into the one character they mean.
    None if a surrogate without its pair remains: no encoding can write it."""
    if not _SURROGATE.search(text):
        return text
    try:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    except UnicodeDecodeError:
        return None


# XML 1.0 allows tab, newline, carriage return and most of Unicode; nothing else can be
# written into a .docx at all, so such characters are dropped (validate warns about them)
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def has_xml_illegal(text: str) -> bool:
    return _XML_ILLEGAL.search(text) is not None


def xml_safe(text: str) -> str:
    """`text` without the characters XML cannot hold."""
    return _XML_ILLEGAL.sub("", text)


def shortened(text: str, limit: int = 40) -> str:
    """`text` as a message quotes it: cut with … past `limit` characters."""
    return text if len(text) <= limit else text[: limit - 3] + "…"


def xml_text(text: str) -> str:
    """`text` for the content of an XML element: illegal characters dropped, & < > escaped."""
    return xml_safe(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def display_width(text: str) -> int:
    """Columns a text takes in Excel: CJK and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
