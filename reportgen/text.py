"""Text as users write it, made safe to store, print and put in documents."""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")


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
