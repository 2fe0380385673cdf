# bash completion for dschemac(1)
_dschemac() {
    local cur prev
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    case $prev in
        -f|--format)
            COMPREPLY=($(compgen -W 'graphql introspection json mermaid dot' -- "$cur")); return ;;
        --diagnostics-format)
            COMPREPLY=($(compgen -W 'gcc json sarif' -- "$cur")); return ;;
        -o|--output)
            COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --max-errors)
            return ;;
    esac
    case $cur in
        --format=*) COMPREPLY=($(compgen -W 'graphql introspection json mermaid dot' -- "${cur#*=}")); return ;;
        --diagnostics-format=*) COMPREPLY=($(compgen -W 'gcc json sarif' -- "${cur#*=}")); return ;;
        --color=*) COMPREPLY=($(compgen -W 'never always auto' -- "${cur#*=}")); return ;;
        -*)
            COMPREPLY=($(compgen -W '-f --format= -o --output= --check -q --quiet --werror
                --max-errors= --diagnostics-format= --color --color= -h --help -V --version' -- "$cur"))
            return ;;
    esac
    COMPREPLY=($(compgen -f -X '!*.@(yaml|yml)' -- "$cur") $(compgen -d -- "$cur"))
}
complete -o filenames -F _dschemac dschemac
