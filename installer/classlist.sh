#!/bin/sh
# Regenerates installer/bosun.classlist: the classes a real start of the console loads (window, tabs, an objective
# run by the demo agent). The .deb's postinst turns it into a class-data-sharing archive at install time, which makes
# the window appear about a third sooner. Stale entries are skipped, so a list that lags the code only costs a little
# speed. Needs the app-image (mvn package), Xvfb and xdotool:  installer/classlist.sh
set -eu
cd "$(dirname "$0")/.."
image=target/jpackage/out/Bosun/lib
cp=$(sed -n "s|^app.classpath=\$APPDIR|$PWD/$image/app|p" "$image/app/Bosun.cfg" | paste -sd: -)
data=$(mktemp -d)
Xvfb :91 -screen 0 1400x900x24 >/dev/null 2>&1 & xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$data"' EXIT
sleep 1
DISPLAY=:91 "$image/runtime/bin/java" -XX:DumpLoadedClassList=installer/bosun.classlist -cp "$cp" \
    dev.bosun.app.Launcher --data-dir "$data" >/dev/null 2>&1 & app=$!
DISPLAY=:91 timeout 60 xdotool search --sync --onlyvisible --name '^Bosun$' >/dev/null
sleep 3
for x in 60 150 264 370 466 535 605 60; do DISPLAY=:91 xdotool mousemove $x 52 click 1; sleep 1; done
kill -TERM $app; wait $app || true
wc -l installer/bosun.classlist
