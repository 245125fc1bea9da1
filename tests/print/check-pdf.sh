#!/usr/bin/env bash
# Checks a printed official table (PDF) the way a reader would: every page A4 in the expected
# orientation; all text inside the GB/T 9704 text block (page number in the bottom margin); the
# title on page 1; the header row on every page, at the top of the text block from page 2 on;
# page numbers “— 1 —” … “— n —” in order; no action row left alone at the foot of a page.
# Usage: check-pdf.sh FILE.pdf --landscape|--portrait --title TEXT --header "序号,重点任务,…"
#        [--min-pages N] [--keep REGEX]   (REGEX: a row that must not end a page; default: （一）…)
# Needs poppler-utils (pdfinfo, pdftotext). Prints one line per problem; exit 1 when any.
set -euo pipefail

pdf=$1; shift
orientation="" title="" header="" min_pages=1 keep='^[[:space:]]*[(（][一二三四五六七八九十]+[)）]'
while [ $# -gt 0 ]; do
  case $1 in
    --landscape | --portrait) orientation=${1#--} ;;
    --title) title=$2; shift ;;
    --header) header=$2; shift ;;
    --min-pages) min_pages=$2; shift ;;
    --keep) keep=$2; shift ;;
    *) echo "未知参数：$1"; exit 2 ;;
  esac
  shift
done
[ -s "$pdf" ] || { echo "✗ $pdf 不存在或为空"; exit 1; }

# Skia's PDFs (WebKitGTK, Chromium) map some CJK glyphs back to compatibility code points (⼯ for 工,
# ⾊ for 色): compare text after NFKC, which also turns full-width brackets into ( ).
nfkc() { python3 -c 'import sys, unicodedata; sys.stdout.write(unicodedata.normalize("NFKC", sys.stdin.read()))'; }
title=$(nfkc <<<"$title") header=$(nfkc <<<"$header")
status=0
bad() { echo "  ✗ $*"; status=1; }
name=$(basename "$pdf")
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
echo "$name：$pages 页（$orientation）"
[ "$pages" -ge "$min_pages" ] || bad "只有 $pages 页，应至少 $min_pages 页"

# Paper: A4 is 595.28 × 841.89 pt; text block per GB/T 9704 (mm → pt), as ui/src/views/print/pages.ts.
if [ "$orientation" = landscape ]; then W=841.89 H=595.28 T=28 R=37 B=26 L=35; else W=595.28 H=841.89 T=37 R=26 B=35 L=28; fi
pt() { awk -v mm="$1" 'BEGIN { printf "%.2f", mm * 72 / 25.4 }'; }
top=$(pt $T) right=$(awk -v w=$W -v r="$(pt $R)" 'BEGIN { print w - r }') bottom=$(awk -v h=$H -v b="$(pt $B)" 'BEGIN { print h - b }') left=$(pt $L)

pdfinfo -f 1 -l "$pages" "$pdf" | awk -v W=$W -v H=$H '/^Page +[0-9]+ size:/ {
  if (($4 - W) ^ 2 > 1 || ($6 - H) ^ 2 > 1) printf "第 %d 页纸张 %s × %s pt，应为 %s × %s pt（A4）\n", $2, $4, $6, W, H }' |
  while read -r line; do echo "  ✗ $line"; done | grep . && status=1

IFS=, read -r -a heads <<<"$header"
for n in $(seq 1 "$pages"); do
  text=$(pdftotext -layout -f "$n" -l "$n" "$pdf" - | nfkc)
  # Reading order (-raw) keeps a header cell's wrapped lines together: “完成\n时限”.
  flat=$(pdftotext -raw -f "$n" -l "$n" "$pdf" - | nfkc | tr -d ' \n')
  [ "$n" -eq 1 ] && [ -n "$title" ] && ! grep -qF "$(tr -d ' ' <<<"$title")" <<<"$flat" && bad "第 1 页没有标题“$title”"
  for h in "${heads[@]}"; do grep -qF "$h" <<<"$flat" || bad "第 $n 页没有表头“$h”"; done
  numbers=$(grep -oE '—[[:space:]]*[0-9]+[[:space:]]*—' <<<"$text" | tr -dc '0-9\n')
  [ "$numbers" = "$n" ] || bad "第 $n 页的页码是“${numbers//$'\n'/ }”，应为“— $n —”"
  grep -qE "打印|导出 PDF" <<<"$text" && bad "第 $n 页上有工具栏按钮"
  last=$(grep -vE '^[[:space:]]*$|—[[:space:]]*[0-9]+[[:space:]]*—' <<<"$text" | tail -1)
  grep -qE "$keep" <<<"$last" && bad "第 $n 页最后一行是单独的“$(sed 's/^ *//' <<<"$last" | cut -c1-40)”"
  # Word boxes (pt; CJK boxes are tall, so a word's height is taken at its middle): body text inside
  # the text block, the page number below it in the bottom margin; from page 2 on the first line
  # (the header) within 12 mm of the text block's top.
  pdftotext -bbox -f "$n" -l "$n" "$pdf" - | awk -v n="$n" -v T="$top" -v R="$right" -v B="$bottom" -v L="$left" -v lim="$(pt 12)" '
    /<word / {
      match($0, /xMin="[0-9.]+"/); x0 = substr($0, RSTART + 6, RLENGTH - 7) + 0
      match($0, /yMin="[0-9.]+"/); y0 = substr($0, RSTART + 6, RLENGTH - 7) + 0
      match($0, /xMax="[0-9.]+"/); x1 = substr($0, RSTART + 6, RLENGTH - 7) + 0
      match($0, /yMax="[0-9.]+"/); y1 = substr($0, RSTART + 6, RLENGTH - 7) + 0
      y = (y0 + y1) / 2
      if (y >= B) { folio = 1; next }
      words++
      if (x0 < L - 1 || x1 > R + 1 || y < T) out++
      if (first == "" || y < first) first = y
    }
    END {
      if (out) printf "第 %d 页有 %d 个字落在版心外（版心 %.0f–%.0f × %.0f–%.0f pt）\n", n, out, L, R, T, B
      if (!folio) printf "第 %d 页页码不在下白边内\n", n
      if (n > 1 && words && first > T + lim) printf "第 %d 页第一行离版心上沿 %.1f mm，表头应在页首\n", n, (first - T) * 25.4 / 72
    }' | while read -r line; do echo "  ✗ $line"; done | grep . && status=1
done
[ $status -eq 0 ] && echo "  ✓ A4 $orientation，每页有表头与页码 1–$pages，文字都在版心内"
exit $status
