#!/usr/bin/env bash
# Build entry point: ./build.sh restore|compile|test|bench|publish
set -euo pipefail
cd "$(dirname "$0")"
exec dotnet run --project build/Seer.Build/Seer.Build.csproj -c Release -- "$@"
