#!/usr/bin/python3
"""A small RTSP server for tests and benchmarks, on GStreamer's RTSP server (Debian packages
python3-gi, python3-gst-1.0, gir1.2-gst-rtsp-server-1.0, gstreamer1.0-plugins-*).

Serves H.264 from videotestsrc (size, frame rate, bit rate, key-frame interval), an MP4 file
holding H.264, or G.711 audio only, on one mount, optionally behind basic authentication. Clients
of the test source share one pipeline; each client of a file gets it from the start. Prints "READY port=<port> path=<path>" on stdout once it listens (port 0 = any free).
"""
import argparse
import os
import signal
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--path", default="/stream")
    p.add_argument("--width", type=int, default=640)
    p.add_argument("--height", type=int, default=480)
    p.add_argument("--fps", type=int, default=25)
    p.add_argument("--bitrate", type=int, default=1000, help="kbit/s")
    p.add_argument("--keyint", type=int, default=0, help="frames between key frames (default: fps)")
    p.add_argument("--pattern", default="ball", help="videotestsrc pattern")
    p.add_argument("--cbr", action="store_true", help="constant bit rate (filler data), as cameras send")
    p.add_argument("--file", help="MP4 file with H.264 video to serve instead of videotestsrc (once, not looped)")
    p.add_argument("--audio-only", action="store_true", help="serve G.711 audio and no video")
    p.add_argument("--user")
    p.add_argument("--password")
    return p.parse_args()


def launch_line(a):
    pay = "rtph264pay name=pay0 pt=96 config-interval=1"
    if a.audio_only:
        return "( audiotestsrc is-live=true ! audio/x-raw,rate=8000,channels=1 ! alawenc ! rtppcmapay name=pay0 )"
    if a.file:
        location = a.file.replace('"', '\\"')
        return f'( filesrc location="{location}" ! qtdemux ! h264parse ! {pay} )'
    keyint = a.keyint or a.fps
    cbr = ' option-string="nal-hrd=cbr:filler"' if a.cbr else ""
    return (
        f"( videotestsrc is-live=true pattern={a.pattern} "
        f"! video/x-raw,width={a.width},height={a.height},framerate={a.fps}/1,format=I420 "
        f"! x264enc speed-preset=ultrafast tune=zerolatency bitrate={a.bitrate} key-int-max={keyint}{cbr} "
        f"! video/x-h264,profile=baseline ! h264parse ! {pay} )"
    )


def protect(server, factory, user, password):
    auth = GstRtspServer.RTSPAuth()
    token = GstRtspServer.RTSPToken()
    token.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, "viewer")
    auth.add_basic(GstRtspServer.RTSPAuth.make_basic(user, password), token)
    server.set_auth(auth)
    permissions = GstRtspServer.RTSPPermissions()
    permissions.add_permission_for_role("viewer", GstRtspServer.RTSP_PERM_MEDIA_FACTORY_ACCESS, True)
    permissions.add_permission_for_role("viewer", GstRtspServer.RTSP_PERM_MEDIA_FACTORY_CONSTRUCT, True)
    factory.set_permissions(permissions)


def main():
    a = parse_args()
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address(a.host)
    server.set_service(str(a.port))
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(launch_line(a))
    factory.set_shared(not a.file)
    if a.user:
        protect(server, factory, a.user, a.password or "")
    server.get_mount_points().add_factory(a.path, factory)
    if server.attach(None) == 0:
        print(f"cannot listen on {a.host}:{a.port}", file=sys.stderr, flush=True)
        sys.exit(2)
    loop = GLib.MainLoop()
    # Leave at once: clients see the connection close, as when a camera goes away.
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_HIGH, sig, lambda: os._exit(0))
    print(f"READY port={server.get_bound_port()} path={a.path}", flush=True)
    loop.run()


if __name__ == "__main__":
    main()
