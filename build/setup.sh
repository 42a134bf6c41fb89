#!/usr/bin/env bash
# Makes TorchSharp's native library loadable on this machine, and does nothing where it already is.
#
# TorchSharp-cpu 0.107 ships libLibTorchSharp.so built against GCC 13's libstdc++ (symbol version
# GLIBCXX_3.4.32). Debian 12 ships GCC 12's (3.4.30), so loading `torch` fails with DllNotFoundException.
# On Debian 12 we install libstdc++6 from Debian 13 ("trixie"), with trixie pinned at priority 100 so that nothing
# else is ever taken from it unless asked for. Be aware of what that one package brings along: trixie's libstdc++6
# depends on libc6 >= 2.38, so apt also upgrades libc6 (to 2.41), the GCC runtime libraries, and base-files (after
# which /etc/os-release reports Debian 13). Nothing is removed. Ubuntu 24.04+, Debian 13, Windows and macOS already
# satisfy the requirement and are left untouched.
#
# Idempotent: a second run finds GLIBCXX_3.4.32 and exits at once.
set -euo pipefail

readonly required_symbol="GLIBCXX_3.4.32"

log() { printf 'setup: %s\n' "$*" >&2; }
fail() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }

case "$(uname -s)" in
  Linux) ;;
  *) log "$(uname -s): nothing to do (TorchSharp's native runtime needs no system libraries here)."; exit 0 ;;
esac

# Where the dynamic loader finds libstdc++.so.6 (ldconfig's cache first, then the usual paths).
find_libstdcxx() {
  local path
  path=$(/sbin/ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}')
  if [ -z "$path" ]; then
    for candidate in /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6 /usr/lib/libstdc++.so.6; do
      [ -e "$candidate" ] && { path=$candidate; break; }
    done
  fi
  printf '%s' "$path"
}

has_required_symbol() {
  local lib
  lib=$(find_libstdcxx)
  [ -n "$lib" ] && grep -qa "$required_symbol" "$lib"
}

if has_required_symbol; then
  log "libstdc++ provides $required_symbol: nothing to do."
  exit 0
fi

[ -r /etc/os-release ] || fail "libstdc++ lacks $required_symbol and /etc/os-release is missing; install a libstdc++6 from GCC 13 or newer by hand."
# shellcheck disable=SC1091
. /etc/os-release
# After a partial earlier run the system may already call itself trixie: libc6 2.41 brings base-files 13 along.
if [ "${ID:-}" != "debian" ] || { [ "${VERSION_CODENAME:-}" != "bookworm" ] && [ "${VERSION_CODENAME:-}" != "trixie" ]; }; then
  fail "libstdc++ lacks $required_symbol (needed by TorchSharp 0.107) and this script only knows how to fix Debian 12 (found ${PRETTY_NAME:-unknown}). Install libstdc++6 from GCC 13 or newer (Ubuntu 24.04+, Debian 13 and Fedora 39+ ship it)."
fi
[ "$(id -u)" -eq 0 ] || fail "libstdc++ lacks $required_symbol; fixing it needs root (run: sudo bash $0)."

# Reuse the Debian mirror the machine already uses (the deb822 stanza that serves bookworm or trixie, not a
# security or third-party repository), so the script works behind the same mirror or proxy.
mirror=$(awk '
  function emit() { if (!found && uri != "" && suites ~ /(^| )(bookworm|trixie)( |$)/) { print uri; found = 1 } uri = ""; suites = "" }
  /^[[:space:]]*$/ { emit() }
  /^[[:space:]]*URIs:/ { uri = $2 }
  /^[[:space:]]*Suites:/ { $1 = ""; suites = $0 " " }
  END { emit() }
' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v -- '-security' | head -n 1 || true)
if [ -z "$mirror" ]; then
  mirror=$(grep -hE '^\s*deb\s' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
    | grep -v -- '-security' | awk '{for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' || true)
fi
[ -n "$mirror" ] || fail "found no Debian mirror URI in /etc/apt/sources.list(.d) to reuse for trixie."

log "libstdc++ lacks $required_symbol: installing libstdc++6 from Debian 13 (trixie) via $mirror, pinned at priority 100."
[ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || fail "/usr/share/keyrings/debian-archive-keyring.gpg is missing (install debian-archive-keyring)."
cat > /etc/apt/sources.list.d/mlnetnorm-trixie.sources <<SOURCES
Types: deb
URIs: $mirror
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
cat > /etc/apt/preferences.d/mlnetnorm-trixie <<PIN
# Added by MLNetNorm's build/setup.sh: trixie packages only when asked for with -t trixie.
Package: *
Pin: release n=trixie
Pin-Priority: 100
PIN

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || fail "apt-get update failed (is the mirror $mirror reachable?)."
apt-get install -y -qq -t trixie libstdc++6 >/dev/null || fail "apt-get install -t trixie libstdc++6 failed."

has_required_symbol || fail "installed libstdc++6 from trixie but $(find_libstdcxx) still lacks $required_symbol."
log "done: $(find_libstdcxx) now provides $required_symbol."
