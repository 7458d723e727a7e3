#!/usr/bin/env bash
# Prepare this checkout for running and testing lowcarbon-desk.
#
#  1. As root on a Debian-like system: install the system packages listed below that are
#     missing (apt-get update runs only when something must be installed).
#  2. Create the virtual environment .venv in the repo root if missing, and
#     `pip install -e '.[dev]'` into it unless .venv/.lowcarbon-desk-installed is newer than
#     pyproject.toml.
#
# Idempotent; a second run takes well under a second. Works from any cwd. All output goes to
# stderr so that scripts/run.sh keeps stdout clean for the program.
#
# Environment:
#   PYTHON=/path/to/python3.11+   interpreter for a new .venv (default: python3, python3.12, python3.11)
#   LCD_SKIP_APT=1                never touch system packages
#   LCD_FORCE_PIP=1               reinstall into .venv even when the stamp is fresh
set -euo pipefail
exec 1>&2

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
STAMP="$VENV/.lowcarbon-desk-installed"

# --- system packages -------------------------------------------------------------------------
# Checked on Debian 12 with PySide6-Essentials 6.12 (ldd of the Qt modules and platform plugins
# plus /proc/self/maps of a running QApplication):
#
# Needed for `import PySide6.QtWidgets` and a QApplication on the offscreen platform (tests):
# libQt6Gui links libEGL, libGL, libX11, libfontconfig, libfreetype, libxkbcommon, libglib and
# libQt6DBus, which links libdbus-1; the offscreen plugin links libX11 as well.
APT_QT_OFFSCREEN=(libegl1 libgl1 libx11-6 libfontconfig1 libfreetype6 libxkbcommon0
    libglib2.0-0 libdbus-1-3)
# Needed only for a real window on X11 / Xvfb (xcb platform plugin, libqxcb.so and
# libQt6XcbQpa.so link them; the other libxcb-* libraries come in as their dependencies).
# Qt aborts at start without libxcb-cursor0.
APT_QT_XCB=(libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0
    libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1)
# Tools used by tests and manual checks: a virtual X screen, PDF inspection (pdftotext,
# pdffonts, pdftoppm), headless LibreOffice for checking exported workbooks, zbarimg for the
# QR code on record PDFs, qpdf for the structural check of every PDF (tests/reports/test_pdfa.py).
# (benchmarks/bench_startup.py watches the X server itself through libX11, which comes with
# libx11-xcb1 above.)
APT_TOOLS=(xvfb xauth poppler-utils libreoffice-calc zbar-tools qpdf)

apt_installed() {
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = "installed" ]
}

if [ "${LCD_SKIP_APT:-0}" != "1" ] && command -v dpkg-query >/dev/null 2>&1; then
    missing=()
    for pkg in "${APT_QT_OFFSCREEN[@]}" "${APT_QT_XCB[@]}" "${APT_TOOLS[@]}"; do
        apt_installed "$pkg" || missing+=("$pkg")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
            echo "setup: installing system packages: ${missing[*]}"
            export DEBIAN_FRONTEND=noninteractive
            # Another apt process may hold the locks for a while; wait for it.
            ok=0
            for _ in 1 2 3 4 5 6; do
                if apt-get -q -o DPkg::Lock::Timeout=120 update; then ok=1; break; fi
                echo "setup: apt-get update failed, retrying in 10 s"
                sleep 10
            done
            [ "$ok" = 1 ] || { echo "setup: apt-get update failed"; exit 1; }
            apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=300 \
                "${missing[@]}"
        else
            echo "setup: warning: missing system packages (install them as root):"
            echo "       apt-get install --no-install-recommends ${missing[*]}"
        fi
    fi
fi

# --- virtual environment ---------------------------------------------------------------------
pick_python() {
    local cand
    for cand in ${PYTHON:-} python3 python3.13 python3.12 python3.11; do
        if command -v "$cand" >/dev/null 2>&1 \
            && "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$cand"
            return 0
        fi
    done
    echo "setup: no Python >= 3.11 found (set PYTHON=...)" >&2
    return 1
}

# Serialise concurrent setups of the same checkout (run.sh and test.sh at once).
if command -v flock >/dev/null 2>&1; then
    lock="${TMPDIR:-/tmp}/lowcarbon-desk-setup-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1).lock"
    exec 9>"$lock"
    flock 9
fi

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c '' >/dev/null 2>&1; then
    py="$(pick_python)"
    echo "setup: creating $VENV with $("$py" --version 2>&1)"
    rm -rf "$VENV"
    "$py" -m venv "$VENV"
fi

if [ "${LCD_FORCE_PIP:-0}" = "1" ] || [ ! -f "$STAMP" ] || [ "$ROOT/pyproject.toml" -nt "$STAMP" ]; then
    echo "setup: pip install -e '.[dev]' into .venv"
    rm -f "$STAMP"
    # metadata left in src/ by the setuptools backend used before hatchling: on sys.path it
    # would stand beside the real install's metadata
    rm -rf "$ROOT/src/lowcarbon_desk.egg-info"
    "$VENV/bin/python" -m pip install --disable-pip-version-check -q -e "$ROOT[dev]"
    touch "$STAMP"
fi
