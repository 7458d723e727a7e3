#!/usr/bin/env bash
# Run the test suite on Qt's offscreen platform: set up (fast when already done), then
# `python -m pytest "$@"` from the repo root. Exits non-zero when any test fails and also when
# pytest collected no tests at all (pytest's exit code 5).
#
#   bash scripts/test.sh            every test (what CI runs)
#   bash scripts/test.sh --fast     the quick tier: every test not marked `slow` (fuzzing, the
#                                   soak, demo-wide and end-to-end checks, wheel and bundle)
# Other arguments go to pytest as they are, after --fast: `bash scripts/test.sh --fast tests/ui -x`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tier=()
if [ "${1:-}" = "--fast" ]; then
    shift
    tier=(-m "not slow")
fi
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
rc=0
"$ROOT/.venv/bin/python" -m pytest ${tier[@]+"${tier[@]}"} "$@" || rc=$?
if [ "$rc" -eq 5 ]; then
    echo "test.sh: pytest collected no tests; treating that as a failure" >&2
    exit 1
fi
exit "$rc"
