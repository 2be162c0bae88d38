#!/bin/sh
# help2man runs this as "help.sh --help": it runs $E2I_MAN_PROGRAM with the same
# arguments and capitalises a leading "usage:", which help2man needs to make the
# SYNOPSIS (e2ictl and e2i-kernels print it in lower case).
out=$("$E2I_MAN_PROGRAM" "$@") || exit $?
printf '%s\n' "$out" | sed 's/^usage: /Usage: /'
