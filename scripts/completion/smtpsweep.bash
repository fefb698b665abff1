# bash completion for smtpsweep(1). Installed as
# share/bash-completion/completions/smtpsweep and loaded on demand by
# bash-completion. Keeps to the flags of `smtpsweep --help` and the
# `report` subcommand; values are completed only where a fixed set or a file
# makes sense (formats, ports, files), never by running the scanner.
_smtpsweep() {
    local cur prev
    COMPREPLY=()
    cur="${COMP_WORDS[COMP_CWORD]}"
    prev="${COMP_WORDS[COMP_CWORD-1]}"

    if [[ ${COMP_WORDS[1]:-} == report && $COMP_CWORD -gt 1 ]]; then
        case "$prev" in
            -o|--output) compopt -o filenames 2>/dev/null
                         COMPREPLY=($(compgen -f -- "$cur")); return ;;
            --title) return ;;
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "-o --output --title -h --help" -- "$cur"))
        else
            compopt -o filenames 2>/dev/null
            COMPREPLY=($(compgen -f -- "$cur"))
        fi
        return
    fi

    case "$prev" in
        -f|--format)
            COMPREPLY=($(compgen -W "ndjson csv sqlite postgres" -- "$cur")); return ;;
        -p|--ports)
            COMPREPLY=($(compgen -W "25,465,587 25 465 587 25,587" -- "$cur")); return ;;
        -o|--output|--exclude|--resume|--ca-file)
            compopt -o filenames 2>/dev/null
            COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --log-format)
            COMPREPLY=($(compgen -W "text json" -- "$cur")); return ;;
        -c|--concurrency|-r|--rate|-t|--threads|--connect-timeout|--timeout|\
        --seed|--shards|--shard|--ehlo|--http)
            return ;;
    esac

    if [[ $cur == -* ]]; then
        local opts="-p --ports -o --output -f --format -c --concurrency -r --rate
            -t --threads --connect-timeout --timeout --ca-file --exclude
            --no-default-exclude --seed --shards --shard --ehlo --relay-check
            --resume --dry-run -q --quiet -v --verbose -h --help -V --version
            --http --log-format"
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    elif [[ $cur == @* ]]; then
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -f -P @ -- "${cur#@}"))
    elif [[ $COMP_CWORD -eq 1 ]]; then
        COMPREPLY=($(compgen -W "report" -- "$cur"))
    fi
}
complete -F _smtpsweep smtpsweep
