#!/usr/bin/env bash
# Sets up everything reportgen needs, from nothing, and does nothing when all is in place.
#   scripts/setup.sh        # Debian packages (install-debian-packages.sh), then .venv
#                           # with reportgen and its dev tools
# Safe to run again: it installs only what is missing, and reinstalls the Python
# packages only when pyproject.toml changes.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-debian-packages.sh

VENV=${VENV:-.venv}
STAMP="$VENV/.setup-stamp"

find_python() {
    for candidate in python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

if [ ! -x "$VENV/bin/python" ]; then
    python=$(find_python) || {
        echo "需要 Python 3.11 或更高版本（含 venv 模块）。Debian/Ubuntu: apt-get install python3 python3-venv" >&2
        exit 1
    }
    echo "创建虚拟环境 $VENV（$python）"
    "$python" -m venv "$VENV"
fi

want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ "$(cat "$STAMP" 2>/dev/null)" != "$want" ]; then
    echo "安装 reportgen 及开发工具到 $VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e '.[dev]'
    echo "$want" >"$STAMP"
fi
