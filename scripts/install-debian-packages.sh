#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages reportgen uses that are missing, and nothing else.
#   scripts/install-debian-packages.sh     # as root, or with sudo when not root
# Safe to run again: packages already installed are left alone (no apt-get call at all).
# `reportgen doctor` shows what this machine has; scripts/setup.sh runs this first.
set -euo pipefail

# libreoffice-writer-nogui   turns the .docx files into PDF (reportgen starts it headless)
# python3-uno                the UNO bridge reportgen drives LibreOffice with (uno_bridge.py)
# fonts-noto-cjk             Noto Serif/Sans CJK SC: 宋体/仿宋/小标宋 and 黑体 in PDFs, charts
# fonts-lxgw-wenkai          LXGW WenKai: 楷体 in PDFs, the body's stroke weight (all GB 2312 hanzi)
# fonts-arphic-ukai          AR PL UKai CN: 楷体 where WenKai is missing (all 6,763 GB 2312 hanzi)
# fonts-liberation2          Liberation Serif: Times New Roman's widths for Latin text
# libtcmalloc-minimal4       tcmalloc: LibreOffice converts ~10 % faster with it than with glibc's malloc
# poppler-utils              pdftotext, pdfinfo, pdffonts: the tests read the PDFs back
# chromium                   the browser tests drive it through Playwright (reportgen serve)
# chromium-l10n              its zh-CN strings: a date box reads 2023/09/01 and a file button 选择文件,
#                            as a Chinese office's browser shows them (only en-US without it)
DEBIAN_PACKAGES=(
    libreoffice-writer-nogui python3-uno libtcmalloc-minimal4
    fonts-noto-cjk fonts-lxgw-wenkai fonts-arphic-ukai fonts-liberation2
    poppler-utils chromium chromium-l10n
)

missing=()
for package in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
        missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "缺少 ${missing[*]}，且本机没有 apt-get：请用系统的包管理器安装（reportgen doctor 可检查）。" >&2
    exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || {
        echo "安装 ${missing[*]} 需要 root 权限，本机没有 sudo：请以 root 运行 $0" >&2
        exit 1
    }
    sudo="sudo"
fi
echo "安装 Debian 软件包：${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
