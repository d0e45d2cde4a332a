#!/usr/bin/env bash
# Runs netctl's whole test suite: unit tests, integration tests against real etcd, BIRD, FRR
# and GoBGP in network namespaces, and the cross-module end-to-end tests.
#
# The tests need root (network namespaces, CAP_NET_ADMIN) and install what is missing (Debian
# packages). Run as root, it does everything itself; run as a user, it runs itself again through
# sudo; without root and without sudo it says so and stops (exit 2).
#
#   bash scripts/test.sh [--dry-run] [MAVEN ARGS...]
#
# Extra arguments go to Maven (e.g. -DskipITs for unit tests only). --dry-run checks and installs
# as usual but prints the Maven command instead of running it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
here="$(pwd)"

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    echo "netctl's tests need root (network namespaces): running again through sudo" >&2
    exec sudo bash "$here/scripts/test.sh" "$@"
  fi
  echo "netctl's tests need root (network namespaces, CAP_NET_ADMIN) and sudo is not installed: run 'bash scripts/test.sh' as root" >&2
  exit 2
fi

dry_run=
if [ "${1:-}" = "--dry-run" ]; then
  dry_run=1
  shift
fi

packages=(etcd-server etcd-client bird2 frr gobgpd iproute2 chromium chromium-driver)
missing=()
check() { # binary package
  if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "$1" ]; then missing+=("$2"); fi
}
check etcd etcd-server
check etcdctl etcd-client
check bird bird2
check birdc bird2
check /usr/lib/frr/bgpd frr
check gobgpd gobgpd
check gobgp gobgpd
check ip iproute2
check ss iproute2
check python3 python3        # TCP checks inside namespaces (lvs end-to-end test)
check setpriv util-linux     # dropping CAP_NET_ADMIN (lvs permission tests); a user without root (the set-up commands' test)
check openssl openssl        # certificates for the etcd TLS tests
check /usr/bin/chromium chromium              # browser tests of the HTML report and /status (headless, via Selenium)
check /usr/bin/chromedriver chromium-driver
check java openjdk-17-jdk-headless
check mvn maven
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u | sed '/^$/d')

if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null \
    || { apt-get update >/dev/null && apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
fi

if [ -n "$dry_run" ]; then
  echo "mvn -B -ntp --fail-at-end -Dmaven.test.failure.ignore=true verify $*"
  exit 0
fi
# Every module's tests run even when one fails (a failure never hides the rest): test failures
# don't stop Maven; the summary below reads every report and fails the run if any test failed.
set +e
mvn -B -ntp --fail-at-end -Dmaven.test.failure.ignore=true verify "$@"
rc=$?
set -e
python3 scripts/test-summary.py . || rc=1
exit "$rc"
