#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for trying the shard scripts
# and for CI's proof that they work on a real Slurm (Debian 12: apt-get
# install slurm-wlm munge). Runs munged, slurmctld and slurmd as root,
# without cgroups or accounting; everything lives in STATE_DIR.
#
# Usage: scripts/slurm-local-cluster.sh start STATE_DIR
#        scripts/slurm-local-cluster.sh stop STATE_DIR
# After start: export SLURM_CONF=STATE_DIR/slurm.conf to use sbatch & co.
set -euo pipefail
action=${1:-} state=${2:-}
if [ -z "$action" ] || [ -z "$state" ]; then
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 64
fi

# Ends a daemon from its pid file and waits (up to 10 s) until it is gone,
# so the state folder can be removed afterwards.
end_daemon() {
  local file=$1 pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  rm -f "$file"
}

stop() {
  end_daemon "$state/slurmd.pid"
  end_daemon "$state/slurmctld.pid"
  end_daemon "$state/munged.pid"
}

case $action in
stop)
  stop
  exit 0
  ;;
start) ;;
*)
  echo "error: unknown action '$action' (start or stop)" >&2
  exit 64
  ;;
esac

for tool in munged slurmctld slurmd sbatch; do
  if ! command -v "$tool" >/dev/null && [ ! -x "/usr/sbin/$tool" ]; then
    echo "error: $tool not found: apt-get install -y slurm-wlm munge" >&2
    exit 69
  fi
done
mkdir -p "$state/spool" "$state/savestate" "$state/munge"
state=$(cd "$state" && pwd)
chmod 755 "$state"
host=$(hostname -s)
cpus=$(nproc)

# munge: a private key and socket, so a system munged (if any) is untouched.
if [ ! -f "$state/munge/munge.key" ]; then
  dd if=/dev/urandom of="$state/munge/munge.key" bs=1024 count=1 status=none
fi
chown -R munge:munge "$state/munge"
chmod 711 "$state/munge"
chmod 400 "$state/munge/munge.key"
socket=$state/munge/munge.socket
runuser -u munge -- /usr/sbin/munged --key-file="$state/munge/munge.key" --socket="$socket" \
  --pid-file="$state/munge/munged.pid" --log-file="$state/munge/munged.log" \
  --seed-file="$state/munge/munged.seed"
cp "$state/munge/munged.pid" "$state/munged.pid"

cat >"$state/slurm.conf" <<CONF
ClusterName=callcap-local
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
StateSaveLocation=$state/savestate
SlurmdSpoolDir=$state/spool
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/slurmctld.log
SlurmdLogFile=$state/slurmd.log
SlurmctldPort=16817
SlurmdPort=16818
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SchedulerType=sched/backfill
MpiDefault=none
NodeName=$host CPUs=$cpus State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$state/slurm.conf
/usr/sbin/slurmctld -f "$SLURM_CONF" -i
/usr/sbin/slurmd -f "$SLURM_CONF"
for _ in $(seq 30); do
  if sinfo -h -o %t 2>/dev/null | grep -qx idle; then
    echo "Slurm is up: export SLURM_CONF=$SLURM_CONF"
    exit 0
  fi
  sleep 1
done
echo "error: the node did not become idle; see $state/slurmctld.log and $state/slurmd.log" >&2
stop
exit 1
