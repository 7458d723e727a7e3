#!/usr/bin/env bash
# Build the one-folder bundle with PyInstaller (build/lowcarbon-desk.spec).
#
# PyInstaller's work and output folders are kept outside the repository:
#   LCD_BUILD_DIR       default: ../lowcarbon-desk-build beside the repository
#   LCD_BUILD_WORKPATH  default: $LCD_BUILD_DIR/work
#   LCD_BUILD_DISTPATH  default: $LCD_BUILD_DIR/dist  (the bundle is $LCD_BUILD_DISTPATH/lowcarbon-desk)
#   LCD_BUILD_CLEAN=1   empty PyInstaller's cache first (slower)
# Extra arguments are passed to pyinstaller.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${LCD_BUILD_DIR:-$(dirname "$ROOT")/lowcarbon-desk-build}"
WORK="${LCD_BUILD_WORKPATH:-$OUT/work}"
DIST="${LCD_BUILD_DISTPATH:-$OUT/dist}"
VENV="$ROOT/.venv"

bash "$ROOT/scripts/setup.sh"
if ! "$VENV/bin/python" -c 'import PyInstaller' >/dev/null 2>&1; then
    echo "build: installing the build extra (PyInstaller) into .venv" >&2
    "$VENV/bin/python" -m pip install --disable-pip-version-check -q -e "$ROOT[build]"
fi

mkdir -p "$WORK" "$DIST"
clean=()
[ "${LCD_BUILD_CLEAN:-0}" = "1" ] && clean=(--clean)

"$VENV/bin/python" -m PyInstaller --noconfirm --log-level WARN "${clean[@]}" \
    --workpath "$WORK" --distpath "$DIST" "$@" "$ROOT/build/lowcarbon-desk.spec"

BUNDLE="$DIST/lowcarbon-desk"
echo "build: bundle at $BUNDLE ($(du -sh "$BUNDLE" | cut -f1))"
if "$BUNDLE/lowcarbon-desk" --help >/dev/null 2>&1; then
    echo "build: '$BUNDLE/lowcarbon-desk --help' runs"
else
    echo "build: warning: '$BUNDLE/lowcarbon-desk --help' failed" >&2
    exit 1
fi

# Smoke test of the bundle on a throw-away database: every layer that loads modules or data
# files at run time (forms, reference data, font, reportlab's barcode encoders, openpyxl).
SMOKE="$(mktemp -d)"
trap 'rm -rf "$SMOKE"' EXIT
run() { LOWCARBON_DESK_HOME="$SMOKE/home" "$BUNDLE/lowcarbon-desk" --db "$SMOKE/smoke.db" "$@"; }
run demo --enterprises 2 >/dev/null
record="$(run record list --form energy_budget | head -1 | cut -f1)"
run export pdf "$record" -o "$SMOKE/record.pdf" >/dev/null
run export xlsx -o "$SMOKE/all.xlsx" >/dev/null
run export rollup --year 2025 -o "$SMOKE/rollup.pdf" >/dev/null
org="$(run org list --kind enterprise | head -1 | cut -f1)"
run package create --org "$org" --period 2025 -o "$SMOKE/" >/dev/null
run package verify "$SMOKE"/*.lcpkg >/dev/null
echo "build: smoke test passed (demo, PDF, workbook, roll-up, package create and verify)"
