#!/bin/sh
# split-debug.sh OUT_DIR PROGRAM...
# Writes each program's debug info to OUT_DIR/.build-id/<xx>/<rest>.debug (compressed),
# the layout gdb and debuginfod look up by build id under /usr/lib/debug. OUT_DIR is
# emptied first, so it holds the debug info of exactly these builds of the programs.
# The programs themselves are stripped when installed for packaging (CPACK_STRIP_FILES).
set -eu
out=$1
shift
rm -rf "$out/.build-id"
for program in "$@"; do
    id=$(readelf -n "$program" | sed -n 's/^ *Build ID: *\([0-9a-f]*\)$/\1/p')
    if [ -z "$id" ]; then
        echo "split-debug.sh: $program has no build id" >&2
        exit 1
    fi
    dir=$out/.build-id/$(echo "$id" | cut -c1-2)
    mkdir -p "$dir"
    objcopy --only-keep-debug --compress-debug-sections=zlib "$program" "$dir/$(echo "$id" | cut -c3-).debug"
    chmod 0644 "$dir/$(echo "$id" | cut -c3-).debug"
done
