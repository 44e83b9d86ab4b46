#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Install missing dependencies, configure (once) and compile Gloss.
#
#   GLOSS_BUILD_DIR      build directory, relative to the source root (default: build)
#   GLOSS_MESON_OPTIONS  extra `meson setup` options, split on whitespace,
#                        e.g. "-Db_sanitize=address,undefined -Dbuildtype=debug";
#                        applied with `meson configure` if the directory already exists
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

BUILD="${GLOSS_BUILD_DIR:-build}"
read -r -a MESON_OPTIONS <<< "${GLOSS_MESON_OPTIONS:-}"

"$ROOT/build-aux/install-deps.sh"

if [[ ! -f "$BUILD/meson-private/coredata.dat" ]]; then
  meson setup "${MESON_OPTIONS[@]}" "$BUILD"
elif [[ ${#MESON_OPTIONS[@]} -gt 0 ]]; then
  meson configure "${MESON_OPTIONS[@]}" "$BUILD" >/dev/null
fi

meson compile -C "$BUILD"
