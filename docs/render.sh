#!/usr/bin/env bash
# Renders the first page of each kind's canonical file and template into docs/*.png, the way a
# reviewer sees them printed: jixiao → xlsx → LibreOffice (A4) → PDF → pdftoppm.
#
# Usage: docs/render.sh [path/to/jixiao]   (default: target/debug/jixiao)
# Needs soffice (LibreOffice), pdftoppm (poppler-utils), fonts-noto-cjk; fonts-crosextra-carlito
# gives LibreOffice Excel's column widths. 宋体/黑体 are mapped to Noto Serif/Sans CJK for this
# run only, through docs/fonts/65-jixiao-cjk.conf.
set -euo pipefail
cd "$(dirname "$0")/.."
jixiao="${1:-target/debug/jixiao}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cat >"$work/fonts.conf" <<CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <include>$PWD/docs/fonts/65-jixiao-cjk.conf</include>
</fontconfig>
CONF

"$jixiao" convert samples/seed-legacy.xlsx -o "$work/department-canonical.xlsx"
"$jixiao" template -o "$work/department-template.xlsx" --department 广州市工业和信息化局 --year 2025
"$jixiao" convert tests/data/realworld/09_hubei_ezhou_binhu_2022_project.xlsx -o "$work/project-canonical.xlsx"
"$jixiao" template --kind project -o "$work/project-template.xlsx" --year 2025
"$jixiao" convert tests/data/realworld/05_anhui_tianchang_shuili_2022_selfeval.xlsx \
  -o "$work/self-evaluation-canonical.xlsx"
"$jixiao" convert samples/seed-legacy.xlsx -o "$work/system-department.xlsx" --layout system
"$jixiao" convert tests/data/realworld/03_sichuan_jingyan_mata_2023_project_export.xlsx \
  -o "$work/system-sichuan.xlsx" --layout system --profile sichuan

for f in "$work"/*.xlsx; do
  FONTCONFIG_FILE="$work/fonts.conf" soffice "-env:UserInstallation=file://$work/profile" \
    --headless --convert-to pdf --outdir "$work" "$f" >/dev/null 2>&1
  name="$(basename "$f" .xlsx)"
  pdftoppm -png -r 70 -f 1 -l 1 -singlefile "$work/$name.pdf" "docs/$name"
  echo "docs/$name.png ($(pdfinfo "$work/$name.pdf" | awk '/^Pages/ {print $2}') pages)"
done
