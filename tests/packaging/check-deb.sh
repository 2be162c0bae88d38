#!/usr/bin/env bash
# Builds the Debian package with cpack and checks it the way a distribution would:
#   check-deb.sh BUILD_DIR WORK_DIR SOURCE_DIR
# - cpack makes the .deb and the -dbgsym package (into WORK_DIR, not the build tree's own output);
# - lintian finds no error and no warning except those in lintian-tolerated.txt (with reasons);
# - the desktop file and the AppStream metainfo validate;
# - control fields: Depends has the Qt SVG plugins' package, python3-numpy, Recommends redis-tools;
# - the three programs and the Python module are stripped, their debug info is in the -dbgsym
#   package under the build id;
# - man pages, bash completion, systemd user unit are where Debian looks for them;
# - the package unpacked into a scratch root runs: e2ictl --help, e2i-kernels --help,
#   e2i-console --version and e2ictl --version; Debian's python3 imports e2i_kernels from it.
set -euo pipefail

build=$1
work=$2
source=$3
here=$(cd "$(dirname "$0")" && pwd)
cpack=${CPACK_COMMAND:-cpack}
programs=(e2i-console e2ictl e2i-kernels)
# The Python module is in the package unless the build turned it off (the asan preset does).
grep -q '^E2I_PYTHON_MODULE:BOOL=ON$' "$build/CMakeCache.txt" && with_module=yes || with_module=

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
note() { echo "-- $*"; }

for tool in lintian desktop-file-validate appstreamcli dpkg-deb readelf help2man; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (scripts/debian-packages.txt lists it)" >&2; exit 1; }
done

rm -rf "$work"
mkdir -p "$work/out"

# 1. The package. cpack first brings the build up to date (its preinstall step).
note "cpack"
start=$SECONDS
"$cpack" --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 || {
    cat "$work/cpack.log" >&2; echo "FAIL: cpack" >&2; exit 1; }
note "cpack took $((SECONDS - start)) s"
deb=$(find "$work/out" -maxdepth 1 -name 'e2i-ops-console_*.deb' | head -n1)
dbgsym_deb=$(find "$work/out" -maxdepth 1 -name 'e2i-ops-console-dbgsym_*.deb' | head -n1)
[ -n "$deb" ] || { echo "FAIL: no e2i-ops-console .deb from cpack" >&2; exit 1; }
[ -n "$dbgsym_deb" ] || { echo "FAIL: no e2i-ops-console-dbgsym .deb from cpack" >&2; exit 1; }
note "$(basename "$deb"): $(stat -c %s "$deb") bytes, Installed-Size $(dpkg-deb -f "$deb" Installed-Size) KiB"
note "$(basename "$dbgsym_deb"): $(stat -c %s "$dbgsym_deb") bytes, Installed-Size $(dpkg-deb -f "$dbgsym_deb" Installed-Size) KiB"

# 2. lintian: errors always fail; warnings fail unless tolerated (lintian-tolerated.txt says why).
note "lintian"
if ! lintian --allow-root --fail-on error,warning --suppress-tags-from-file "$here/lintian-tolerated.txt" \
        --tag-display-limit 0 --display-info "$deb" "$dbgsym_deb" >"$work/lintian.log" 2>&1; then
    cat "$work/lintian.log" >&2
    fail "lintian"
else
    cat "$work/lintian.log"
fi

# 3. Control fields.
depends=$(dpkg-deb -f "$deb" Depends)
recommends=$(dpkg-deb -f "$deb" Recommends)
note "Depends: $depends"
note "Recommends: $recommends"
grep -Eq '(^|, )libqt6svg6( |,|$)' <<<"$depends" || fail "Depends lacks libqt6svg6 (the SVG image plugin)"
grep -Eq '(^|, )libqt6widgets6( |,|$)' <<<"$depends" || fail "Depends lacks the shlibdeps result (libqt6widgets6)"
grep -Eq '(^|, )redis-tools( |,|$)' <<<"$recommends" || fail "Recommends lacks redis-tools"
if [ -n "$with_module" ]; then
    grep -Eq '(^|, )python3-numpy( |,|$)' <<<"$depends" || fail "Depends lacks python3-numpy (the Python module's arrays)"
fi
[ "$(dpkg-deb -f "$dbgsym_deb" Depends)" = "$(dpkg-deb -f "$deb" Package) (= $(dpkg-deb -f "$deb" Version))" ] ||
    fail "the debug package does not depend on exactly this version of the package"

# 4. Unpack both into a scratch root.
root=$work/root
dbg=$work/dbgsym
dpkg-deb -x "$deb" "$root"
dpkg-deb -x "$dbgsym_deb" "$dbg"

# 5. Desktop file and metainfo, as installed.
desktop-file-validate "$root/usr/share/applications/io.e2i.OpsConsole.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net --pedantic "$root/usr/share/metainfo/io.e2i.OpsConsole.metainfo.xml" ||
    fail "appstreamcli validate"

# 6. Files where Debian looks for them.
for f in usr/share/icons/hicolor/scalable/apps/io.e2i.OpsConsole.svg \
         usr/lib/systemd/user/e2i-recorder@.service \
         usr/share/bash-completion/completions/e2ictl \
         usr/share/doc/e2i-ops-console/copyright \
         usr/share/doc/e2i-ops-console/changelog.gz; do
    [ -f "$root/$f" ] || fail "missing /$f"
done
for p in "${programs[@]}"; do
    page=$root/usr/share/man/man1/$p.1.gz
    if [ ! -f "$page" ]; then
        fail "missing manual page /usr/share/man/man1/$p.1.gz"
        continue
    fi
    gzip -t "$page" || fail "$p.1.gz is not a valid gzip file"
    grep -q '^\.SH DESCRIPTION' <<<"$(zcat "$page")" || fail "$p(1) has no DESCRIPTION"
    grep -q '^\.SH NAME' <<<"$(zcat "$page")" || fail "$p(1) has no NAME"
done

# 7. Stripped programs and Python module; their debug info in the debug package, found by build id.
python_dir=usr/lib/python3/dist-packages
module=$(cd "$root" && find "$python_dir" -maxdepth 1 -name 'e2i_kernels.cpython-*.so' 2>/dev/null | head -n1)
[ -n "$module" ] || [ -z "$with_module" ] || fail "missing /$python_dir/e2i_kernels.cpython-*.so (the Python module)"
for p in "${programs[@]/#/usr/bin/}" ${module:+"$module"}; do
    bin=$root/$p
    [ -f "$bin" ] || { fail "missing /$p"; continue; }
    sections=$(readelf -S -W "$bin")
    grep -q '\.debug_info' <<<"$sections" && fail "/$p still has .debug_info"
    id=$(readelf -n "$bin" | sed -n 's/^ *Build ID: *\([0-9a-f]*\)$/\1/p')
    [ -n "$id" ] || { fail "/$p has no build id"; continue; }
    debug=$dbg/usr/lib/debug/.build-id/${id:0:2}/${id:2}.debug
    if [ ! -f "$debug" ]; then
        fail "no $debug for /$p"
        continue
    fi
    # (through a variable: grep -q would end the pipe early, and pipefail would call it a failure)
    grep -q '\.debug_info' <<<"$(readelf -S -W "$debug" 2>/dev/null)" || fail "$debug has no .debug_info"
    note "$p: $(stat -c %s "$bin") bytes stripped, $(stat -c %s "$debug") bytes of debug info"
done

# 8. The programs run from the scratch root (their libraries are the system's).
export QT_QPA_PLATFORM=offscreen XDG_STATE_HOME=$work/state XDG_CONFIG_HOME=$work/config
out=$("$root/usr/bin/e2ictl" --help) || fail "e2ictl --help exits $?"
grep -q '^usage: e2ictl' <<<"$out" || fail "e2ictl --help prints no usage"
out=$("$root/usr/bin/e2i-kernels" --help) || fail "e2i-kernels --help exits $?"
grep -q '^usage: e2i-kernels' <<<"$out" || fail "e2i-kernels --help prints no usage"
version=$(dpkg-deb -f "$deb" Version)
for p in e2i-console e2ictl; do
    out=$("$root/usr/bin/$p" --version) || fail "$p --version exits $?"
    grep -q "$version" <<<"$out" || fail "$p --version prints '$out', not $version"
done
# Debian's python3 (not a pyenv one first on PATH), as the platform's worker image runs it.
if [ -n "$module" ]; then
    out=$(PYTHONPATH=$root/$python_dir /usr/bin/python3 -c 'import e2i_kernels; print(e2i_kernels.__version__)') ||
        fail "/usr/bin/python3 cannot import e2i_kernels from the package"
    grep -q "$version" <<<"$out" || fail "e2i_kernels.__version__ is '$out', not $version"
fi

# 9. The bash completion completes commands and options.
completion=/usr/share/bash-completion/bash_completion
if [ -f "$completion" ]; then
    got=$(bash -c '
        source "$1"; source "$2"
        complete_words() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
                           COMPREPLY=(); _e2ictl e2ictl "${COMP_WORDS[-1]}" "${COMP_WORDS[-2]}"; echo "${COMPREPLY[*]}"; }
        complete_words e2ictl ba
        complete_words e2ictl status --wa
        complete_words e2ictl history ex
        complete_words e2ictl history export --format c
        complete_words e2ictl export pro
        complete_words e2ictl --env staging re' _ "$completion" "$root/usr/share/bash-completion/completions/e2ictl")
    expected=$'backup backups\n--watch\nexport\ncsv\nprometheus-rules\nrestore record'
    [ "$got" = "$expected" ] || fail "bash completion: got '$got', expected '$expected'"
    # Every command e2ictl --help lists is completed (the list is kept by hand).
    listed=$("$root/usr/bin/e2ictl" --help | sed -n '/^commands:/,/^times:/s/^  \([a-z]\+\) .*/\1/p' | sort -u)
    offered=$(bash -c '
        source "$1"; source "$2"
        COMP_WORDS=(e2ictl ""); COMP_CWORD=1; COMP_LINE="e2ictl "; COMP_POINT=${#COMP_LINE}
        COMPREPLY=(); _e2ictl e2ictl "" e2ictl; printf "%s\n" "${COMPREPLY[@]}"' _ "$completion" \
        "$root/usr/share/bash-completion/completions/e2ictl" | sort -u)
    [ -n "$listed" ] && [ "$listed" = "$offered" ] ||
        fail "bash completion offers '$(echo $offered)', e2ictl --help lists '$(echo $listed)'"
else
    bash -n "$root/usr/share/bash-completion/completions/e2ictl" || fail "bash completion does not parse"
    fail "bash-completion is not installed: cannot try the completion"
fi

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed" >&2
    exit 1
fi
note "package checks passed"
