#!/usr/bin/env bash
# Install the .deb into a clean, minimal Debian 12 and start it there (run as root):
#
#   packaging/linux/debian12-smoke.sh dist/hoist_<version>_amd64.deb [shot.png]
#
# 1. debootstrap --variant=minbase bookworm (cached as a tarball in $CACHE between runs);
# 2. apt-get install --no-install-recommends ./hoist_*.deb inside it: Depends alone must do;
# 3. inside: hoist --version, hoist --self-check (offscreen), ldd of every bundled library;
# 4. `hoist --sandbox [$HOIST_FILES]` inside the chroot on an Xvfb display served from the
#    host, and a screenshot with ImageMagick's import (host tools: xvfb, imagemagick,
#    debootstrap). HOIST_FILES: paths inside the chroot to queue, e.g. /etc/os-release.
# The mirror is the first Debian URI in this machine's apt sources (override: MIRROR=...).
set -euo pipefail

deb=$(realpath "$1")
shot=$(realpath -m "${2:-debian12-sandbox.png}")
CACHE=${CACHE:-/tmp/hoist-deb12-minbase.tar}
ROOTFS=${ROOTFS:-/tmp/hoist-deb12}
DISPLAY_NUM=${DISPLAY_NUM:-77}

if [ -z "${MIRROR:-}" ]; then
  MIRROR=$(grep -rhoE 'https?://[^ ]+/debian/?' /etc/apt/sources.list /etc/apt/sources.list.d/*.sources \
    /etc/apt/sources.list.d/*.list 2>/dev/null | grep -v security | head -n1 || true)
  MIRROR=${MIRROR:-http://deb.debian.org/debian}
fi

cleanup() {
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
  for m in tmp/.X11-unix dev/pts dev sys proc; do
    mountpoint -q "$ROOTFS/$m" && umount -l "$ROOTFS/$m" || true
  done
}
trap cleanup EXIT

if [ ! -f "$CACHE" ]; then
  echo "== debootstrap --variant=minbase bookworm from $MIRROR"
  rm -rf "$ROOTFS.new"
  debootstrap --variant=minbase bookworm "$ROOTFS.new" "$MIRROR" >/dev/null
  tar -C "$ROOTFS.new" -cf "$CACHE" .
  rm -rf "$ROOTFS.new"
fi
cleanup
rm -rf "$ROOTFS"
mkdir -p "$ROOTFS"
tar -C "$ROOTFS" -xf "$CACHE"
mount -t proc proc "$ROOTFS/proc"
mount --bind /sys "$ROOTFS/sys"
mount --bind /dev "$ROOTFS/dev"
mount --bind /dev/pts "$ROOTFS/dev/pts"
cp /etc/resolv.conf "$ROOTFS/etc/resolv.conf"
cp "$deb" "$ROOTFS/root/"
in_root() { chroot "$ROOTFS" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"; }

echo "== apt-get install --no-install-recommends ./$(basename "$deb")"
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  "/root/$(basename "$deb")" >/dev/null
in_root dpkg -s hoist | grep -E '^(Status|Version|Depends):'
echo "== installed size: $(du -sh "$ROOTFS/opt/hoist" | cut -f1)"

echo "== hoist --version"
in_root hoist --version
echo "== libraries the bundle cannot find (none expected)"
missing=$(in_root sh -c 'find /opt/hoist -name "*.so*" -type f | while read -r f; do
  LD_LIBRARY_PATH=/opt/hoist/_internal ldd "$f" 2>/dev/null | grep "not found" | sed "s|^|$f: |"; done' || true)
if [ -n "$missing" ]; then echo "$missing"; exit 1; fi
echo "none"
echo "== hoist --self-check (offscreen; no keyring daemon in a chroot)"
in_root env QT_QPA_PLATFORM=offscreen HOIST_HOME=/tmp/hoist-home hoist --self-check || true

echo "== hoist --sandbox under Xvfb :$DISPLAY_NUM"
Xvfb ":$DISPLAY_NUM" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -S "/tmp/.X11-unix/X$DISPLAY_NUM" ] && break; sleep 0.2; done
mkdir -p "$ROOTFS/tmp/.X11-unix"
mount --bind /tmp/.X11-unix "$ROOTFS/tmp/.X11-unix"
chroot "$ROOTFS" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root DISPLAY=":$DISPLAY_NUM" \
  HOIST_HOME=/tmp/hoist-home-gui hoist --sandbox ${HOIST_FILES:-} >"$ROOTFS/tmp/hoist-gui.log" 2>&1 &
app_pid=$!
sleep "${WAIT_SECONDS:-12}"
if ! kill -0 "$app_pid" 2>/dev/null; then
  echo "hoist --sandbox exited early:"; cat "$ROOTFS/tmp/hoist-gui.log"; exit 1
fi
import -display ":$DISPLAY_NUM" -window root "$shot"
echo "== screenshot: $shot"
if [ -n "${CLICK_AT:-}" ] && command -v xdotool >/dev/null; then
  # e.g. CLICK_AT="1030 197" presses "Upload" in the 1280x800 layout, then a second shot
  DISPLAY=":$DISPLAY_NUM" xdotool mousemove $CLICK_AT click 1
  sleep "${AFTER_CLICK_SECONDS:-8}"
  import -display ":$DISPLAY_NUM" -window root "${shot%.png}-after.png"
  echo "== screenshot after the click: ${shot%.png}-after.png"
fi
echo "== app log:"; cat "$ROOTFS/tmp/hoist-gui.log"
