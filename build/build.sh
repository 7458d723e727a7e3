#!/usr/bin/env bash
# Build the one-folder bundle with PyInstaller (build/lowcarbon-desk.spec) and check it:
# no dangling links, at most LCD_BUNDLE_MAX_MB, `--self-test` passes, and a command-line smoke
# test on a throw-away database. Any failure exits non-zero. (Windows: build/build.ps1.)
#
# PyInstaller's work and output folders are kept outside the repository:
#   LCD_BUILD_DIR       default: ../lowcarbon-desk-build beside the repository
#   LCD_BUILD_WORKPATH  default: $LCD_BUILD_DIR/work
#   LCD_BUILD_DISTPATH  default: $LCD_BUILD_DIR/dist  (the bundle is $LCD_BUILD_DISTPATH/lowcarbon-desk)
#   LCD_BUILD_CLEAN=1   empty PyInstaller's cache first (slower)
#   LCD_BUNDLE_MAX_MB   size limit of the bundle in MB (default 200)
# Extra arguments are passed to pyinstaller.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${LCD_BUILD_DIR:-$(dirname "$ROOT")/lowcarbon-desk-build}"
WORK="${LCD_BUILD_WORKPATH:-$OUT/work}"
DIST="${LCD_BUILD_DISTPATH:-$OUT/dist}"
MAX_MB="${LCD_BUNDLE_MAX_MB:-200}"
VENV="$ROOT/.venv"

case "$WORK/" in "$ROOT"/*) echo "build: the work folder $WORK is inside the repository" >&2; exit 1 ;; esac
case "$DIST/" in "$ROOT"/*) echo "build: the output folder $DIST is inside the repository" >&2; exit 1 ;; esac

bash "$ROOT/scripts/setup.sh"
if ! "$VENV/bin/python" -c 'import PyInstaller' >/dev/null 2>&1; then
    echo "build: installing the build extra (PyInstaller) into .venv" >&2
    "$VENV/bin/python" -m pip install --disable-pip-version-check -q -e "$ROOT[build]"
fi

mkdir -p "$WORK" "$DIST"
clean=()
[ "${LCD_BUILD_CLEAN:-0}" = "1" ] && clean=(--clean)

started=$(date +%s)
"$VENV/bin/python" -m PyInstaller --noconfirm --log-level WARN "${clean[@]}" \
    --workpath "$WORK" --distpath "$DIST" "$@" "$ROOT/build/lowcarbon-desk.spec"
echo "build: PyInstaller took $(( $(date +%s) - started )) s"

BUNDLE="$DIST/lowcarbon-desk"
PROGRAM="$BUNDLE/lowcarbon-desk"

# --- the folder ------------------------------------------------------------------------------
dangling="$(find "$BUNDLE" -xtype l)"
if [ -n "$dangling" ]; then
    echo "build: dangling links in the bundle:" >&2
    echo "$dangling" >&2
    exit 1
fi
size_mb=$(du -sm "$BUNDLE" | cut -f1)
echo "build: bundle at $BUNDLE: ${size_mb} MB, $(find "$BUNDLE" -type f | wc -l) files"
if [ "$size_mb" -gt "$MAX_MB" ]; then
    echo "build: the bundle is ${size_mb} MB, more than the limit of ${MAX_MB} MB" >&2
    exit 1
fi

# --- the program checks itself (offscreen window when there is no display) ------------------
started=$(date +%s%N)
if ! "$PROGRAM" --self-test; then
    echo "build: the bundle's --self-test failed" >&2
    exit 1
fi
ms=$(( ($(date +%s%N) - started) / 1000000 ))
echo "build: self-test took $((ms / 1000)).$(( (ms % 1000) / 100 )) s (with the program's start)"

# --- the command line, as a user types it, on a throw-away database ---------------------------
SMOKE="$(mktemp -d)"
trap 'rm -rf "$SMOKE"' EXIT
run() { LOWCARBON_DESK_HOME="$SMOKE/home" "$PROGRAM" --db "$SMOKE/smoke.db" "$@"; }
run demo --enterprises 2 >/dev/null
record="$(run record list --form energy_budget | head -1 | cut -f1)"
run export pdf "$record" -o "$SMOKE/record.pdf" >/dev/null
run export xlsx --all -o "$SMOKE/all.xlsx" >/dev/null
run export template -o "$SMOKE/template.xlsx" >/dev/null
run export rollup --year 2025 -o "$SMOKE/rollup.pdf" >/dev/null
org="$(run org list --kind enterprise | head -1 | cut -f1)"
run package create --org "$org" --period 2025 -o "$SMOKE/" >/dev/null
run package verify "$SMOKE"/*.lcpkg >/dev/null
echo "build: command-line smoke test passed (demo, PDF, workbook, roll-up, package create and verify)"
