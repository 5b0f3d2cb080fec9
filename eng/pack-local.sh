#!/usr/bin/env bash
# Packs every package of the repository into a local NuGet feed, for use before the packages are on a public feed:
# each project under src/ that is packable (Live.Runtime, Live.Tools.Abstractions with the generator, analyzers and
# code fixes inside it, Live.Testing and the integration packages: Live.AspNetCore, Live.Extensions.*, Live.Mcp,
# Live.Audio, Live.Twilio, ...). Projects with <IsPackable>false</IsPackable> (the generator and the code fixes) are
# skipped: they ship inside Live.Tools.Abstractions.
#
#   eng/pack-local.sh [FEED_DIR]        # default: artifacts/local-feed in the repository
#
# Each run packs a new prerelease version (0.1.0-local.<UTC timestamp>, or $LIVE_PACKAGE_VERSION), so a package
# cached from an earlier pack is never reused by mistake. Then, in your app's folder:
#
#   dotnet new nugetconfig                                   # if the app has no nuget.config yet
#   dotnet nuget add source FEED_DIR --name live-tools-local
#   dotnet add package Live.Runtime --prerelease
#   dotnet add package Live.Testing --prerelease             # in a test project
#   dotnet add package Live.Extensions.DependencyInjection --prerelease   # any other package the same way
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
feed="${1:-$root/artifacts/local-feed}"
version="${LIVE_PACKAGE_VERSION:-0.1.0-local.$(date -u +%Y%m%d%H%M%S)}"
mkdir -p "$feed"
feed="$(cd "$feed" && pwd)"

# The packable projects: every src/<Name>/<Name>.csproj not marked <IsPackable>false</IsPackable>.
projects=()
for csproj in "$root"/src/*/*.csproj; do
  if ! grep -Eq '<IsPackable>[[:space:]]*false[[:space:]]*</IsPackable>' "$csproj"; then
    projects+=("$csproj")
  fi
done
if [ "${#projects[@]}" -eq 0 ]; then
  echo "No packable project under $root/src" >&2
  exit 1
fi

# One build of them all (with the generator and code fixes they reference), through a temporary solution filter of
# Live.Tools.sln, then one pack each without building again.
# LIVE_ARTIFACTS_PATH puts every build output there instead of the projects' bin/ and obj/.
extra=()
if [ -n "${LIVE_ARTIFACTS_PATH:-}" ]; then
  extra=(--artifacts-path "$LIVE_ARTIFACTS_PATH")
fi
filter_dir="$(mktemp -d)"
trap 'rm -rf "$filter_dir"' EXIT
{
  printf '{ "solution": { "path": "%s", "projects": [' "$root/Live.Tools.sln"
  separator=""
  for csproj in "${projects[@]}"; do
    printf '%s "%s"' "$separator" "${csproj#"$root"/}"
    separator=","
  done
  printf ' ] } }\n'
} > "$filter_dir/packages.slnf"
dotnet build "$filter_dir/packages.slnf" -c Release -p:Version="$version" --nologo -v quiet "${extra[@]}"
names=()
for csproj in "${projects[@]}"; do
  dotnet pack "$csproj" -c Release --no-build -o "$feed" -p:Version="$version" --nologo -v quiet "${extra[@]}"
  names+=("$(basename "$csproj" .csproj)")
done

echo "Packed ${#names[@]} packages ($version) into $feed: ${names[*]}"
echo "Use them from an app folder:"
echo "  dotnet new nugetconfig    # if the app has none"
echo "  dotnet nuget add source \"$feed\" --name live-tools-local"
echo "  dotnet add package Live.Runtime --prerelease    # or any package above, the same way"
