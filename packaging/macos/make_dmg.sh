#!/usr/bin/env bash
# Make the register's .dmg from the PyInstaller .app (macOS only: hdiutil).
#
#   bash packaging/macos/make_dmg.sh "dist/BigCommerce Register.app" dist/bc-pos-0.1.0.dmg 0.1.0
#
# The image holds the .app and a link to /Applications, so that installing is a drag.
# The .app is ad-hoc signed (codesign -s -) so that Apple Silicon runs it; a release for
# other Macs needs a Developer ID signature and notarisation (docs/installers.md).
set -euo pipefail
app=$1
dmg=$2
version=${3:-0.0.0}
if [ ! -d "$app" ]; then
  echo "no app bundle at $app" >&2
  exit 1
fi
codesign --force --deep --sign - "$app"
codesign --verify --deep --strict "$app"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
rm -f "$dmg"
# hdiutil create fails now and then with "Resource busy" while the system still indexes
# or scans the fresh staging folder: try again, a few times, after a pause.
attempt=1
until hdiutil create -volname "BigCommerce Register $version" -srcfolder "$stage" \
    -fs HFS+ -format UDZO -imagekey zlib-level=9 -ov "$dmg"; do
  if [ "$attempt" -ge 5 ]; then
    echo "hdiutil create failed $attempt times" >&2
    exit 1
  fi
  echo "hdiutil create failed (attempt $attempt of 5); trying again" >&2
  attempt=$((attempt + 1))
  rm -f "$dmg"
  sleep $((attempt * 3))
done
hdiutil verify "$dmg"
echo "built $dmg"
