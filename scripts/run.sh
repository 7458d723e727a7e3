#!/usr/bin/env bash
# Run lowcarbon-desk from this checkout: set up (fast when already done), then start the
# program with the given arguments. The program itself handles a missing database (opens the
# demo database) and a missing display (prints a message).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
exec "$ROOT/.venv/bin/lowcarbon-desk" "$@"
