"""Characters a Word document cannot hold (control characters): dropped when rendering.
And characters that change the direction text is shown in (U+202E …): a name can look
like another, so they are left out of file names and warned of here.

Users paste text from PDFs and web pages; a stray \\x0b or \\x01 would make the .docx
unreadable, so render removes them and this check says where they were.
"""

from __future__ import annotations

import re

from reportgen.checks.base import Collector, strings
from reportgen.model import Application
from reportgen.source.text import BIDI_CONTROLS, has_xml_illegal

MAX_REPORTED = 20  # one paste can hold hundreds; the first few show where to look


def check(app: Application, out: Collector) -> None:
    del app  # the raw data, as written: every string, also those the models do not keep
    found = 0
    for loc, text in strings(out.source.data):
        # a line break pasted from Word (\x0b) is read as one, with its own warning
        if has_xml_illegal(text.replace("\x0b", "")):
            out.warning("control_characters", loc)
            found += 1
        if bidi := _BIDI.findall(text):
            codes = "、".join(sorted({f"U+{ord(c):04X}" for c in bidi}))
            out.warning("bidi_characters", loc, characters=codes)
            found += 1
        if found >= MAX_REPORTED:
            return


_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
