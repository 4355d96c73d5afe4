#!/usr/bin/env bash
# test.sh - the Slurm test of sahelsim, on a real single-node Slurm cluster.
#
# 1. up.sh installs Debian's Slurm and munge if needed and starts a cluster on
#    localhost (as root; about 5 s from nothing, under 1 s when installed).
# 2. Builds sahelsim to a path that every job sees.
# 3. Positive case: 'sahelsim slurm testdata/small.toml --tasks 3 --submit'
#    submits the job array and its afterok merge job; the script polls
#    scontrol until both are done, checks that every task and the merge
#    COMPLETED, and that the merged runs.csv, timeseries.csv, runs.parquet,
#    timeseries.parquet and manifest.json are byte-identical (cmp) to those
#    of a local 'sahelsim sweep' of the same file.
# 4. Negative case: the same with one run made to fail (SAHELSIM_TEST_FAIL,
#    which sbatch passes on to the jobs): its shard must fail, Slurm must
#    cancel the merge job (DependencyParameters=kill_invalid_depend, and
#    --kill-on-invalid-dep in merge.sbatch) instead of leaving it pending,
#    and the check must report the failure within a minute.
# 5. Calibration: a small calibration (testdata/calibration.toml) run on the
#    cluster as README.md says, by a job script that chains its stages
#    ('sahelsim calibrate --next', 'sahelsim slurm', each step submitting the
#    next stage's job array and itself after it); its posterior, fit and
#    calibrated scenario must be byte-identical to a local calibration's.
# 6. down.sh stops the daemons that up.sh started (on exit, whatever happens).
#
# Usage (as root, from anywhere):  internal/slurmtest/test.sh [all|positive|negative|calibrate]
# 'positive', 'negative' and 'calibrate' run one case; 'negative' then exits
# non-zero, as a failed sweep must. Environment: SLURMTEST_KEEP=1 keeps the work directory
# and the daemons; SLURMTEST_TIMEOUT (default 300) bounds each wait, in
# seconds; up.sh's SLURM_LOCAL_* variables are passed on.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
MODE=${1:-all}
TIMEOUT=${SLURMTEST_TIMEOUT:-300}
case $MODE in all|positive|negative|calibrate) ;; *) echo "usage: $0 [all|positive|negative|calibrate]" >&2; exit 2 ;; esac

log() { echo "[slurmtest] $*" >&2; }
t0=$(date +%s.%N)
elapsed() { awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1fs", b-a}'; }

# A work directory every job sees (the jobs run on this machine), with a
# space in the sweep directories' names to check the scripts' quoting.
WORK=$(mktemp -d /tmp/sahelsim-slurmtest.XXXXXX)
cleanup() {
  local rc=$?
  if [ "${SLURMTEST_KEEP:-0}" = 1 ]; then
    log "kept $WORK and the daemons"
  else
    "$HERE/down.sh" || true
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT

SLURM_LOCAL_CLEAN=${SLURM_LOCAL_CLEAN:-1} "$HERE/up.sh"
log "cluster up ($(elapsed))"

BIN=$WORK/bin/sahelsim
(cd "$ROOT" && go build -o "$BIN" ./cmd/sahelsim)
SWEEP=$HERE/testdata/small.toml
log "built $BIN ($(elapsed))"

# wait_job ID: poll scontrol until no task of the job is pending or running,
# for at most TIMEOUT seconds, and print the distinct states of its tasks.
# (scontrol, not sbatch --wait, which polls slowly; no sacct here.)
wait_job() {
  local id=$1 states="" deadline=$(( $(date +%s) + TIMEOUT ))
  while :; do
    states=$(scontrol -o show job "$id" 2>/dev/null | grep -oE 'JobState=[A-Z_]+' | cut -d= -f2 | sort -u | tr '\n' ' ')
    if [ -n "$states" ] && ! echo "$states" | grep -qE 'PENDING|RUNNING|CONFIGURING|COMPLETING|SUSPENDED|REQUEUED|RESIZING'; then
      break
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "job $id still not done after ${TIMEOUT}s: $states"
      scontrol show job "$id" >&2 || true
      break
    fi
    sleep 0.5
  done
  echo "${states% }"
}

# submit OUT: submit the sweep into OUT with 'sahelsim slurm --submit' and
# print the array and merge job ids.
submit() {
  local out=$1 text
  text=$("$BIN" slurm "$SWEEP" --out "$out" --tasks 3 --time 10)
  log "$text"
  text=$("$BIN" slurm "$SWEEP" --out "$out" --tasks 3 --time 10 --submit)
  log "$text"
  local jid mid
  jid=$(echo "$text" | awk '/^submitted array job/ {print $4}')
  mid=$(echo "$text" | awk '/^submitted merge job/ {print $4}')
  [ -n "$jid" ] && [ -n "$mid" ] || { log "no job ids in: $text"; return 1; }
  echo "$jid $mid"
}

logs() { # OUT: print the jobs' logs
  for f in "$1"/slurm/logs/*; do [ -f "$f" ] && { echo "--- $f"; cat "$f"; }; done >&2
}

positive() {
  local out="$WORK/slurm sweep" local_out="$WORK/local sweep" ids jid mid s m
  ids=$(submit "$out")
  read -r jid mid <<<"$ids"
  s=$(wait_job "$jid")
  m=$(wait_job "$mid")
  log "array job $jid: $s; merge job $mid: $m ($(elapsed))"
  if [ "$s" != COMPLETED ] || [ "$m" != COMPLETED ]; then
    logs "$out"
    log "FAIL: a task or the merge did not complete"
    return 1
  fi
  "$BIN" sweep "$SWEEP" --out "$local_out" -q >/dev/null
  local f bad=0
  for f in manifest.json runs.csv timeseries.csv runs.parquet timeseries.parquet; do
    if cmp "$out/$f" "$local_out/$f"; then
      log "identical: $f ($(wc -c < "$out/$f") bytes)"
    else
      bad=1
    fi
  done
  [ ! -e "$out/failures.csv" ] || { log "FAIL: failures.csv in the merged sweep"; bad=1; }
  if [ "$bad" != 0 ]; then logs "$out"; log "FAIL: the merged outputs differ from a local sweep"; return 1; fi
  log "PASS: positive case ($(elapsed))"
}

# negative: a shard fails; returns non-zero, as a check of a failed sweep
# must, after checking that the merge was cancelled rather than left
# pending.
negative() {
  local out="$WORK/failing sweep" ids jid mid s m start
  start=$(date +%s)
  export SAHELSIM_TEST_FAIL=1 # run 1 fails, in shard 1 of 3; sbatch passes it on
  ids=$(submit "$out")
  unset SAHELSIM_TEST_FAIL
  read -r jid mid <<<"$ids"
  s=$(wait_job "$jid")
  m=$(wait_job "$mid")
  log "array job $jid: $s; merge job $mid: $m ($(( $(date +%s) - start ))s)"
  if [ "$m" != CANCELLED ] || ! echo "$s" | grep -q FAILED; then
    logs "$out"
    log "UNEXPECTED: want a FAILED task and a CANCELLED merge"
    return 2
  fi
  grep -h "1 of 4 runs failed" "$out"/slurm/logs/sweep-*.log >&2 || { log "UNEXPECTED: no failure in the logs"; return 2; }
  [ ! -e "$out/runs.csv" ] || { log "UNEXPECTED: a merge ran"; return 2; }
  return 1
}

# calibrate: the chained calibration job of README.md, on the cluster.
calibrate() {
  local cal=$HERE/testdata/calibration.toml dir="$WORK/slurm calibration" local_dir="$WORK/local calibration"
  local flags="--budget 48 --check 4 -q" script="$WORK/calibrate.sbatch" deadline f bad=0
  cat > "$script" <<SCRIPT
#!/bin/bash
#SBATCH --job-name=calibrate
#SBATCH --cpus-per-task=1
#SBATCH --time=10
#SBATCH --output=$WORK/calibrate-%j.log
set -euo pipefail
stage=\$("$BIN" calibrate "$cal" --out "$dir" $flags --next)
if [ -z "\$stage" ]; then
  exec "$BIN" calibrate "$cal" --out "$dir" $flags
fi
"$BIN" slurm "\$stage" --out "\${stage%.toml}" --tasks 2 --series none --time 10
jid=\$(sbatch --parsable "\${stage%.toml}/slurm/sweep.sbatch")
sbatch --dependency=afterok:\${jid%%;*} --kill-on-invalid-dep=yes "$script"
SCRIPT
  sbatch --parsable "$script" >/dev/null
  deadline=$(( $(date +%s) + TIMEOUT ))
  until grep -qs "calibrated scenario:" "$WORK"/calibrate-*.log; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      cat "$WORK"/calibrate-*.log >&2 || true
      log "FAIL: the calibration did not finish in ${TIMEOUT}s"
      return 1
    fi
    sleep 0.5
  done
  "$BIN" calibrate "$cal" --out "$local_dir" $flags >/dev/null
  for f in calibration/posterior.csv calibration/targets.csv calibration/parameters.csv calibration/generations.csv calibrated.toml; do
    if cmp "$dir/$f" "$local_dir/$f"; then log "identical: $f"; else bad=1; fi
  done
  if [ "$bad" != 0 ]; then cat "$WORK"/calibrate-*.log >&2; log "FAIL: the calibration on Slurm differs from a local one"; return 1; fi
  log "PASS: calibration chained on Slurm, $(ls "$WORK"/calibrate-*.log | wc -l) steps ($(elapsed))"
}

case $MODE in
  positive) positive ;;
  negative) negative ;;
  calibrate) calibrate ;;
  all)
    positive
    calibrate
    rc=0
    negative || rc=$?
    if [ "$rc" != 1 ]; then log "FAIL: negative case (rc $rc)"; exit 1; fi
    log "PASS: a failed shard cancelled the merge and failed the check fast ($(elapsed))"
    ;;
esac
log "done ($(elapsed))"
