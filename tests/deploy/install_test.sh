#!/usr/bin/env bash
# `cmake --install` into a fresh prefix lays out the binary, the man page,
# bash and zsh completion and the docs; the installed binary runs and reports
# the project version; the man page renders without groff warnings and, like
# both completions, names every long option that `--help` lists.
# Usage: install_test.sh BUILD_DIR VERSION
set -euo pipefail

build="${1:?usage: install_test.sh BUILD_DIR VERSION}"
version="${2:?usage: install_test.sh BUILD_DIR VERSION}"
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT
fail() { echo "install_test.sh: FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >/dev/null

bin="$prefix/bin/smtpsweep"
man="$prefix/share/man/man1/smtpsweep.1"
bash_comp="$prefix/share/bash-completion/completions/smtpsweep"
zsh_comp="$prefix/share/zsh/vendor-completions/_smtpsweep"
for f in "$bin" "$man" "$bash_comp" "$zsh_comp"; do
    [[ -s $f ]] || fail "not installed: ${f#"$prefix"/}"
done
[[ -x $bin ]] || fail "bin/smtpsweep is not executable"
[[ -s $prefix/share/doc/smtpsweep/record.schema.json ]] || fail "docs not in share/doc/smtpsweep"

first="$("$bin" --version | head -n 1)"
[[ $first == "smtpsweep $version" ]] || fail "--version says '$first', expected 'smtpsweep $version'"

if command -v groff >/dev/null; then
    warnings="$(groff -man -Tutf8 -ww -z "$man" 2>&1)"
    [[ -z $warnings ]] || fail "groff warnings in smtpsweep.1: $warnings"
fi

# Every long option of --help must be documented and completed.
options="$("$bin" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u)"
[[ -n $options ]] || fail "--help lists no long options"
for opt in $options; do
    grep -qF -- "${opt//-/\\-}" "$man" || fail "man page does not mention $opt"
    grep -qwF -- "$opt" "$bash_comp" || fail "bash completion lacks $opt"
    grep -qF -- "$opt" "$zsh_comp" || fail "zsh completion lacks $opt"
done
bash -n "$bash_comp" || fail "bash completion has a syntax error"
if command -v zsh >/dev/null; then
    zsh -n "$zsh_comp" || fail "zsh completion has a syntax error"
fi
echo "install_test.sh: ok ($(wc -w <<<"$options") options checked)"
