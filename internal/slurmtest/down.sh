#!/usr/bin/env bash
# down.sh - stop the daemons that up.sh started, by PID from their pid files.
# Adapted from shared/slurm/slurm-down.sh.
#
# Only daemons listed in $SLURM_LOCAL_RUN/started (written by up.sh) are
# stopped; a munged/slurmctld/slurmd that was already running before up.sh
# is left alone. Jobs still in the queue are cancelled first (SLURM_LOCAL_KEEP_JOBS=1
# to skip), so no slurmstepd / job processes are left behind.
# Never uses pkill/killall.
set -uo pipefail

log() { echo "[down] $*" >&2; }
[ "$(id -u)" -eq 0 ] || { log "must run as root"; exit 1; }

RUN="${SLURM_LOCAL_RUN:-/run/slurm-local}"
STARTED="$RUN/started"

if [ ! -s "$STARTED" ]; then
  log "nothing recorded in $STARTED; nothing to stop"
  exit 0
fi

pidfile_for() {
  case $1 in
    slurmctld) echo /run/slurmctld.pid ;;
    slurmd)    echo /run/slurmd.pid ;;
    munged)    echo /run/munge/munged.pid ;;
  esac
}

# stop NAME: SIGTERM the pid in its pid file (only if that pid really is NAME), wait, then SIGKILL
stop() {
  local name=$1 f pid
  f=$(pidfile_for "$name")
  if [ ! -s "$f" ]; then log "$name: no pid file $f"; return 0; fi
  pid=$(tr -dc '0-9' < "$f")
  if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
    log "$name: pid ${pid:-?} not running"; rm -f "$f"; return 0
  fi
  if [ "$(cat /proc/"$pid"/comm 2>/dev/null)" != "$name" ]; then
    log "$name: pid $pid is '$(cat /proc/"$pid"/comm 2>/dev/null)', not $name; leaving it alone"
    return 0
  fi
  log "stopping $name (pid $pid)"
  kill -TERM "$pid"
  for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name (pid $pid) ignored SIGTERM for 15s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null
  fi
  # slurmd/slurmctld remove their own pid files; munged too. Clean up if not.
  kill -0 "$pid" 2>/dev/null || rm -f "$f"
}

started() { grep -qx "$1" "$STARTED"; }

# cancel leftover jobs while the controller is still up
if [ "${SLURM_LOCAL_KEEP_JOBS:-0}" != 1 ] && started slurmctld && command -v squeue >/dev/null; then
  jobs=$(squeue -h -o '%A' 2>/dev/null | sort -u | tr '\n' ' ')
  if [ -n "${jobs// /}" ]; then
    log "cancelling jobs: $jobs"
    # shellcheck disable=SC2086
    scancel $jobs 2>/dev/null || true
    for _ in $(seq 30); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 0.5; done
  fi
fi

# order: node daemon, controller, then munge (both slurm daemons use munge)
for d in slurmd slurmctld munged; do
  started "$d" && stop "$d"
done
rm -f "$STARTED"
log "done"
