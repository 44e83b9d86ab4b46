#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The Debian package as a user gets it: builds gloss_*.deb from a copy of the
# tree (dpkg-buildpackage -us -uc -b, so the tree stays clean), runs lintian on
# it (errors fail), installs it with apt, runs the installed programs as a new
# user would (gloss-cli on the shared articles, the window under Xvfb, a .gloss
# file opened as from the file manager, the MIME type, the manual pages), then
# removes it and checks that no broken schema or cache is left. Prints TAP.
#
# Needs root (or passwordless sudo) and apt: it installs the build dependencies
# and the package into the system, and removes the package at the end. Run by
# `meson test -C build --suite package` (not part of the default run) and .ci/run.
#
#   GLOSS_SHARED_DATA  shared test data (default: ../shared/data beside the tree)
#   DEB_BUILD_OPTIONS  passed to the package build (e.g. nocheck)
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${GLOSS_SHARED_DATA:-$ROOT/../shared/data}"
VERSION="$(dpkg-parsechangelog -l "$ROOT/debian/changelog" -S Version 2>/dev/null \
           || sed -n '1s/.*(\(.*\)).*/\1/p' "$ROOT/debian/changelog")"

# Tools the checks use, beyond the package's Build-Depends.
TOOLS=(dpkg-dev debhelper lintian xvfb xauth xdotool xdg-utils dbus-daemon man-db)

count=0
failed=0

ok ()
{
  count=$((count + 1))
  echo "ok $count - $*"
}

not_ok ()
{
  count=$((count + 1))
  failed=$((failed + 1))
  echo "not ok $count - $*"
}

skip ()
{
  count=$((count + 1))
  echo "ok $count - $1 # SKIP $2"
}

# check DESCRIPTION COMMAND…: one test line; the command's output goes to the
# log (as TAP comments) when it fails.
check ()
{
  local description="$1" output
  shift
  if output="$("$@" 2>&1)"; then
    ok "$description"
  else
    not_ok "$description"
    sed 's/^/# /' <<< "$output" | tail -n 30
  fi
}

# check_prints DESCRIPTION EXPECTED COMMAND…: the command succeeds and prints
# exactly EXPECTED.
check_prints ()
{
  local description="$1" expected="$2" output
  shift 2
  output="$("$@" 2>&1)"
  if [[ $? -eq 0 && "$output" == "$expected" ]]; then
    ok "$description"
  else
    not_ok "$description"
    echo "# expected: $expected"
    sed 's/^/# got: /' <<< "$output" | tail -n 20
  fi
}

bail_out ()
{
  echo "Bail out! $*"
  exit 1
}

finish ()
{
  echo "1..$count"
  [[ $failed -eq 0 ]]
}

# ---- The window, under xvfb-run (this script runs itself there) -----------------

# Polls for up to ten seconds for N visible gloss windows.
wait_for_windows ()
{
  local n="$1" found=0
  for _ in $(seq 50); do
    found="$(xdotool search --onlyvisible --class gloss 2>/dev/null | wc -l)"
    [[ $found -ge $n ]] && return 0
    sleep 0.2
  done
  echo "$found visible gloss window(s), expected $n"
  return 1
}

window_checks ()
{
  local home="$1" pid status

  export GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1
  # A .gloss file given to gloss opens as that project (created if missing):
  # what a file manager does with Exec=gloss %F.
  gloss "$home/opened.gloss" >"$home/gloss.log" 2>&1 &
  pid=$!
  sleep 3
  check "the installed gloss is still running after 3 s" kill -0 "$pid"
  check "gloss shows a window" wait_for_windows 1
  check "a .gloss argument is the project gloss opens (created)" \
    gloss-cli list "$home/opened.gloss"
  check "no default project made when a .gloss file is given" \
    test ! -e "$XDG_DATA_HOME/gloss/default.gloss"

  # Opened as from the file manager: the desktop file's handler for the type.
  check "gio open PROJECT.gloss starts Gloss on it" gio open "$home/corpus.gloss"
  check "the project opens in a second window" wait_for_windows 2

  # The windows' processes are ours (the second gloss hands its file to the
  # first and exits; this ends it too if it did not).
  for window in $(xdotool search --class gloss 2>/dev/null); do
    xdotool getwindowpid "$window" 2>/dev/null
  done | sort -u | grep -vx "$pid" | xargs -r kill 2>/dev/null
  kill "$pid" 2>/dev/null
  wait "$pid"
  status=$?
  # 143: ended by our SIGTERM, as it should be; anything else is a crash.
  if [[ $status -eq 143 || $status -eq 0 ]]; then
    ok "gloss ends cleanly when asked"
  else
    not_ok "gloss ends cleanly when asked (status $status)"
    sed 's/^/# /' "$home/gloss.log" | tail -n 30
  fi
  echo "1..$count"
  [[ $failed -eq 0 ]]
}

if [[ "${GLOSS_PACKAGE_TEST_STAGE:-}" == window ]]; then
  count="$GLOSS_PACKAGE_TEST_COUNT"
  window_checks "$GLOSS_PACKAGE_TEST_HOME"
  exit
fi

# ---- Preconditions ------------------------------------------------------------

if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg >/dev/null 2>&1; then
  echo "1..0 # SKIP not a Debian system (no apt-get, dpkg)"
  exit 0
fi
as_root=()
if [[ "$(id -u)" -ne 0 ]]; then
  if ! sudo -n true 2>/dev/null; then
    echo "1..0 # SKIP needs root (or passwordless sudo): it installs packages into the system"
    exit 0
  fi
  as_root=(sudo -n)
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/gloss-package.XXXXXX")"
installed_by_us=0
cleanup ()
{
  if [[ $installed_by_us -eq 1 ]]; then
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get remove --purge -y -qq gloss \
      >/dev/null 2>&1
  fi
  rm -rf "$work"
}
trap cleanup EXIT

apt_install ()
{
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "$@"
}

# ---- Build ----------------------------------------------------------------------

missing=()
for pkg in "${TOOLS[@]}"; do
  [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" == "install ok installed" ]] \
    || missing+=("$pkg")
done
updated=0
if [[ ${#missing[@]} -gt 0 ]]; then
  "${as_root[@]}" apt-get update -qq >/dev/null && updated=1
  apt_install "${missing[@]}" >"$work/apt.log" 2>&1 \
    || { sed 's/^/# /' "$work/apt.log" | tail -n 20; bail_out "cannot install ${missing[*]}"; }
fi

# A copy of the tree as it is (tracked and new files, nothing ignored): the
# package build writes into its source tree and beside it.
mkdir "$work/gloss"
if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard \
     | while IFS= read -r -d '' f; do [[ -e "$f" ]] && printf '%s\0' "$f"; done \
     | xargs -0 cp --parents -t "$work/gloss")
else
  tar -C "$ROOT" --exclude='./build*' --exclude='./_build*' --exclude=./build-aux/__pycache__ \
    -cf - . | tar -C "$work/gloss" -xf -
fi

if ! (cd "$work/gloss" && dpkg-checkbuilddeps) >/dev/null 2>&1; then
  [[ $updated -eq 1 ]] || "${as_root[@]}" apt-get update -qq >/dev/null
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get build-dep -y -qq --no-install-recommends "$work/gloss" >"$work/apt.log" 2>&1 \
    || { sed 's/^/# /' "$work/apt.log" | tail -n 20; bail_out "cannot install the Build-Depends"; }
fi
ok "Build-Depends are Debian packages (apt-get build-dep)"

export DEB_BUILD_OPTIONS="${DEB_BUILD_OPTIONS:-parallel=$(nproc)}"
if (cd "$work/gloss" && dpkg-buildpackage -us -uc -b) >"$work/build.log" 2>&1; then
  ok "dpkg-buildpackage -us -uc -b (DEB_BUILD_OPTIONS=$DEB_BUILD_OPTIONS)"
else
  not_ok "dpkg-buildpackage -us -uc -b"
  sed 's/^/# /' "$work/build.log" | tail -n 40
  finish
  exit 1
fi
deb="$work/gloss_${VERSION}_$(dpkg --print-architecture).deb"
[[ -f "$deb" ]] || bail_out "no $deb after the build"

# Errors fail; warnings and the rest are listed.
lintian_output="$(lintian --fail-on error "$work"/gloss_*.changes 2>&1)"
lintian_status=$?
sed 's/^/# lintian: /' <<< "$lintian_output" | grep -v '^# lintian: $'
if [[ $lintian_status -eq 0 ]]; then
  ok "lintian: no errors ($(grep -c '^[WIPX]:' <<< "$lintian_output") other tags)"
else
  not_ok "lintian: errors"
fi

# ---- Install and use ------------------------------------------------------------

if ! apt_install "$deb" >"$work/apt.log" 2>&1; then
  sed 's/^/# /' "$work/apt.log" | tail -n 20
  bail_out "apt-get install $deb failed"
fi
installed_by_us=1
ok "apt-get install ./$(basename "$deb")"

# A new user: nothing from this shell's environment (no schema dir, no session).
home="$work/home"
mkdir -p "$home"
user_env=(env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$home" LANG=C.UTF-8
          XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config"
          XDG_CACHE_HOME="$home/.cache" XDG_RUNTIME_DIR="$home/.run")
mkdir -p -m 700 "$home/.run"
as_user ()
{
  "${user_env[@]}" "$@"
}

check_prints "gloss --version" "gloss $VERSION" as_user gloss --version
check_prints "gloss-cli --version" "gloss-cli $VERSION" as_user gloss-cli --version

articles=()
if [[ -d "$SHARED/articles" ]]; then
  articles=("$SHARED"/articles/*.txt)
fi
if [[ ${#articles[@]} -eq 0 || ! -e "${articles[0]}" ]]; then
  skip "gloss-cli imports and exports the shared articles" "no $SHARED/articles/*.txt"
  printf 'A short article\n\n“We are ready,” the minister said.\n' > "$home/article.txt"
  articles=("$home/article.txt")
fi
check "gloss-cli import corpus.gloss (${#articles[@]} articles)" \
  as_user gloss-cli import "$home/corpus.gloss" "${articles[@]}"
documents="$(as_user gloss-cli list "$home/corpus.gloss" --json 2>/dev/null \
             | grep -o '"id"' | wc -l)"
check "every article is a document ($documents)" test "$documents" -eq "${#articles[@]}"
check "gloss-cli export --format jsonl" \
  as_user gloss-cli export "$home/corpus.gloss" --format jsonl -o "$home/corpus.jsonl"
check "the export has one line a document" \
  test "$(wc -l < "$home/corpus.jsonl")" -eq "$documents"
check "gloss-cli export --format brat -o DIR" \
  as_user gloss-cli export "$home/corpus.gloss" --format brat -o "$home/brat"
check "gloss-cli stats --json, suggest" \
  bash -c '"$@" stats "$0" --json >/dev/null && "$@" suggest "$0" >/dev/null' \
  "$home/corpus.gloss" "${user_env[@]}" gloss-cli

# The window: a fresh session bus (so dconf and GApplication work as on a
# desktop) on a fresh X server.
"${user_env[@]}" GLOSS_PACKAGE_TEST_STAGE=window GLOSS_PACKAGE_TEST_COUNT="$count" \
  GLOSS_PACKAGE_TEST_HOME="$home" \
  xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- bash "$0" > "$work/window.tap" 2>&1
window_status=$?
grep -v '^1\.\.' "$work/window.tap" | sed '/^\(ok\|not ok\|#\)/!s/^/# /'
count="$(sed -n 's/^1\.\.//p' "$work/window.tap" | tail -n 1)"
[[ -n "$count" ]] || bail_out "the window checks did not run (status $window_status)"
[[ $window_status -eq 0 ]] || failed=$((failed + 1))

# The MIME type, by name and by content (xdg-mime asks GIO on GNOME).
cp "$home/corpus.gloss" "$home/corpus-copy"
check_prints "xdg-mime: corpus.gloss is a Gloss project" application/x-gloss-project \
  as_user XDG_CURRENT_DESKTOP=GNOME xdg-mime query filetype "$home/corpus.gloss"
check_prints "xdg-mime: a project named without .gloss is recognised by its header" \
  application/x-gloss-project \
  as_user XDG_CURRENT_DESKTOP=GNOME xdg-mime query filetype "$home/corpus-copy"
check_prints "xdg-mime: Gloss opens application/x-gloss-project" org.gloss.Gloss.desktop \
  as_user xdg-mime query default application/x-gloss-project
check "the GSettings schema is compiled" \
  bash -c '"$@" list-schemas | grep -qx org.gloss.Gloss' _ "${user_env[@]}" gsettings

if grep -qs 'path-exclude.*/usr/share/man' /etc/dpkg/dpkg.cfg.d/*; then
  skip "man -w gloss gloss-cli" "dpkg is told not to install manual pages here"
else
  check "man -w gloss gloss-cli" as_user man -w gloss gloss-cli
fi
check "bash completion for gloss-cli is installed" \
  test -f /usr/share/bash-completion/completions/gloss-cli

# ---- Remove --------------------------------------------------------------------

if "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get remove --purge -y -qq gloss \
     >"$work/apt.log" 2>&1; then
  installed_by_us=0
  ok "apt-get remove --purge gloss"
else
  not_ok "apt-get remove --purge gloss"
  sed 's/^/# /' "$work/apt.log" | tail -n 20
fi
check "nothing of the package is left in /usr" \
  bash -c '! ls /usr/bin/gloss /usr/bin/gloss-cli /usr/share/gloss \
             /usr/share/glib-2.0/schemas/org.gloss.Gloss.gschema.xml 2>/dev/null | grep -q .'
check "the installed schemas still compile (glib-compile-schemas --strict --dry-run)" \
  glib-compile-schemas --strict --dry-run /usr/share/glib-2.0/schemas
check "the compiled schemas no longer hold org.gloss.Gloss" \
  bash -c '! "$@" list-schemas | grep -qx org.gloss.Gloss' _ "${user_env[@]}" gsettings
check "the MIME and desktop caches no longer name Gloss" \
  bash -c '! grep -qs x-gloss-project /usr/share/mime/globs2 /usr/share/applications/mimeinfo.cache'

finish
