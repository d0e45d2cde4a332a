#!/usr/bin/env bash
# Makes the ./netctl launcher's start-up cache for one JVM and flavour (light, local, etcd or all:
# see io.netctl.cli.startup.StartUpTraining): one training run of netctl's command paths on an embedded
# store and, for etcd and all when an etcd binary is installed, on a throw-away etcd started here on
# free loopback ports and stopped by its pid; recorded as the
# JDK's ahead-of-time cache (JDK 25+, -XX:AOTCacheOutput) or a dynamic class-data-sharing archive
# (-XX:ArchiveClassesAtExit). Written to a temporary file and renamed, under a lock, so concurrent
# first runs neither clash nor see half a cache. Without success it leaves nothing: netctl then
# runs without a cache.
#
# Usage (by the launcher): start-up-cache.sh JAVA FEATURE-VERSION FLAVOUR JAR CACHE-FILE JVM-OPTION...
set -uo pipefail
java="$1" feature="$2" flavour="$3" jar="$4" cache="$5"
shift 5
opts=("$@")
dir="$(dirname "$cache")"
mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ] || exit 0
lock="$cache.lock"
if ! mkdir "$lock" 2>/dev/null; then
  # another run is making it; a lock older than ten minutes was left by a run that was killed
  [ -n "$(find "$lock" -maxdepth 0 -mmin +10 2>/dev/null)" ] && rm -rf "$lock" && mkdir "$lock" 2>/dev/null || exit 0
fi
work="$(mktemp -d)"
etcd_pid=""
cleanup() {
  if [ -n "$etcd_pid" ]; then
    kill "$etcd_pid" 2>/dev/null
    wait "$etcd_pid" 2>/dev/null
  fi
  rm -rf "$work" "$lock" "$cache.tmp.$$" "$cache.tmp.$$.config"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
[ -t 2 ] && echo "netctl: preparing the start-up cache ($flavour) for $java: first run of this JVM and build, a few seconds ..." >&2

free_port() { # a loopback port nothing listens on
  local p
  for _ in $(seq 50); do
    p=$(( (RANDOM % 25000) + 30000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  return 1
}
healthy() { # etcd on port $1 answers /health with true
  local reply
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'GET /health HTTP/1.0\r\n\r\n' >&3
  reply="$(cat <&3)"
  exec 3<&-
  [[ "$reply" == *'"health":"true"'* ]]
}

etcd_url=()
if { [ "$flavour" = etcd ] || [ "$flavour" = all ]; } && command -v etcd >/dev/null 2>&1 && cport="$(free_port)" && pport="$(free_port)" && [ "$cport" != "$pport" ]; then
  etcd --name netctl-training --data-dir "$work/etcd" \
    --listen-client-urls "http://127.0.0.1:$cport" --advertise-client-urls "http://127.0.0.1:$cport" \
    --listen-peer-urls "http://127.0.0.1:$pport" --initial-advertise-peer-urls "http://127.0.0.1:$pport" \
    --initial-cluster "netctl-training=http://127.0.0.1:$pport" --logger zap --log-level error > "$work/etcd.log" 2>&1 &
  etcd_pid=$!
  for _ in $(seq 100); do
    if healthy "$cport"; then
      etcd_url=("http://127.0.0.1:$cport")
      break
    fi
    kill -0 "$etcd_pid" 2>/dev/null || break
    sleep 0.1
  done
fi

tmp="$cache.tmp.$$"
if [ "$feature" -ge 25 ]; then
  record=(-XX:AOTCacheOutput="$tmp" -Xlog:aot=off -Xlog:cds=off)
else
  record=(-XX:ArchiveClassesAtExit="$tmp" -Xlog:cds=off -Xlog:cds+dynamic=off)
fi
if [ "$flavour" = etcd ] && [ "${#etcd_url[@]}" = 0 ]; then
  flavour=local # no etcd to train on: the etcd runs still get the classes of the local ones
fi
if "$java" "${opts[@]}" "${record[@]}" -cp "$jar" io.netctl.cli.startup.StartUpTraining "$flavour" "$work/training" "${etcd_url[@]}" > "$work/training.log" 2>&1 \
    && [ -s "$tmp" ]; then
  mv -f "$tmp" "$cache"
else
  [ -t 2 ] && echo "netctl: no start-up cache (netctl runs without it): $(tail -1 "$work/training.log")" >&2
fi
exit 0
