# Shared helpers for scripts/*: sourced, never run. Keeps the repo root,
# the one python we trust and the error helper in a single place.
SMTPSWEEP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# Debian's interpreter: a pyenv python3 earlier on PATH lacks the apt modules.
PYTHON=/usr/bin/python3
JOBS="${SMTPSWEEP_JOBS:-2}"

die() { echo "${0##*/}: $*" >&2; exit 1; }
note() { echo "${0##*/}: $*" >&2; }
