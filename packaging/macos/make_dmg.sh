#!/usr/bin/env bash
# Wrap build/pyinstaller/dist/Hoist.app (from `python packaging/build.py --bundle-only` on
# macOS) into dist/Hoist-<version>-macos-<arch>.dmg: the app plus an Applications link,
# so users drag Hoist into Applications.
#
# Signing is optional: with SIGN_IDENTITY set ("Developer ID Application: …") the app is
# signed with the hardened runtime; with NOTARY_PROFILE set too (a `xcrun notarytool
# store-credentials` profile) the dmg is notarised and stapled. Without them the app keeps
# PyInstaller's ad-hoc signature and users open it with right-click → Open the first time.
set -euo pipefail
cd "$(dirname "$0")/../.."

version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' app/__init__.py)
arch=$(uname -m)
app=build/pyinstaller/dist/Hoist.app
dmg="dist/Hoist-${version}-macos-${arch}.dmg"
[ -d "$app" ] || { echo "no $app: run python packaging/build.py --bundle-only first" >&2; exit 1; }

if [ -n "${SIGN_IDENTITY:-}" ]; then
  codesign --force --deep --options runtime --timestamp \
    --entitlements packaging/macos/entitlements.plist --sign "$SIGN_IDENTITY" "$app"
  codesign --verify --deep --strict "$app"
fi

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
mkdir -p dist
rm -f "$dmg"
hdiutil create -volname "Hoist ${version}" -srcfolder "$staging" -fs HFS+ \
  -format UDZO -imagekey zlib-level=9 -ov "$dmg"

if [ -n "${SIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$SIGN_IDENTITY" "$dmg"
  if [ -n "${NOTARY_PROFILE:-}" ]; then
    xcrun notarytool submit "$dmg" --keychain-profile "$NOTARY_PROFILE" --wait
    xcrun stapler staple "$dmg"
  fi
fi
hdiutil verify "$dmg"
echo "$dmg"
