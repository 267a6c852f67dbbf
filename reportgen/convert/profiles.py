"""LibreOffice profiles for reportgen's offices: each office gets its own, made fast to start.

Two costs of a fresh profile are avoided:
- On the first start of each version LibreOffice runs its graphics self-tests
  (GraphicsRenderTests: sixteen 4096×4096 surfaces, ~0.9 s of CPU and 130 MB) and,
  headless, never records that it did, so every start paid again. A profile that already
  names this version as the last one seen skips them: start ~1.1 s → ~0.2 s.
- A brand-new profile makes soffice.bin exit with code 81 ("start me again") after
  setting itself up: ~0.35 s more. So one initialised profile is kept as a template in
  the user's cache folder, per LibreOffice version, and copied for each office.
Without a writable cache a fresh profile (with the version recorded) still works.

Every profile also blocks what a document links to (BlockUntrustedRefererLinks): with it
a picture linked to http://… is not fetched and one linked to file:///… not embedded
(measured with LibreOffice 7.4; packages.py refuses such documents before, the profile
is the second lock), and no macro runs (MacroSecurityLevel 3: signed and trusted only).

And it keeps the font caches small. LibreOffice's defaults (20 MB of glyphs, 100 000 laid
out text runs) are sized for an editor that shows one document for hours; an office
converting book after book filled them with runs of documents long closed: 188 MB after
one book → 357 MB after 24 (glibc malloc), against ~240 MB with these sizes, which still
hold every run of one report book, at the same speed (docs/pdf.md). And it turns off what
only an editor needs and LibreOffice otherwise does on its main thread beside the
conversion: spelling as you type, word completion (collecting the document's words)
and smart tags: ~7 ms of CPU a report book, nothing in the PDF.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from reportgen.convert.fonts import office_environment
from reportgen.convert.libreoffice import LibreOffice

RESTART_ME = 81  # soffice.bin's exit code after creating a new profile
_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" \
xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/Product">\
<prop oor:name="ooSetupLastVersion" oor:op="fuse"><value>{version}</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">\
<prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop>\
<prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Cache/Font">\
<prop oor:name="GlyphsCacheSize" oor:op="fuse"><value>5000000</value></prop>\
<prop oor:name="TextRunsCacheSize" oor:op="fuse"><value>5000</value></prop></item>
<item oor:path="/org.openoffice.Office.Linguistic/SpellChecking">\
<prop oor:name="IsSpellAuto" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/AutoFunction/Completion">\
<prop oor:name="Enable" oor:op="fuse"><value>false</value></prop>\
<prop oor:name="CollectWords" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/SmartTags/Writer">\
<prop oor:name="RecognizeSmartTags" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""
_building = threading.Lock()  # the offices of one pool start together: one builds


def new_profile(libreoffice: LibreOffice, profile: Path) -> None:
    """Make `profile` (a folder that does not exist yet) ready for one office."""
    template = _template(libreoffice)
    if template is not None:
        shutil.copytree(template, profile)
    else:
        _record_version(libreoffice, profile)


def _record_version(libreoffice: LibreOffice, profile: Path) -> None:
    if libreoffice.product_version is None:
        return
    settings = profile / "user" / "registrymodifications.xcu"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(_SETTINGS.format(version=libreoffice.product_version), "utf-8")


def _template(libreoffice: LibreOffice) -> Path | None:
    """The cached, initialised profile for this installation; built on first use."""
    key = hashlib.sha256(  # the settings too: a profile cached before they changed is not used
        f"{libreoffice.program}\0{libreoffice.product_version}\0{_SETTINGS}".encode()
    ).hexdigest()[:12]
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "reportgen"
    template = cache / f"libreoffice-profile-{libreoffice.product_version}-{key}"
    with _building:
        if template.is_dir():
            return template
        try:
            cache.mkdir(parents=True, exist_ok=True)
            building = Path(tempfile.mkdtemp(prefix=".profile-", dir=cache))
        except OSError:
            return None
        try:
            _initialise(libreoffice, building / "profile")
            os.replace(building / "profile", template)  # another reportgen may have won
        except OSError:
            pass
        finally:
            shutil.rmtree(building, ignore_errors=True)
        return template if template.is_dir() else None


def _initialise(libreoffice: LibreOffice, profile: Path) -> None:
    _record_version(libreoffice, profile)
    for _ in range(3):  # 81 the first time, 0 once the profile is complete
        result = subprocess.run(
            [
                str(libreoffice.program),
                "--headless",
                "--norestore",
                "--nolockcheck",
                f"-env:UserInstallation={profile.absolute().as_uri()}",
                "--terminate_after_init",
            ],
            capture_output=True,
            env=office_environment(),
            timeout=120,
            check=False,
        )
        if result.returncode != RESTART_ME:
            break
    if result.returncode != 0:
        raise OSError(f"soffice.bin exited with {result.returncode}")
