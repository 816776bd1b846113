#!/bin/sh
# keyring-session.sh: runs a test in a D-Bus session of its own with a private
# Secret Service (gnome-keyring, its keyrings in a temporary folder), so no
# test ever reads or prompts for the keyring of the person running it.
#
#   keyring-session.sh TEST [ARGS...]
#
# The test finds RECTIFY_TEST_KEYRING=private when the keyring is there and
# skips what needs it otherwise (no dbus-run-session or gnome-keyring-daemon).
set -eu

if [ "${RECTIFY_KEYRING_SESSION:-}" != "1" ]; then
  if ! command -v dbus-run-session >/dev/null 2>&1 ||
     ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
    RECTIFY_TEST_KEYRING=none
    export RECTIFY_TEST_KEYRING
    exec "$@"
  fi
  RECTIFY_KEYRING_SESSION=1
  export RECTIFY_KEYRING_SESSION
  # The session's daemons (and the services they start) write to stderr; the
  # test's own output (TAP) goes on through fd 3.
  exec dbus-run-session -- "$0" "$@" 3>&1 1>&2
fi

keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
mkdir -m 0700 "$keyring_home/runtime"

# The daemon ends with this session's bus. It is not under test: the tests'
# G_DEBUG=fatal-warnings would make it abort on a warning of its own.
eval "$(printf 'pw\n' | env -u G_DEBUG XDG_DATA_HOME="$keyring_home/data" \
        XDG_RUNTIME_DIR="$keyring_home/runtime" \
        gnome-keyring-daemon --unlock --components=secrets)"
RECTIFY_TEST_KEYRING=private
export RECTIFY_TEST_KEYRING

# A GTK test here would start an accessibility bus of its own, which
# announces itself on the X display all tests share and outlives this
# session there: other tests would then look for it. These tests do not need
# accessibility.
GTK_A11Y=none
export GTK_A11Y

status=0
"$@" >&3 3>&- || status=$?
exit "$status"
