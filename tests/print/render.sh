#!/usr/bin/env bash
# Prints the built print views (ui/dist) to PDF with headless Chromium, the stand-in for Windows'
# WebView2 (Chromium too), and checks each PDF with check-pdf.sh; PNGs of the pages to look at.
# The backend is mocked (mock-backend.js): tasks come from a fresh store through the CLI, progress
# from sample records. Needs: ui built (npx vite build), target/debug/pacesetter, chromium, poppler-utils.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd)
OUT=${PRINT_OUT:-$ROOT/target/print-check}
rm -rf "$OUT" && mkdir -p "$OUT/site"
cp -r "$ROOT/ui/dist/." "$OUT/site/"
"$ROOT/target/debug/pacesetter" --db "$OUT/fixture.db" list tasks --json > "$OUT/tasks.json"
"$ROOT/target/debug/pacesetter" --db "$OUT/fixture.db" plan list --json > "$OUT/plans.json"
node -e '
const tasks = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const plan = JSON.parse(require("fs").readFileSync(process.argv[3], "utf8")).find((p) => p.current);
const at = (task_id, unit, status, text, percent) => ({ id: task_id * 100 + unit.length, task_id, action_no: 0, measure_no: 0, title: "", unit, period: "2026-11", status, text, percent, date: "2026-11-25", operator: "市工信局", updated_at: "2026-11-25 10:00:00" });
const progress = [
  at(1, "市工业和信息化局", "推进中", "已遴选28家企业纳入上市培育库，其余2家正在调研摸底。", 93.3),
  at(1, "清河县", "已完成", "清河县6家羊绒企业入库，建立一企一档。", 100),
  at(3, "市地方金融监管局", "滞后", "股改中介机构对接会推迟至12月召开。", 40),
  at(3, "清河县", "推进中", "2家企业完成股改，1家在审计评估阶段。", 40),
];
const fixture = { tasks, progress, plan, governments: { "清河县": "清河县政府" } };
require("fs").writeFileSync(process.argv[2], "window.__PRINT_FIXTURE__ = " + JSON.stringify(fixture) + ";\n");
' "$OUT/tasks.json" "$OUT/site/fixture.js" "$OUT/plans.json"
cp mock-backend.js "$OUT/site/"
sed -i 's|<head>|<head><script src="./fixture.js"></script><script src="./mock-backend.js"></script>|' "$OUT/site/index.html"

PORT=${PRINT_PORT:-8765}
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$OUT/site" >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do (echo >/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.1; done

CITY_HEADER="序号,重点任务,工作措施,责任单位,完成时限"
status=0
render() { # name route title header
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --virtual-time-budget=8000 \
    --print-to-pdf="$OUT/$1.pdf" "http://127.0.0.1:$PORT/index.html#$2" 2>/dev/null
  pdftoppm -r 50 -png "$OUT/$1.pdf" "$OUT/$1"
  ./check-pdf.sh "$OUT/$1.pdf" --landscape --title "$3" --header "$4" --min-pages 2 || status=1
}
render city "/print/tasks" "邢台市特色产业集群“领跑者”企业培育任务分工表" "$CITY_HEADER"
render county "/print/tasks?county=清河县" "清河县特色产业集群“领跑者”企业培育任务分工表" "$CITY_HEADER,进展状态,进展情况,完成比例,填报日期"
render progress "/print/progress?period=2026-11" "任务进展情况汇总表（2026年11月）" "序号,重点任务,完成时限,责任单位,进展状态,进展情况,完成比例,填报日期"
echo "PDF 与 PNG：$OUT"
exit $status
