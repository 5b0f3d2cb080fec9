#!/usr/bin/env bash
# Packs Live.Runtime, Live.Tools.Abstractions (with the generator, analyzers and code fixes) and Live.Testing into a
# local NuGet feed, for use before the packages are on a public feed.
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
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
feed="${1:-$root/artifacts/local-feed}"
version="${LIVE_PACKAGE_VERSION:-0.1.0-local.$(date -u +%Y%m%d%H%M%S)}"
mkdir -p "$feed"
feed="$(cd "$feed" && pwd)"

# One build of the three (and the generator and code fixes), then one pack each without building again.
# LIVE_ARTIFACTS_PATH puts every build output there instead of the projects' bin/ and obj/.
extra=()
if [ -n "${LIVE_ARTIFACTS_PATH:-}" ]; then
  extra=(--artifacts-path "$LIVE_ARTIFACTS_PATH")
fi
dotnet build "$root/src/Live.Testing/Live.Testing.csproj" -c Release -p:Version="$version" --nologo -v quiet "${extra[@]}"
for project in Live.Tools.Abstractions Live.Runtime Live.Testing; do
  dotnet pack "$root/src/$project/$project.csproj" -c Release --no-build -o "$feed" -p:Version="$version" --nologo -v quiet "${extra[@]}"
done

echo "Packed Live.Runtime, Live.Tools.Abstractions and Live.Testing $version into $feed"
echo "Use them from an app folder:"
echo "  dotnet new nugetconfig    # if the app has none"
echo "  dotnet nuget add source \"$feed\" --name live-tools-local"
echo "  dotnet add package Live.Runtime --prerelease"
