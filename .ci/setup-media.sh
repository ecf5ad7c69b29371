#!/usr/bin/env bash
# Debian packages the media engine and its tests need: ffmpeg/ffprobe for ingest, recording and
# clips; GStreamer's RTSP server with Python bindings for the test RTSP server
# (media-engine/src/rtsp-test-server/rtsp-test-server.py, run with /usr/bin/python3).
# Idempotent: installs only what is missing, so it is quick when everything is there.
# With --runtime (npm start's prestart) only ffmpeg, and a failed install is a warning: Argus
# starts without it, and only ingest, recording, snapshots and clips need it.
set -euo pipefail

RUNTIME=false
[[ "${1:-}" == "--runtime" ]] && RUNTIME=true

PACKAGES=(ffmpeg)
if [[ "$RUNTIME" == false ]]; then
  PACKAGES+=(
    python3-gi
    python3-gst-1.0
    gir1.2-gst-rtsp-server-1.0
    gstreamer1.0-plugins-base
    gstreamer1.0-plugins-good
    gstreamer1.0-plugins-bad
    gstreamer1.0-plugins-ugly
    gstreamer1.0-rtsp
  )
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
  echo "media packages already installed"
  exit 0
fi

echo "installing media packages: ${missing[*]}"
SUDO=()
if [[ "$(id -u)" != 0 ]]; then SUDO=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
install() {
  "${SUDO[@]}" apt-get update -q && "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}
if [[ "$RUNTIME" == true ]]; then
  install || echo "warning: could not install ${missing[*]}; Argus starts, but cameras are not ingested or recorded until ffmpeg is installed" >&2
else
  install
fi
