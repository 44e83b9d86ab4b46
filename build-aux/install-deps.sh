#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Install what Gloss needs to build and test on Debian/Ubuntu (apt).
# Quiet and a no-op when everything is already installed.
# Set GLOSS_SKIP_DEPS=1 to skip the check (e.g. on another distribution).
set -euo pipefail

# Build and test dependencies; add new ones here.
PACKAGES=(
  meson
  ninja-build
  pkg-config
  gcc
  libglib2.0-dev
  libglib2.0-bin
  libjson-glib-dev
  libsqlite3-dev
  libpq-dev
  libicu-dev
  libgtk-4-dev
  libadwaita-1-dev
  librsvg2-common
  gettext
  sqlite3
  postgresql            # the throwaway test cluster (build-aux/pg-cluster.sh)
  python3
  python3-jsonschema
  xvfb
  xauth
  xdotool
  desktop-file-utils
  appstream
  imagemagick
  clang
  libclang-rt-14-dev
)

if [[ "${GLOSS_SKIP_DEPS:-}" == 1 ]]; then
  exit 0
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "install-deps.sh: not a Debian/Ubuntu system (no dpkg-query); skipping." >&2
  echo "install-deps.sh: make sure the equivalents of these are installed: ${PACKAGES[*]}" >&2
  exit 0
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
  if [[ "$status" != "install ok installed" ]]; then
    missing+=("$pkg")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

# Run a command as root: directly, or through sudo (non-interactively when there is no
# terminal to ask for a password on).
as_root=()
if [[ "$(id -u)" -ne 0 ]]; then
  if ! command -v sudo >/dev/null 2>&1 \
     || { [[ ! -t 0 ]] && ! sudo -n true 2>/dev/null; }; then
    echo "install-deps.sh: these packages are missing and I cannot become root to install them:" >&2
    echo "  ${missing[*]}" >&2
    echo "Install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  as_root=(sudo)
  [[ -t 0 ]] || as_root+=(-n)
fi

echo "install-deps.sh: installing ${missing[*]}" >&2
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
