# shellcheck shell=bash
# tests/common/headless-env.sh — sourced (bash) by tests/run-tests and
# tests/bench/run: how Clientele runs headless, as its tests and benchmarks
# need it. An Xvfb X server, and a private D-Bus session bus that can start
# only the AT-SPI accessibility bus (a stock session bus would wake portals
# and keyrings that write into HOME).
#
#   headless_check
#       says on stderr which tool or file is missing (run 'sudo tests/setup')
#       and returns 1, else returns 0.
#   headless_init DIR
#       writes the bus's configuration (DIR/session.conf, DIR/services/)
#       and a runtime directory (DIR/runtime) into DIR, an empty directory
#       the caller removes.
#   headless_run DIR COMMAND [ARG…]
#       runs COMMAND under Xvfb (1280x1024x24) and that bus, with no display,
#       session bus or runtime directory of the caller's desktop leaking in;
#       returns its status.
#
# SPDX-License-Identifier: GPL-3.0-or-later

headless_a11y_service=/usr/share/dbus-1/services/org.a11y.Bus.service

headless_check() {
  local tool
  for tool in xvfb-run dbus-run-session; do
    if ! command -v "$tool" >/dev/null; then
      echo "${0##*/}: $tool is missing: run 'sudo tests/setup' first" >&2
      return 1
    fi
  done
  if [ ! -f "$headless_a11y_service" ]; then
    echo "${0##*/}: $headless_a11y_service is missing: run 'sudo tests/setup' first" >&2
    return 1
  fi
}

headless_init() {
  local dir=$1
  mkdir -p "$dir/services" "$dir/runtime"
  chmod 700 "$dir/runtime"
  cp "$headless_a11y_service" "$dir/services/"
  cat >"$dir/session.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:tmpdir=$dir</listen>
  <auth>EXTERNAL</auth>
  <servicedir>$dir/services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
}

headless_run() {
  local dir=$1
  shift
  # xvfb-run -a takes the first free display from -n on: start at a random
  # one so that runs side by side (other build dirs, the benchmark) do not
  # race for :99.
  local display=$((100 + RANDOM % 800))
  # -noreset: by default Xvfb resets whenever its last client disconnects,
  # and a client connecting during the reset fails with "cannot open
  # display" (the AT-SPI bus launcher connects and leaves just as an app
  # starts: about one e2e run in three failed that way).
  env -u DBUS_SESSION_BUS_ADDRESS -u DISPLAY -u WAYLAND_DISPLAY \
    XDG_RUNTIME_DIR="$dir/runtime" \
    xvfb-run -a -n "$display" -s '-screen 0 1280x1024x24 -noreset' \
    dbus-run-session --config-file="$dir/session.conf" -- \
    "$@"
}
