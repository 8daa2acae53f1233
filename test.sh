#!/usr/bin/env bash
# Runs every test MovieNews has, after installing whatever the tests need that this machine lacks.
# Extra arguments go to `dotnet test` (CI passes a TRX logger).
set -euo pipefail
cd "$(dirname "$0")"

dotnet tool restore >/dev/null
dotnet restore MovieNews.sln

# Style is part of the build contract: .editorconfig, enforced.
dotnet format MovieNews.sln --verify-no-changes --no-restore

dotnet test MovieNews.sln --no-restore "$@"
