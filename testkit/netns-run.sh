#!/usr/bin/env bash
# Runs a command inside a fresh private network namespace, so media tests can only reach
# loopback and interfaces they create themselves (never the machine's eth0).
# libnice gathers no loopback candidates, hence the veth pair (RUNBOOK: "Janus in tests"):
#   veth0 10.77.0.1/24 <-> veth1 10.77.0.2/24
# Named namespaces created inside (testkit/src/netns.ts, names starting with $NETNS_PREFIX) are
# global to the machine, so they are deleted here on exit even if the command crashed.
# Usage: bash testkit/netns-run.sh node --import tsx --test sfu/src/media.netns.test.ts
set -euo pipefail

if [[ "${NETNS_RUN_INSIDE:-}" != "1" ]]; then
  exec unshare --net env NETNS_RUN_INSIDE=1 bash "$0" "$@"
fi

ip link set lo up
ip link add veth0 type veth peer name veth1
ip addr add 10.77.0.1/24 dev veth0
ip addr add 10.77.0.2/24 dev veth1
ip link set veth0 up
ip link set veth1 up
# Janus picks its local IP at start-up from interfaces that are already RUNNING (carrier up).
for _ in $(seq 50); do
  if ip link show veth0 | grep -q LOWER_UP; then break; fi
  sleep 0.1
done

export NETNS_PREFIX="tcn$$x"
child=""
# Anything still running in our namespaces was started by the command (Janus, Chromium left by a
# crashed test): end it, then delete the named namespaces.
cleanup() {
  local ns pid proc
  local ours
  ours=$(readlink /proc/$$/ns/net)
  for proc in /proc/[0-9]*; do
    pid=${proc#/proc/}
    if [[ "$pid" != "$$" && "$(readlink "$proc/ns/net" 2>/dev/null)" == "$ours" ]]; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  for ns in $(ip netns list | awk '{print $1}'); do
    if [[ "$ns" == "$NETNS_PREFIX"* ]]; then
      for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
      ip netns del "$ns" || true
    fi
  done
}
forward() {
  if [[ -n "$child" ]]; then kill -TERM "$child" 2>/dev/null || true; fi
}
trap cleanup EXIT
trap forward INT TERM

# In the background so a TERM/INT reaches the command and the EXIT trap still runs after it.
"$@" &
child=$!
status=0
wait "$child" || status=$?
# wait returns early when a trapped signal arrives; wait again for the real exit status.
if kill -0 "$child" 2>/dev/null; then wait "$child" || status=$?; fi
exit "$status"
