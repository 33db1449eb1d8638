#!/bin/sh
# Renders icons/bosun.svg into every icon the app and its installers use. Run it after changing the SVG and commit the
# results; the build itself never needs these tools.
#   Debian/Ubuntu: apt-get install librsvg2-bin imagemagick icnsutils
set -eu
cd "$(dirname "$0")"
for tool in rsvg-convert convert png2icns; do
    command -v "$tool" >/dev/null || { echo "render.sh: $tool is missing (apt-get install librsvg2-bin imagemagick icnsutils)" >&2; exit 1; }
done
mkdir -p png
for size in 16 24 32 48 64 128 256 512; do
    rsvg-convert --width "$size" --height "$size" bosun.svg --output "png/bosun-$size.png"
done
# Windows: one .ico holding the sizes Explorer and the taskbar pick from.
convert png/bosun-16.png png/bosun-24.png png/bosun-32.png png/bosun-48.png png/bosun-64.png png/bosun-128.png \
    png/bosun-256.png bosun.ico
# macOS: the sizes png2icns knows (16, 32, 48, 128, 256, 512).
png2icns bosun.icns png/bosun-16.png png/bosun-32.png png/bosun-48.png png/bosun-128.png png/bosun-256.png \
    png/bosun-512.png >/dev/null
# Linux packages and the window's own icon.
cp png/bosun-256.png ../src/main/resources/dev/bosun/ui/bosun-256.png
cp png/bosun-32.png ../src/main/resources/dev/bosun/ui/bosun-32.png
echo "Rendered $(ls png | wc -l) PNGs, bosun.ico, bosun.icns"
