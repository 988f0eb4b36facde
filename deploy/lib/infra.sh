#!/usr/bin/env bash
# shellcheck shell=bash
#
# deploy/lib/infra.sh - start/stop the test infrastructure of the IM project
# without Docker: MariaDB and Redis from Debian packages, ZooKeeper, RocketMQ
# (namesrv + broker), Seata and Elasticsearch as plain JVMs from Maven artifacts.
#
# Usage (sourced; safe under `set -euo pipefail`, changes no shell options):
#   source deploy/lib/infra.sh
#   infra_up   [component...]   # start what is not healthy yet, wait until healthy
#   infra_status [component...] # one line per component; returns 1 if any is DOWN
#   infra_down [component...]   # stop what WE started (pid files), keep data
#   infra_clean                 # wipe $IM_RUN/data (refuses while our servers run)
# or executed:  deploy/lib/infra.sh up|down|status|clean [component...]
#
# Components: mariadb redis zookeeper namesrv broker seata elasticsearch
# (no argument = all of them). Recipes: /work/shared/INFRA-NOTES.md (why each
# extra jar / flag is needed); operator notes: deploy/infra/README.md.
#
# Everything downloaded or generated lives in $IM_RUN (default <repo>/.run):
#   lib/<dist>/          server jars (+ .fetched marker = sha256 of the pom used)
#   conf/<component>/    rendered config files
#   data/<component>/    data dirs (kept by infra_down, wiped by infra_clean)
#   logs/<component>.out stdout/stderr of each server (previous run: .out.1)
#   pids/<component>.pid pid of each server WE started (nothing else is ever killed)
#   tmp/, .lock          ES temp dir; lock serializing concurrent infra_up/infra_down

# ---------------------------------------------------------------------------
# Constants and environment
# ---------------------------------------------------------------------------

INFRA_COMPONENTS=(mariadb redis zookeeper namesrv broker seata elasticsearch)
INFRA_ES_VERSION=7.17.25
INFRA_ES_USER=esuser

# Resolved once at source time: the repo root is two levels above this file.
INFRA_LIB_DIR="$(dirname "$(realpath "${BASH_SOURCE[0]}")")"
INFRA_REPO_ROOT="$(realpath "$INFRA_LIB_DIR/../..")"
INFRA_SRC="$INFRA_REPO_ROOT/deploy/infra"

# (Re)read the environment on every public call, so a caller may change IM_RUN
# or a port after sourcing the library.
_infra_env() {
  IM_RUN="${IM_RUN:-$INFRA_REPO_ROOT/.run}"
  IM_MARIADB_PORT="${IM_MARIADB_PORT:-3306}"
  IM_REDIS_PORT="${IM_REDIS_PORT:-6379}"
  IM_ZK_PORT="${IM_ZK_PORT:-2181}"
  IM_NAMESRV_PORT="${IM_NAMESRV_PORT:-9876}"
  IM_BROKER_PORT="${IM_BROKER_PORT:-10911}"
  IM_SEATA_PORT="${IM_SEATA_PORT:-8091}"
  IM_SEATA_CONSOLE_PORT="${IM_SEATA_CONSOLE_PORT:-7091}"
  IM_ES_PORT="${IM_ES_PORT:-9200}"
  # health-check timeout per component (2 cores, all JVMs at once: ES ~25 s)
  IM_INFRA_TIMEOUT="${IM_INFRA_TIMEOUT:-90}"
  # grace period between SIGTERM and SIGKILL in infra_down (broker needs >7 s)
  IM_INFRA_STOP_TIMEOUT="${IM_INFRA_STOP_TIMEOUT:-30}"
  mkdir -p "$IM_RUN"/{lib,conf,data,logs,pids} || return 1
  # keep the runtime dir out of git without touching the repo's .gitignore
  [[ -f "$IM_RUN/.gitignore" ]] || printf '*\n' >"$IM_RUN/.gitignore"
}

# ---------------------------------------------------------------------------
# Small generic helpers
# ---------------------------------------------------------------------------

_infra_log() { printf '[infra %s] %s\n' "$(date +%T)" "$*" >&2; }
_infra_err() { printf 'ERROR: %s\n' "$*" >&2; }

# microseconds since the epoch, for elapsed-time messages
_infra_now_us() { local t=${EPOCHREALTIME/[.,]/}; printf '%s' "$t"; }
# deadlines in microseconds ($SECONDS only ticks in whole seconds)
_infra_deadline() { printf '%s' $(( $(_infra_now_us) + $1 * 1000000 )); }
_infra_past() { (( $(_infra_now_us) >= $1 )); }
_infra_elapsed() { # START_US -> "12.3s"
  local d=$(( $(_infra_now_us) - $1 ))
  printf '%d.%ds' $((d / 1000000)) $((d % 1000000 / 100000))
}

# port_open HOST PORT: true when a TCP connect succeeds (no nc here: bash /dev/tcp;
# `timeout` guards against a host that drops SYNs instead of refusing).
port_open() {
  # shellcheck disable=SC2016 # $1/$2 expand in the inner bash, on purpose
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}

# wait_port HOST PORT TIMEOUT_S NAME: wait until the port accepts connections.
wait_port() {
  local host=$1 port=$2 timeout_s=$3 name=${4:-$1:$2}
  local deadline
  deadline=$(_infra_deadline "$timeout_s")
  until port_open "$host" "$port"; do
    if _infra_past "$deadline"; then
      _infra_err "$name: port $host:$port not open within ${timeout_s}s"
      return 1
    fi
    sleep 0.3
  done
}

# true when PID is a live (non-zombie) process
_infra_alive() {
  local pid=$1 state
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  state=$(sed -n 's/^State:[[:space:]]*\(.\).*/\1/p' "/proc/$pid/status" 2>/dev/null)
  [[ -n $state && $state != Z ]]
}

# Text that must appear in the command line of a process we started; guards
# against killing an unrelated process that reused a stale pid.
_infra_cmd_marker() {
  case $1 in
    mariadb) echo mariadbd ;;
    redis) echo redis-server ;;
    zookeeper) echo org.apache.zookeeper.server.ZooKeeperServerMain ;;
    namesrv) echo org.apache.rocketmq.namesrv.NamesrvStartup ;;
    broker) echo org.apache.rocketmq.broker.BrokerStartup ;;
    seata) echo io.seata.server.ServerApplication ;;
    # matches the launcher chain (setpriv/env/bin script) and the final JVM
    elasticsearch) echo "$IM_RUN/lib/elasticsearch/" ;;
  esac
}

_infra_pidfile() { printf '%s/pids/%s.pid' "$IM_RUN" "$1"; }
_infra_logfile() { printf '%s/logs/%s.out' "$IM_RUN" "$1"; }

# _infra_pid NAME: print the pid of the live process we started for NAME.
_infra_pid() {
  local name=$1 pidf pid cmd
  pidf=$(_infra_pidfile "$name")
  [[ -s $pidf ]] || return 1
  pid=$(<"$pidf")
  _infra_alive "$pid" || return 1
  cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ $cmd == *"$(_infra_cmd_marker "$name")"* ]] || return 1
  printf '%s' "$pid"
}

# pid of whatever listens on a local TCP port (for processes we did not start)
_infra_listener_pid() {
  command -v ss >/dev/null || return 1
  ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p;T;q'
}

# Move the previous log aside so health checks that grep the log only see
# the current run, while the last run stays available for post-mortems.
_infra_rotate_log() {
  local log
  log=$(_infra_logfile "$1")
  if [[ -f $log ]]; then mv -f "$log" "$log.1"; fi
  : >"$log"
}

# _infra_spawn NAME CMD...: start CMD detached (own session via setsid, so it
# survives the caller's terminal / process group), stdout+stderr to the log.
# The pid file is written by the subshell that ran `&`, from `$!`, with an
# absolute path (INFRA-NOTES pitfall). Job control is off in that subshell, so
# setsid does not fork again and `$!` is the server's own pid. Running the
# server from a subshell also keeps it out of the caller's job table (a later
# plain `wait` in the caller will not block on it).
_infra_spawn() {
  local name=$1; shift
  local pidf log
  pidf=$(_infra_pidfile "$name")
  log=$(_infra_logfile "$name")
  _infra_rotate_log "$name"
  (
    set +m
    if [[ -n ${INFRA_LOCK_FD:-} ]]; then exec {INFRA_LOCK_FD}>&-; fi
    cd "$IM_RUN" || exit 1
    setsid "$@" </dev/null >>"$log" 2>&1 &
    echo "$!" >"$pidf"
  )
}

# _infra_render TEMPLATE OUT KEY=VALUE...: replace @KEY@ placeholders.
_infra_render() {
  local tmpl=$1 out=$2 text kv; shift 2
  text=$(<"$tmpl")
  for kv in "$@"; do
    text=${text//"@${kv%%=*}@"/"${kv#*=}"}
  done
  printf '%s\n' "$text" >"$out"
}

_infra_java() {
  if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
    printf '%s' "$JAVA_HOME/bin/java"
  else
    command -v java || { _infra_err "java not found (install openjdk-17-jdk-headless)"; return 1; }
  fi
}

# _infra_tail NAME: the last 20 lines of the component's log, for error messages
_infra_tail() {
  local log
  log=$(_infra_logfile "$1")
  [[ -s $log ]] || return 0
  printf -- '----- last 20 lines of %s -----\n' "$log" >&2
  tail -n 20 "$log" >&2
  printf -- '-----\n' >&2
}

# ---------------------------------------------------------------------------
# Downloads (Maven) and Debian packages
# ---------------------------------------------------------------------------

# _infra_fetch DIST: copy the jars listed in deploy/infra/DIST/pom.xml into
# $IM_RUN/lib/DIST. Skipped when the marker of a completed fetch of the same
# pom exists. Fetches run one at a time: they share ~/.m2, and Maven 3.8 has
# no lock against two processes downloading the same artifact.
_infra_fetch() {
  local dist=$1 pom lib sum tmp flog
  pom="$INFRA_SRC/$dist/pom.xml"
  lib="$IM_RUN/lib/$dist"
  sum=$(sha256sum "$pom" | cut -d' ' -f1)
  if [[ -f $lib/.fetched && $(<"$lib/.fetched") == "$sum" ]]; then return 0; fi
  command -v mvn >/dev/null || { _infra_err "mvn not found (apt-get install maven)"; return 1; }
  _infra_log "fetching $dist jars with Maven (first run only)..."
  tmp="$lib.tmp"
  flog="$IM_RUN/logs/fetch-$dist.log"
  rm -rf "$tmp"
  if ! mvn -q -B -f "$pom" dependency:copy-dependencies -DoutputDirectory="$tmp" >"$flog" 2>&1; then
    _infra_err "Maven fetch of $dist failed; see $flog"
    tail -n 20 "$flog" >&2
    return 1
  fi
  if [[ $dist == elasticsearch ]]; then
    # the integ-test zip is one artifact: unpack it in place
    command -v unzip >/dev/null || _infra_apt_install unzip || return 1
    (cd "$tmp" && unzip -q "elasticsearch-$INFRA_ES_VERSION.zip" && rm -f "elasticsearch-$INFRA_ES_VERSION.zip") || {
      _infra_err "unzip of the Elasticsearch zip failed"; return 1; }
  fi
  rm -rf "$lib"
  mv "$tmp" "$lib"
  # written last: its presence means the fetch completed
  printf '%s\n' "$sum" >"$lib/.fetched"
}

_infra_apt_install() {
  _infra_log "installing Debian packages: $*"
  local alog="$IM_RUN/logs/apt.log"
  # no lock fd: the packages' postinst may start daemons that would inherit it
  if ! { _infra_nolock apt-get update -qq &&
    _infra_nolock env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } >"$alog" 2>&1; then
    _infra_err "apt-get install $* failed; see $alog"
    tail -n 20 "$alog" >&2
    return 1
  fi
}

# ---------------------------------------------------------------------------
# Health checks (one per component; all quick and side-effect free)
# ---------------------------------------------------------------------------

_healthy_mariadb() {
  command -v mariadb >/dev/null &&
    mariadb --connect-timeout=2 -uroot -h127.0.0.1 -P"$IM_MARIADB_PORT" -e 'select 1' >/dev/null 2>&1
}

_healthy_redis() {
  command -v redis-cli >/dev/null &&
    [[ $(timeout 3 redis-cli -h 127.0.0.1 -p "$IM_REDIS_PORT" ping 2>/dev/null) == PONG ]]
}

# `ruok` alone is not enough: a ZK whose main thread died after binding the
# port still answers imok. `srvr` reports a Mode only when it serves.
# (Output captured first, not piped into grep -q: with pipefail a SIGPIPE of
# the writer would turn a match into a failure.)
_healthy_zookeeper() {
  local out
  # shellcheck disable=SC2016 # $1 expands in the inner bash, on purpose
  out=$(timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && printf srvr >&3 && cat <&3' _ "$IM_ZK_PORT" 2>/dev/null) || true
  [[ $out == *"Mode: standalone"* ]]
}

_healthy_namesrv() { port_open 127.0.0.1 "$IM_NAMESRV_PORT"; }

# Broker: the port opens before registration is done; "boot success" is
# printed once it is registered with the namesrv. For a broker we did not
# start (no such line in our log) ask the namesrv with mqadmin (slow, ~5 s),
# unless QUICK is given (used while polling our own broker).
_healthy_broker() {
  local quick=${1:-}
  port_open 127.0.0.1 "$IM_BROKER_PORT" || return 1
  grep -qs 'boot success' "$(_infra_logfile broker)" && _infra_pid broker >/dev/null && return 0
  [[ -z $quick ]] || return 1
  # A broker another launcher started (e.g. a second checkout on this machine): without our own
  # mqadmin jars to ask the name server, trust its open port as the Seata check does.
  [[ -f $IM_RUN/lib/rocketmq/.fetched ]] || return 0
  local rows
  rows=$(infra_mqadmin clusterList -n "127.0.0.1:$IM_NAMESRV_PORT" 2>/dev/null) || return 1
  [[ $rows == *"127.0.0.1:$IM_BROKER_PORT"* ]]
}

_healthy_seata() { port_open 127.0.0.1 "$IM_SEATA_PORT"; }

_healthy_elasticsearch() {
  curl -sf --noproxy '*' -m 5 -o /dev/null \
    "http://127.0.0.1:$IM_ES_PORT/_cluster/health?wait_for_status=yellow&timeout=1s"
}

# infra_healthy NAME [quick]
infra_healthy() { "_healthy_$1" "${@:2}"; }

_infra_ports() {
  case $1 in
    mariadb) echo "$IM_MARIADB_PORT" ;;
    redis) echo "$IM_REDIS_PORT" ;;
    zookeeper) echo "$IM_ZK_PORT" ;;
    namesrv) echo "$IM_NAMESRV_PORT" ;;
    broker) echo "$IM_BROKER_PORT,$((IM_BROKER_PORT - 2)),$((IM_BROKER_PORT + 1))" ;;
    seata) echo "$IM_SEATA_PORT,$IM_SEATA_CONSOLE_PORT" ;;
    elasticsearch) echo "$IM_ES_PORT" ;;
  esac
}

# the main port, used to tell "busy by someone else" from "free"
_infra_main_port() { local p; p=$(_infra_ports "$1"); printf '%s' "${p%%,*}"; }

# ---------------------------------------------------------------------------
# MariaDB and Redis: use the system ones when they answer; otherwise install /
# start them. A pid file is written only when we start the server ourselves,
# so infra_down never stops a system-wide instance.
# ---------------------------------------------------------------------------

# The port of the server behind the default unix socket (empty if none). The
# socket is only used when it belongs to the server on IM_MARIADB_PORT.
_mariadb_socket_port() {
  mariadb --connect-timeout=2 -uroot --protocol=socket -N -B -e 'select @@port' 2>/dev/null
}

_start_mariadb() {
  local pidf deadline sock_port
  pidf=$(_infra_pidfile mariadb)
  if ! port_open 127.0.0.1 "$IM_MARIADB_PORT"; then
    if pgrep -x mariadbd >/dev/null 2>&1; then
      # a second server on the same datadir would fail on the InnoDB lock
      sock_port=$(_mariadb_socket_port) || true
      if [[ -n $sock_port && $sock_port != "$IM_MARIADB_PORT" ]]; then
        _infra_err "mariadb: the running mariadbd listens on port $sock_port, not $IM_MARIADB_PORT; a second instance on the same datadir is not supported"
        return 1
      fi
      _infra_log "mariadb: a mariadbd is running but port $IM_MARIADB_PORT is not open yet; waiting"
    else
      _infra_log "mariadb: starting /usr/sbin/mariadbd on 127.0.0.1:$IM_MARIADB_PORT"
      install -d -o mysql -g mysql /run/mysqld
      _infra_rotate_log mariadb
      _infra_nolock start-stop-daemon --start --oknodo --background \
        --make-pidfile --pidfile "$pidf" --output "$(_infra_logfile mariadb)" \
        --exec /usr/sbin/mariadbd -- --user=mysql --bind-address=127.0.0.1 --port="$IM_MARIADB_PORT" ||
        { _infra_err "start-stop-daemon could not start mariadbd"; return 1; }
    fi
  fi
  deadline=$(_infra_deadline "$IM_INFRA_TIMEOUT")
  until port_open 127.0.0.1 "$IM_MARIADB_PORT"; do
    if [[ -f $pidf ]] && ! _infra_pid mariadb >/dev/null; then
      _infra_err "mariadb exited during startup; see $(_infra_logfile mariadb)"
      _infra_tail mariadb; return 1
    fi
    if _infra_past "$deadline"; then
      _infra_err "mariadb did not open port $IM_MARIADB_PORT within ${IM_INFRA_TIMEOUT}s; see $(_infra_logfile mariadb)"
      _infra_tail mariadb; return 1
    fi
    sleep 0.5
  done
  # Fresh Debian installs let root in only via unix_socket; the project needs
  # root with an empty password over TCP 127.0.0.1. Fixed through the socket,
  # and only when the socket belongs to the server on our port.
  if ! _healthy_mariadb; then
    sock_port=$(_mariadb_socket_port) || true
    if [[ $sock_port == "$IM_MARIADB_PORT" ]]; then
      _infra_log "mariadb: enabling root login over TCP with an empty password"
      mariadb -uroot --protocol=socket -e \
        "ALTER USER root@localhost IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket;" ||
        { _infra_err "could not change root@localhost authentication"; return 1; }
    fi
  fi
  _healthy_mariadb || {
    _infra_err "mariadb: root cannot log in over 127.0.0.1:$IM_MARIADB_PORT with an empty password"
    return 1
  }
}

# The stack promises that an acknowledged message survives any single process crash. With
# innodb_flush_log_at_trx_commit=2 every commit is in the OS before the answer, so a mariadbd crash
# loses nothing; the log is fsynced once a second, so only an OS or power failure can lose the last
# second (production adds a replica for that). The default (1) fsyncs every commit, which on one
# shared disk made each send wait for several fsyncs. The default 128 MiB buffer pool is too small for
# the sharded message tables. Both are set at runtime (idempotent) on whichever server answers.
_tune_mariadb() {
  mariadb --connect-timeout=2 -uroot -h127.0.0.1 -P"$IM_MARIADB_PORT" -e \
    "SET GLOBAL innodb_flush_log_at_trx_commit=2; SET GLOBAL innodb_buffer_pool_size=1073741824;" &&
    _infra_log "mariadb: innodb_flush_log_at_trx_commit=2, buffer pool 1 GiB" ||
    _infra_log "mariadb: could not apply the innodb settings; left as they are"
}

_start_redis() {
  mkdir -p /var/lib/redis /var/log/redis
  _infra_log "redis: starting redis-server on 127.0.0.1:$IM_REDIS_PORT"
  # --daemonize forks, so let redis write its own pid file (absolute path)
  _infra_nolock redis-server --daemonize yes --bind 127.0.0.1 --port "$IM_REDIS_PORT" \
    --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/im.log \
    --pidfile "$(_infra_pidfile redis)" ||
    { _infra_err "redis-server failed to start; see /var/log/redis/im.log"; return 1; }
}

# ---------------------------------------------------------------------------
# JVM servers. _start_X only launches (non-blocking); infra_up waits.
# ---------------------------------------------------------------------------

_start_zookeeper() {
  local java conf="$IM_RUN/conf/zookeeper" data="$IM_RUN/data/zookeeper"
  java=$(_infra_java) || return 1
  mkdir -p "$conf" "$data"
  _infra_render "$INFRA_SRC/zookeeper/zoo.cfg" "$conf/zoo.cfg" \
    ZK_PORT="$IM_ZK_PORT" DATA_DIR="$data"
  cp "$INFRA_SRC/zookeeper/logback.xml" "$conf/logback.xml"
  _infra_spawn zookeeper "$java" -Xms256m -Xmx256m \
    -Dlogback.configurationFile="$conf/logback.xml" \
    -cp "$IM_RUN/lib/zookeeper/*" \
    org.apache.zookeeper.server.ZooKeeperServerMain "$conf/zoo.cfg"
}

# System properties shared by namesrv, broker and mqadmin. user.home decides
# where RocketMQ's own logs go ($user.home/logs/rocketmqlogs, from logback
# configs inside the jars) and the namesrv kv store; keep both in $IM_RUN.
# The NopStatusListener (RocketMQ's shaded logback) silences ~150 lines of
# logback status noise per JVM (printed because several rmq.*.logback.xml
# configs sit on the one classpath and use deprecated syntax).
_rmq_props() {
  printf '%s\n' "-Duser.home=$IM_RUN/data/rocketmq/home" "-Drocketmq.home.dir=$IM_RUN/conf/rocketmq" \
    -Dlogback.statusListenerClass=org.apache.rocketmq.logging.ch.qos.logback.core.status.NopStatusListener
}

_rmq_prepare() {
  local conf="$IM_RUN/conf/rocketmq" data="$IM_RUN/data/rocketmq"
  mkdir -p "$conf" "$data/home/logs/rocketmqlogs" "$data/store"
  _infra_render "$INFRA_SRC/rocketmq/namesrv.conf" "$conf/namesrv.conf" \
    NAMESRV_PORT="$IM_NAMESRV_PORT"
  _infra_render "$INFRA_SRC/rocketmq/broker.conf" "$conf/broker.conf" \
    NAMESRV_PORT="$IM_NAMESRV_PORT" BROKER_PORT="$IM_BROKER_PORT" DATA_DIR="$data"
  # convenience: RocketMQ's internal logs (broker.log, namesrv.log...) next to ours
  ln -sfn "$data/home/logs/rocketmqlogs" "$IM_RUN/logs/rocketmq"
}

_start_namesrv() {
  local java props
  java=$(_infra_java) || return 1
  _rmq_prepare
  mapfile -t props < <(_rmq_props)
  _infra_spawn namesrv "$java" -Xms256m -Xmx256m "${props[@]}" \
    -cp "$IM_RUN/lib/rocketmq/*" \
    org.apache.rocketmq.namesrv.NamesrvStartup -c "$IM_RUN/conf/rocketmq/namesrv.conf"
}

# The broker scripts' default heap is 8 GB: always pass -Xmx. Disk guard: the
# broker refuses writes above 90% disk usage by default; tests on a fullish
# dev disk should not fail for that, so raise the warning level to 98%.
_start_broker() {
  local java props
  java=$(_infra_java) || return 1
  _rmq_prepare
  mapfile -t props < <(_rmq_props)
  _infra_spawn broker "$java" -Xms512m -Xmx512m -XX:MaxDirectMemorySize=256m "${props[@]}" \
    -Drocketmq.broker.diskSpaceWarningLevelRatio=0.98 \
    -cp "$IM_RUN/lib/rocketmq/*" \
    org.apache.rocketmq.broker.BrokerStartup -c "$IM_RUN/conf/rocketmq/broker.conf"
}

# infra_mqadmin ARGS...: run RocketMQ's mqadmin (4-6 s per call: JVM + client).
infra_mqadmin() {
  _infra_env || return 1
  local java props
  java=$(_infra_java) || return 1
  mkdir -p "$IM_RUN/data/rocketmq/home"
  mapfile -t props < <(_rmq_props)
  "$java" -Xmx256m "${props[@]}" -cp "$IM_RUN/lib/rocketmq/*" \
    org.apache.rocketmq.tools.command.MQAdminStartup "$@"
}

# Seata: built-in application.yml already uses file config/registry/store.
# SEATA_IP makes the server put 127.0.0.1 into XIDs instead of the host's
# first non-loopback address.
_start_seata() {
  local java data="$IM_RUN/data/seata"
  java=$(_infra_java) || return 1
  mkdir -p "$data/home" "$data/sessionStore" "$IM_RUN/logs/seata"
  _infra_spawn seata env SEATA_IP=127.0.0.1 "$java" -Xms256m -Xmx512m \
    -Duser.home="$data/home" -Dlog.home="$IM_RUN/logs/seata" \
    -Dserver.address=127.0.0.1 -Dserver.port="$IM_SEATA_CONSOLE_PORT" \
    -Dseata.server.service-port="$IM_SEATA_PORT" \
    -Dseata.store.mode=file -Dseata.registry.type=file -Dseata.config.type=file \
    -Dseata.store.file.dir="$data/sessionStore" \
    -cp "$IM_RUN/lib/seata/*" io.seata.server.ServerApplication
}

_es_home() { printf '%s/lib/elasticsearch/elasticsearch-%s' "$IM_RUN" "$INFRA_ES_VERSION"; }
# ES writes its own -p pid file as esuser, so it lives in a dir esuser owns;
# infra.sh copies the pid into pids/elasticsearch.pid (_es_adopt_pid).
_es_own_pidfile() { printf '%s/pids/%s/elasticsearch.pid' "$IM_RUN" "$INFRA_ES_USER"; }

# Elasticsearch refuses to run as root: use a system user, created once.
_es_prepare() {
  local home
  home=$(_es_home)
  if ! id "$INFRA_ES_USER" >/dev/null 2>&1; then
    _infra_log "creating system user $INFRA_ES_USER for Elasticsearch"
    useradd -r -M -d /nonexistent -s /usr/sbin/nologin "$INFRA_ES_USER" || return 1
  fi
  mkdir -p "$IM_RUN/data/elasticsearch" "$IM_RUN/logs/elasticsearch" "$IM_RUN/pids/$INFRA_ES_USER" "$IM_RUN/tmp/elasticsearch"
  # the distribution too: ES writes its keystore into config/ on first start
  chown -R "$INFRA_ES_USER:" "$home" "$IM_RUN/data/elasticsearch" "$IM_RUN/logs/elasticsearch" \
    "$IM_RUN/pids/$INFRA_ES_USER" "$IM_RUN/tmp/elasticsearch"
  if ! setpriv --reuid="$INFRA_ES_USER" --regid="$INFRA_ES_USER" --init-groups test -x "$home/bin/elasticsearch"; then
    _infra_err "user $INFRA_ES_USER cannot reach $home (IM_RUN must be world-traversable, e.g. not under /root)"
    return 1
  fi
}

_start_elasticsearch() {
  local java java_home home
  java=$(_infra_java) || return 1
  java_home=$(dirname "$(dirname "$(realpath "$java")")")
  home=$(_es_home)
  _es_prepare || return 1
  rm -f "$(_es_own_pidfile)"
  # Foreground mode (no -d) so its console log lands in logs/elasticsearch.out;
  # bin/elasticsearch execs the JVM, and setpriv/env exec too, so the pid
  # from `$!` is the JVM's, the same one ES writes to its -p file.
  # ES_TMPDIR is set to skip one of the helper JVMs the start script runs.
  _infra_spawn elasticsearch setpriv --reuid="$INFRA_ES_USER" --regid="$INFRA_ES_USER" --init-groups \
    env ES_JAVA_HOME="$java_home" ES_JAVA_OPTS="-Xms1g -Xmx1g" ES_TMPDIR="$IM_RUN/tmp/elasticsearch" \
    "$home/bin/elasticsearch" -p "$(_es_own_pidfile)" \
    -Enode.name=im-es -Ediscovery.type=single-node \
    -Enetwork.host=127.0.0.1 -Ehttp.port="$IM_ES_PORT" \
    -Expack.security.enabled=false \
    -Ecluster.routing.allocation.disk.threshold_enabled=false \
    -Epath.data="$IM_RUN/data/elasticsearch" -Epath.logs="$IM_RUN/logs/elasticsearch"
}

# Prefer the pid ES itself wrote with -p (the brief's source of truth).
_es_adopt_pid() {
  local own pid
  own=$(_es_own_pidfile)
  [[ -s $own ]] || return 0
  pid=$(<"$own")
  if _infra_alive "$pid"; then printf '%s\n' "$pid" >"$(_infra_pidfile elasticsearch)"; fi
}

# ---------------------------------------------------------------------------
# Waiting
# ---------------------------------------------------------------------------

# wait_healthy NAME TIMEOUT_S [START_US]: poll the health check; fail fast if
# the process we started died; on failure print the log tail and return 1.
wait_healthy() {
  local name=$1 timeout_s=$2 start_us=${3:-$(_infra_now_us)}
  local deadline quick=
  deadline=$(_infra_deadline "$timeout_s")
  [[ $name == broker ]] && quick=quick
  while :; do
    [[ $name == elasticsearch ]] && _es_adopt_pid
    if infra_healthy "$name" ${quick:+"$quick"}; then
      _infra_log "$name healthy after $(_infra_elapsed "$start_us")"
      return 0
    fi
    if [[ -f $(_infra_pidfile "$name") ]] && ! _infra_pid "$name" >/dev/null; then
      _infra_err "$name exited during startup; see $(_infra_logfile "$name")"
      _infra_tail "$name"
      return 1
    fi
    if _infra_past "$deadline"; then
      _infra_err "$name did not become healthy within ${timeout_s}s; see $(_infra_logfile "$name")"
      _infra_tail "$name"
      return 1
    fi
    sleep 0.5
  done
}

# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------

# _infra_locked CMD...: run CMD holding $IM_RUN/.lock, so two infra_up/down
# running at once (e.g. parallel test jobs) do not start a server twice.
# Every server launch closes the lock fd (INFRA_LOCK_FD) so that the servers
# do not inherit the lock and keep it held after we return.
_infra_locked() {
  local rc=0
  if [[ -n ${INFRA_LOCK_FD:-} ]]; then "$@"; return; fi # nested call
  exec {INFRA_LOCK_FD}>"$IM_RUN/.lock"
  if ! flock -n "$INFRA_LOCK_FD"; then
    _infra_log "another infra_up/infra_down holds $IM_RUN/.lock; waiting for it"
    flock -w 900 "$INFRA_LOCK_FD" || { _infra_err "could not get $IM_RUN/.lock"; rc=1; }
  fi
  if ((rc == 0)); then "$@" || rc=$?; fi
  exec {INFRA_LOCK_FD}>&-
  unset INFRA_LOCK_FD
  return "$rc"
}

# run a command with the lock fd closed (for daemons that fork away)
_infra_nolock() {
  if [[ -n ${INFRA_LOCK_FD:-} ]]; then "$@" {INFRA_LOCK_FD}>&-; else "$@"; fi
}

# _infra_select OUTVAR [component...]: validate names; none = all, in start order.
_infra_select() {
  local -n _out=$1; shift
  local c k known
  _out=()
  (($#)) || set -- "${INFRA_COMPONENTS[@]}"
  for c in "$@"; do
    known=
    for k in "${INFRA_COMPONENTS[@]}"; do [[ $c == "$k" ]] && known=1; done
    if [[ -z $known ]]; then
      _infra_err "unknown component '$c' (known: ${INFRA_COMPONENTS[*]})"
      return 1
    fi
  done
  # keep the canonical order whatever order the caller used
  for k in "${INFRA_COMPONENTS[@]}"; do
    for c in "$@"; do [[ $c == "$k" ]] && { _out+=("$k"); break; }; done
  done
  return 0
}

_infra_has() { local x=$1; shift; local e; for e in "$@"; do [[ $e == "$x" ]] && return 0; done; return 1; }

# infra_up [component...]: start what is not healthy yet and wait for it.
# Healthy components are left alone, whoever started them.
infra_up() { _infra_env && _infra_locked _infra_up "$@"; }

_infra_up() {
  local comps=() todo=() waitfor=() waited=() c pkgs=() rc=0 t0 port start_us launch_us
  _infra_select comps "$@" || return 1
  # the broker is useless without its namesrv
  if _infra_has broker "${comps[@]}" && ! _infra_has namesrv "${comps[@]}"; then
    comps=(namesrv "${comps[@]}")
  fi
  t0=$(_infra_now_us)

  # 1. classify: healthy -> skip; ours and still starting -> just wait; else start
  for c in "${comps[@]}"; do
    if infra_healthy "$c"; then
      _infra_log "$c already healthy (port $(_infra_main_port "$c")), skipping"
    elif _infra_pid "$c" >/dev/null; then
      _infra_log "$c already started by us (pid $(_infra_pid "$c")), waiting for it"
      waitfor+=("$c")
    else
      rm -f "$(_infra_pidfile "$c")"
      port=$(_infra_main_port "$c")
      if [[ $c != mariadb && $c != redis ]] && port_open 127.0.0.1 "$port"; then
        _infra_err "$c: port $port is in use by another process (pid $(_infra_listener_pid "$port" || true)) that is not a healthy $c"
        rc=1; continue
      fi
      todo+=("$c")
    fi
  done

  # 2. downloads/installs, one at a time (shared ~/.m2 and dpkg lock)
  _infra_has mariadb "${todo[@]}" && [[ ! -x /usr/sbin/mariadbd ]] && pkgs+=(mariadb-server)
  _infra_has redis "${todo[@]}" && ! command -v redis-server >/dev/null && pkgs+=(redis-server)
  if ((${#pkgs[@]})); then _infra_apt_install "${pkgs[@]}" || return 1; fi
  for c in "${todo[@]}"; do
    case $c in
      zookeeper) _infra_fetch zookeeper ;;
      namesrv | broker) _infra_fetch rocketmq ;;
      seata) _infra_fetch seata ;;
      elasticsearch) _infra_fetch elasticsearch ;;
    esac || return 1
  done

  # 3. MariaDB / Redis: quick, synchronous (the package install may already
  #    have started the system service, hence the re-check)
  for c in mariadb redis; do
    _infra_has "$c" "${todo[@]}" || continue
    if infra_healthy "$c"; then _infra_log "$c healthy (started by its package)"; continue; fi
    start_us=$(_infra_now_us)
    "_start_$c" || { rc=1; continue; }
    wait_healthy "$c" "$IM_INFRA_TIMEOUT" "$start_us" || rc=1
  done

  if _infra_has mariadb "${comps[@]}" && infra_healthy mariadb; then _tune_mariadb; fi

  # 4. slow JVMs in parallel; the broker as soon as the namesrv answers
  launch_us=$(_infra_now_us)
  for c in zookeeper namesrv seata elasticsearch; do
    _infra_has "$c" "${todo[@]}" || continue
    _infra_log "starting $c"
    if "_start_$c"; then waitfor+=("$c"); else _infra_err "could not launch $c"; rc=1; fi
  done
  if _infra_has broker "${todo[@]}"; then
    if wait_healthy namesrv "$IM_INFRA_TIMEOUT" "$launch_us"; then
      waited+=(namesrv)
      _infra_log "starting broker"
      if _start_broker; then waitfor+=(broker); else _infra_err "could not launch broker"; rc=1; fi
    else
      _infra_err "broker not started: namesrv is not healthy"; rc=1
    fi
  fi

  # 5. wait for everything launched (they all boot concurrently meanwhile)
  for c in zookeeper namesrv broker seata elasticsearch; do
    _infra_has "$c" "${waitfor[@]}" || continue
    _infra_has "$c" "${waited[@]}" && continue
    wait_healthy "$c" "$IM_INFRA_TIMEOUT" "$launch_us" || rc=1
  done

  if ((rc == 0)); then
    _infra_log "infra_up done in $(_infra_elapsed "$t0")"
  else
    _infra_err "infra_up failed (took $(_infra_elapsed "$t0")); 'infra_status' shows what is up"
  fi
  return "$rc"
}

# infra_status [component...]: NAME PORT(S) PID STATE; returns 1 if any is DOWN.
# PID "ext:N" = healthy but not started by us (e.g. the system MariaDB).
infra_status() {
  _infra_env || return 1
  local comps=() c pid state rc=0
  _infra_select comps "$@" || return 1
  printf '%-14s %-20s %-12s %s\n' COMPONENT 'PORT(S)' PID STATE
  for c in "${comps[@]}"; do
    [[ $c == elasticsearch ]] && _es_adopt_pid
    pid=$(_infra_pid "$c") || pid=
    if infra_healthy "$c"; then
      state=healthy
      [[ -n $pid ]] || pid="ext:$(_infra_listener_pid "$(_infra_main_port "$c")" || true)"
    else
      state=DOWN; rc=1
      [[ -n $pid ]] && state="DOWN (pid alive: starting or hung; see $(_infra_logfile "$c"))"
    fi
    printf '%-14s %-20s %-12s %s\n' "$c" "$(_infra_ports "$c")" "${pid:--}" "$state"
  done
  return "$rc"
}

# _infra_stop_group NAME...: SIGTERM all, wait up to IM_INFRA_STOP_TIMEOUT s
# for all of them together, SIGKILL what is left, remove the pid files.
_infra_stop_group() {
  local c pid deadline left
  local -A pids=()
  for c in "$@"; do
    [[ $c == elasticsearch ]] && _es_adopt_pid
    if pid=$(_infra_pid "$c"); then
      _infra_log "stopping $c (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      pids[$c]=$pid
    elif [[ -f $(_infra_pidfile "$c") ]]; then
      _infra_log "$c: stale pid file removed (process already gone)"
      rm -f "$(_infra_pidfile "$c")"
    fi
  done
  deadline=$(_infra_deadline "$IM_INFRA_STOP_TIMEOUT")
  while :; do
    left=0
    for c in "${!pids[@]}"; do _infra_alive "${pids[$c]}" && left=1; done
    ((left)) || break
    if _infra_past "$deadline"; then
      for c in "${!pids[@]}"; do
        if _infra_alive "${pids[$c]}"; then
          _infra_log "$c did not exit within ${IM_INFRA_STOP_TIMEOUT}s: SIGKILL"
          kill -KILL "${pids[$c]}" 2>/dev/null || true
        fi
      done
      sleep 0.5
      break
    fi
    sleep 0.3
  done
  for c in "${!pids[@]}"; do
    rm -f "$(_infra_pidfile "$c")"
    [[ $c == elasticsearch ]] && rm -f "$(_es_own_pidfile)"
  done
  return 0
}

# infra_down [component...]: stop only what we started (pid files); data kept.
# All get SIGTERM at once (shutdowns are slow: broker ~11 s of built-in joins
# and sleeps, namesrv ~3 s, Seata >2 s), the broker first: its shutdown hook
# unregisters from the namesrv in its first milliseconds, before the namesrv
# closes its port.
infra_down() { _infra_env && _infra_locked _infra_down "$@"; }

_infra_down() {
  local comps=() order=() c t0
  _infra_select comps "$@" || return 1
  t0=$(_infra_now_us)
  if _infra_has broker "${comps[@]}"; then order+=(broker); fi
  for c in "${comps[@]}"; do [[ $c != broker ]] && order+=("$c"); done
  _infra_stop_group "${order[@]}"
  _infra_log "infra_down done in $(_infra_elapsed "$t0")"
}

# infra_clean: wipe the data dirs (ZK, RocketMQ store, Seata sessions, ES
# indices). Jars and logs are kept. Refuses while any server of ours runs.
infra_clean() {
  _infra_env || return 1
  local c
  for c in "${INFRA_COMPONENTS[@]}"; do
    if _infra_pid "$c" >/dev/null; then
      _infra_err "$c is still running (pid $(_infra_pid "$c")); run infra_down first"
      return 1
    fi
  done
  [[ -n $IM_RUN && -d $IM_RUN/data ]] || return 0
  _infra_log "removing $IM_RUN/data"
  rm -rf "${IM_RUN:?}/data"
  mkdir -p "$IM_RUN/data"
}

# Executed instead of sourced: small CLI.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  cmd=${1:-status}
  shift || true
  case $cmd in
    up | down | status | clean) "infra_$cmd" "$@" ;;
    mqadmin) infra_mqadmin "$@" ;;
    *)
      echo "usage: $0 up|down|status|clean [component...] | mqadmin ARGS..." >&2
      exit 2
      ;;
  esac
fi
