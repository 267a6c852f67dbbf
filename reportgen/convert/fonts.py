"""The fonts reportgen's LibreOffice processes draw with: ours, and a folder of the user's.

fonts/fonts.conf maps the official fonts the templates name (仿宋_GB2312, 楷体_GB2312,
方正小标宋简体 …) to free fonts of the same style. No free 仿宋 covers GB 2312, so a user
who has the real fonts (copied from Windows: simfang.ttf, simkai.ttf …) gives their folder
(`--fonts DIR` or REPORTGEN_FONTS): a fontconfig file made for it puts those fonts before
the free ones. FONTCONFIG_FILE is set for our processes only, never for the user's session.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from xml.sax.saxutils import escape

from reportgen.source.files import package_file

FONTS_CONF = package_file("reportgen.convert", "fonts.conf")
FONTS_VARIABLE = "REPORTGEN_FONTS"
# official name → the user's fonts of that style, best first (Windows names them so)
USER_FONTS = {
    "仿宋_GB2312": ("FangSong_GB2312", "FangSong", "仿宋"),
    "仿宋": ("FangSong", "FangSong_GB2312"),
    "FangSong_GB2312": ("FangSong", "仿宋"),
    "方正仿宋_GBK": ("FangSong", "仿宋"),
    "楷体_GB2312": ("KaiTi_GB2312", "KaiTi", "楷体"),
    "楷体": ("KaiTi", "KaiTi_GB2312"),
    "KaiTi_GB2312": ("KaiTi", "楷体"),
    "方正楷体_GBK": ("KaiTi", "楷体"),
    "方正黑体_GBK": ("SimHei", "黑体"),
    "方正小标宋_GBK": ("方正小标宋简体", "FZXiaoBiaoSong-B05S"),
    "方正小标宋简体": ("FZXiaoBiaoSong-B05S",),
}


def fonts_folder(folder: Path | str | None = None) -> Path | None:
    """The user's font folder: given, or REPORTGEN_FONTS, or none."""
    chosen = folder or os.environ.get(FONTS_VARIABLE)
    return Path(chosen).absolute() if chosen else None


def fontconfig_file(folder: Path | None) -> Path:
    """fonts.conf, or a file for the user's folder made from it (kept in the cache)."""
    if folder is None:
        return FONTS_CONF
    key = hashlib.sha256(f"{folder}\0{FONTS_CONF.read_bytes()!r}".encode()).hexdigest()[:16]
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "reportgen"
    target = cache / f"fonts-{key}.conf"
    aliases = "".join(
        f'  <alias binding="same"><family>{escape(official)}</family><accept>'
        + "".join(f"<family>{escape(name)}</family>" for name in names)
        + "</accept></alias>\n"
        for official, names in USER_FONTS.items()
    )
    # the folder's own cache: fontconfig would otherwise write one into the system's
    # cache for each folder and subfolder, and never remove them
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig>\n  <dir>{escape(str(folder))}</dir>\n"
        f"  <cachedir>{escape(str(cache / f'fonts-{key}'))}</cachedir>\n"
        f'  <include ignore_missing="no">{escape(str(FONTS_CONF))}</include>\n'
        + aliases  # after the include: before the free fonts, which its aliases put first
        + "</fontconfig>\n"
    )
    try:
        if not target.is_file() or target.read_text("utf-8") != text:
            cache.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(f".{os.getpid()}.part")
            partial.write_text(text, "utf-8")
            os.replace(partial, target)
    except OSError:
        return FONTS_CONF  # no writable cache: the free fonts, as without a folder
    return target


def office_environment(fonts: Path | str | None = None) -> dict[str, str]:
    """The environment of reportgen's LibreOffice processes: the user's, plus our fonts,
    and a UTF-8 character set whatever the locale (locale_note)."""
    environment = os.environ | {"FONTCONFIG_FILE": str(fontconfig_file(fonts_folder(fonts)))}
    if not is_utf8(character_locale()):
        environment["LC_ALL"] = UTF8_LOCALE
    return environment


UTF8_LOCALE = "C.UTF-8"  # every glibc has it (Debian's libc-bin); no language, only UTF-8


def character_locale() -> str:
    """The locale that decides the character set: LC_ALL, else LC_CTYPE, else LANG.
    Under LC_ALL=C (cron, CI, scripts) LibreOffice cannot read a Chinese file name:
    every report book failed with "type detection failed"."""
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        if os.environ.get(name):
            return os.environ[name]
    return "C"


def is_utf8(locale: str) -> bool:
    return locale.lower().replace("-", "").endswith(("utf8", "utf8@euro"))


def official_fonts() -> dict[str, str]:
    """Official font name → the free font fonts.conf maps it to."""
    mapping = {}
    for alias in ElementTree.parse(FONTS_CONF).getroot().iter("alias"):
        official = alias.findtext("family")
        free = alias.findtext("accept/family")
        if official and free:
            mapping[official] = free
    return mapping


def matched_font(family: str, fonts: Path | str | None = None) -> str | None:
    """The installed family fontconfig gives LibreOffice for `family` (our config), if known."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    result = subprocess.run(
        [fc_match, "-f", "%{family[0]}", f"{family}:lang=zh-cn"],
        capture_output=True,
        text=True,
        env=office_environment(fonts),
        timeout=30,
        check=False,
    )
    return result.stdout.strip() or None


def folder_families(folder: Path) -> list[str]:
    """The font families in the user's folder (fc-scan), for `reportgen doctor`."""
    fc_scan = shutil.which("fc-scan")
    if fc_scan is None or not folder.is_dir():
        return []
    result = subprocess.run(
        [fc_scan, "--format", "%{family[0]}\\n", str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return sorted({line.strip() for line in result.stdout.splitlines() if line.strip()})
