#!/bin/bash
# check-install.sh BUILDDIR E2E_SCRIPT — installs the build into a
# temporary directory (meson install --destdir), checks that every file a
# desktop needs is there, and starts the installed clientele with its
# schema, icons, desktop file and translations found only through that
# directory: its window must appear, in German. Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -uo pipefail

builddir=$1
e2e=$2
dest=$(mktemp -d -t clientele-install.XXXXXX)
trap 'rm -rf "$dest"' EXIT

n=0
failed=0
check () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}

meson install -C "$builddir" --destdir "$dest" --no-rebuild --quiet >"$dest.log" 2>&1
check $? "meson install --destdir into $dest"
cat "$dest.log" >&2; rm -f "$dest.log"

bin=$(find "$dest" -path '*/bin/clientele' -type f | head -n1)
prefix=${bin%/bin/clientele}
share=$prefix/share
app_id=$(basename "$(find "$share/applications" -name '*.desktop' | head -n1)" .desktop)
check $([ -x "$bin" ] && [ -x "$prefix/bin/clientele-server" ]; echo $?) \
  "both binaries are installed ($prefix/bin)"
check $(desktop-file-validate "$share/applications/$app_id.desktop" >&2; echo $?) \
  "the desktop file $app_id.desktop is installed and valid"
check $(grep -q "^Icon=$app_id\$" "$share/applications/$app_id.desktop" &&
        [ -f "$share/icons/hicolor/scalable/apps/$app_id.svg" ] &&
        [ -f "$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" ]; echo $?) \
  "the icon it names is in the hicolor theme (scalable and symbolic)"
check $([ -f "$share/metainfo/$app_id.metainfo.xml" ]; echo $?) "the metainfo is installed"
check $([ -f "$share/locale/de/LC_MESSAGES/clientele.mo" ]; echo $?) \
  "the German translation is installed"
schemas=$share/glib-2.0/schemas
[ -f "$schemas/gschemas.compiled" ] || glib-compile-schemas "$schemas"
check $([ -f "$schemas/gschemas.compiled" ]; echo $?) "the GSettings schema is installed and compiles"

# Start it from there: nothing from the build tree.
env -u CLT_LOCALEDIR \
  GSETTINGS_SCHEMA_DIR="$schemas" \
  XDG_DATA_DIRS="$share:/usr/share" \
  CLT_LOCALEDIR="$share/locale" \
  LANGUAGE=de LC_ALL=C.UTF-8 \
  /usr/bin/python3 "$e2e" installed --clientele "$bin" | sed -e 's/^ok /ok-e2e /' -e 's/^not ok /not-ok-e2e /' -e '/^1\.\./d' >"$dest/e2e.tap"
e2e_status=${PIPESTATUS[0]}
sed -e 's/^ok-e2e [0-9]* - /# app: ok - /' -e 's/^not-ok-e2e [0-9]* - /# app: NOT OK - /' "$dest/e2e.tap"
check "$e2e_status" "the installed clientele shows its window, translated"

echo "1..$n"
exit $failed
