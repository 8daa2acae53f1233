#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster and a Redis server on loopback for the tests, installing Debian's
# packages where missing. Sourced by test.sh: it exports MOVIENEWS_TEST_POSTGRES and MOVIENEWS_TEST_REDIS and
# stops both servers (by their own PIDs, never by name) when the calling script exits.
#   source scripts/test-services.sh
set -euo pipefail

# The first free port from the usual one up, so a server already running there is left alone.
test_services_free_port() {
    local port="$1"
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
        port=$((port + 1))
    done
    echo "$port"
}

test_services_install() {
    local missing=()
    # The client package also fills /usr/lib/postgresql/N/bin: look for the server's initdb.
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
    command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
    if [ ${#missing[@]} -gt 0 ]; then
        echo "Installing ${missing[*]} ..."
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

test_services_stop() {
    if [ -n "${test_services_dir:-}" ] && [ -d "$test_services_dir" ]; then
        if [ -f "$test_services_dir/pg/data/postmaster.pid" ]; then
            su postgres -s /bin/bash -c "$test_services_pgbin/pg_ctl -D $test_services_dir/pg/data -m immediate stop" >/dev/null 2>&1 || true
        fi
        if [ -f "$test_services_dir/redis.pid" ]; then
            local redis_pid
            redis_pid="$(cat "$test_services_dir/redis.pid")"
            kill "$redis_pid" 2>/dev/null || true
            # Redis writes its last log lines after the signal: removing the folder under it fails with "not empty".
            for _ in $(seq 50); do kill -0 "$redis_pid" 2>/dev/null || break; sleep 0.1; done
        fi
        rm -rf "$test_services_dir" 2>/dev/null || { sleep 1; rm -rf "$test_services_dir" || true; }
    fi
}

test_services_start() {
    test_services_install
    test_services_pg_port="$(test_services_free_port "${MOVIENEWS_TEST_PG_PORT:-55432}")"
    test_services_redis_port="$(test_services_free_port "${MOVIENEWS_TEST_REDIS_PORT:-6380}")"
    test_services_pgbin="$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")"
    test_services_dir="$(mktemp -d /tmp/movienews-services.XXXXXX)"
    chmod 755 "$test_services_dir"
    mkdir "$test_services_dir/pg"
    chown postgres:postgres "$test_services_dir/pg"
    trap test_services_stop EXIT
    su postgres -s /bin/bash -c "$test_services_pgbin/initdb -D $test_services_dir/pg/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
    # Tests open many short-lived databases at once; durability is not what is tested on this throwaway cluster.
    # A port taken between the look and the start (another run on a shared machine) gets another try on the next one.
    local attempt
    for attempt in 1 2 3; do
        if su postgres -s /bin/bash -c "$test_services_pgbin/pg_ctl -D $test_services_dir/pg/data -l $test_services_dir/pg/log -w \
            -o '-c listen_addresses=127.0.0.1 -p $test_services_pg_port -k $test_services_dir/pg -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off' start" >/dev/null; then
            break
        fi
        echo "PostgreSQL did not start on port $test_services_pg_port (attempt $attempt); its log ends:" >&2
        tail -n 5 "$test_services_dir/pg/log" >&2 || true
        [ "$attempt" -lt 3 ] || return 1
        test_services_pg_port="$(test_services_free_port "$((test_services_pg_port + 1))")"
    done
    redis-server --bind 127.0.0.1 --port "$test_services_redis_port" --daemonize yes --save '' --appendonly no \
        --pidfile "$test_services_dir/redis.pid" --dir "$test_services_dir" --logfile "$test_services_dir/redis.log"
    for _ in $(seq 1 50); do
        redis-cli -h 127.0.0.1 -p "$test_services_redis_port" ping >/dev/null 2>&1 && break
        sleep 0.1
    done
    export MOVIENEWS_TEST_POSTGRES="Host=127.0.0.1;Port=$test_services_pg_port;Username=postgres"
    export MOVIENEWS_TEST_REDIS="127.0.0.1:$test_services_redis_port"
    echo "PostgreSQL on 127.0.0.1:$test_services_pg_port and Redis on 127.0.0.1:$test_services_redis_port (stopped at exit)."
}
