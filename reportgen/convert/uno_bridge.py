"""The one piece of reportgen that talks UNO: run by a Python that can `import uno`.

    /usr/bin/python3 uno_bridge.py PIPE_NAME CONNECT_TIMEOUT

Debian's `uno` module imports only in the system Python (python3-uno), not in reportgen's
own interpreter, so reportgen runs this file as a separate process beside each
LibreOffice it starts (reportgen/convert.py). It uses the standard library and `uno` only,
never the reportgen package.

Protocol, one JSON object per line: after connecting it prints {"ready": true}; then for
each request {"docx": PATH, "pdf": PATH, "pdfa": BOOL, "tagged": BOOL, "refresh": BOOL}
(refresh: the document has fields other than page numbers and the contents) on standard input
it converts and answers {"ok": true} or {"ok": false, "error": TEXT}, where TEXT is
"unreadable" when LibreOffice cannot open the file as a text document; "gone": true is
added when the office no longer answers at all (it died under the conversion: the error,
whatever it says, is its death). At the end of its input it asks the office to quit and ends.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

# writer_pdf_Export's SelectPdfVersion: 0 is plain PDF, 2 is PDF/A-2b
PDF_VERSION = {False: 0, True: 2}


class Unreadable(Exception):
    """LibreOffice could not open the file as a text document. Internal: this module runs
    in LibreOffice's own Python, which cannot import reportgen (errors.py); the answer
    it sends back becomes a ConversionError in the pool."""


def prop(name: str, value: Any) -> Any:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe: str, timeout: float) -> Any:
    """The Desktop of the LibreOffice listening on `pipe`, once it answers."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + timeout
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)


class Frame:
    """The one hidden frame (a window with its view) each document is opened in, in turn.

    A new frame for each document cost ~5 % of a warm report book (docs/pdf.md): for its
    two windows LibreOffice looks each time for a library it has merged into another one
    (a failed open, after dladdr over all its symbols). The frame comes with the first
    document and is emptied, not closed, after each."""

    def __init__(self, desktop: Any) -> None:
        self.desktop = desktop
        self.frame: Any = None

    def open(self, docx: str) -> Any:
        url, options = uno.systemPathToFileUrl(docx), (prop("Hidden", True), prop("ReadOnly", True))
        if self.frame is not None:
            try:
                return self.frame.loadComponentFromURL(url, "_self", 0, options)
            except Exception:
                # the document's fault or the frame's (disposed): the frame goes, and the
                # document is tried once more in a new one, which tells the two apart
                self._discard()
        document = self.desktop.loadComponentFromURL(url, "_blank", 0, options)
        controller = document.getCurrentController() if document is not None else None
        self.frame = controller.getFrame() if controller is not None else None
        return document

    def _discard(self) -> None:
        frame, self.frame = self.frame, None
        try:
            frame.close(True)
        except Exception:  # a disposed frame cannot close again: it is gone already
            return

    def close(self, document: Any) -> None:
        """Close `document`, leaving the frame empty for the next one."""
        try:
            if self.frame is not None:
                self.frame.setComponent(None, None)
        except Exception:
            self.frame = None
            raise
        finally:
            document.close(True)


def convert(
    frame: Frame, docx: str, pdf: str, pdfa: bool, tagged: bool = True, refresh: bool = True
) -> None:
    document = frame.open(docx)
    if document is None or not document.supportsService("com.sun.star.text.TextDocument"):
        if document is not None:
            frame.close(document)
        raise Unreadable
    try:
        # Word leaves the table of contents and fields to be updated on opening; update
        # them here so the PDF lists every heading with its real page number. Page
        # numbers themselves are laid out: their refresh is asked for only where the
        # document has other fields (a date, a document property).
        # Between these calls LibreOffice's main thread would run its idle jobs on the
        # document (laying out pages in the background, counting words), work the update
        # undoes; locked controllers hold them off, and unlocking lays the pages out once.
        # The export runs unlocked: locked, its links and bookmarks came out empty.
        # Fields first: a date or a property that changes length can move the headings
        # whose page numbers the contents then write. (A failure needs no unlocking: the
        # document is closed.)
        document.lockControllers()
        if refresh:
            document.getTextFields().refresh()
        indexes = document.getDocumentIndexes()
        for i in range(indexes.getCount()):
            indexes.getByIndex(i).update()
        document.unlockControllers()
        filter_data = (
            prop("SelectPdfVersion", PDF_VERSION[pdfa]),
            prop("UseTaggedPDF", tagged or pdfa),
            prop("ExportBookmarks", True),
            prop("EmbedStandardFonts", True),
            prop("UseLosslessCompression", True),  # charts stay crisp: no JPEG artefacts
        )
        document.storeToURL(
            uno.systemPathToFileUrl(pdf),
            (
                prop("FilterName", "writer_pdf_Export"),
                prop("FilterData", uno.Any("[]com.sun.star.beans.PropertyValue", filter_data)),
            ),
        )
    finally:
        frame.close(document)


def alive(desktop: Any) -> bool:
    """Whether the office still answers a call. A killed office's bridge raises its own
    errors first (DisposedException, "illegal object given!") before the process is
    reaped: asking again tells a dead office from a document it could not convert."""
    try:
        desktop.getFrames().getCount()
    except Exception:  # any failure of the call: nobody answers
        return False
    return True


def answer(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main() -> None:
    pipe, timeout = sys.argv[1], float(sys.argv[2])
    desktop = connect(pipe, timeout)
    frame = Frame(desktop)
    answer({"ready": True})
    for line in sys.stdin:
        job = json.loads(line)
        try:
            convert(frame, job["docx"], job["pdf"], bool(job.get("pdfa")),
                    job.get("tagged", True), job.get("refresh", True))  # fmt: skip
        except Unreadable:
            answer({"ok": False, "error": "unreadable"})
        except Exception as error:  # reported to reportgen, which retries or names the file
            gone = not alive(desktop)
            answer({"ok": False, "error": f"{type(error).__name__}: {error}", "gone": gone})
        else:
            answer({"ok": True})
    # end of input: reportgen is done with this office. Ask it to quit, so that it
    # removes its pipes from /tmp; reportgen kills it if it does not.
    try:
        desktop.terminate()
    except Exception:  # the office going away under the call is the expected outcome
        return


if __name__ == "__main__":
    main()
