#!/usr/bin/env bash
# Runs every test MovieNews has, after installing whatever the tests need that this machine lacks:
# Debian's Chromium (browser tests), a Java runtime (the Nu HTML Checker), the npm checkers in tests/tools,
# nginx and openssl (the reverse-proxy tests), Varnish (the shared-cache tests),
# PostgreSQL and Redis (started on loopback for the run, stopped at exit), and the local .NET tools.
# The whole solution runs on SQLite, then the integration suite again on PostgreSQL with Redis.
# Extra arguments go to `dotnet test` (CI passes a TRX logger).
set -euo pipefail
cd "$(dirname "$0")"

apt_packages=()
command -v chromium >/dev/null 2>&1 || apt_packages+=(chromium)
command -v java >/dev/null 2>&1 || apt_packages+=(default-jre-headless)
command -v chattr >/dev/null 2>&1 || apt_packages+=(e2fsprogs)
command -v npm >/dev/null 2>&1 || apt_packages+=(npm)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || apt_packages+=(nginx)
command -v openssl >/dev/null 2>&1 || apt_packages+=(openssl)
[ -x /usr/sbin/varnishd ] || command -v varnishd >/dev/null 2>&1 || apt_packages+=(varnish)
if [ ${#apt_packages[@]} -gt 0 ]; then
    echo "Installing ${apt_packages[*]} ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_packages[@]}" >/dev/null
fi

if [ ! -d tests/tools/node_modules ] || [ tests/tools/package-lock.json -nt tests/tools/node_modules ]; then
    (cd tests/tools && npm ci --ignore-scripts --no-audit --no-fund)
fi

dotnet tool restore >/dev/null
dotnet restore MovieNews.sln

# Style is part of the build contract: .editorconfig, enforced.
dotnet format MovieNews.sln --verify-no-changes --no-restore

source scripts/test-services.sh
test_services_start

status=0
dotnet test MovieNews.sln --no-restore "$@" || status=$?

echo "The integration suite again, on PostgreSQL with Redis:"
MOVIENEWS_TEST_PROVIDER=Postgres dotnet test tests/MovieNews.IntegrationTests --no-restore --no-build "$@" || status=$?
exit "$status"
