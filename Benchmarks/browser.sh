#!/usr/bin/env bash
# Seen in a real browser (headless Chromium): `reco report`'s page and `reco serve`'s dashboard,
# checked by Benchmarks/browser_check.py (console errors, charts with axes and labels, a user id
# answered with ten items, hostile titles shown as text), with screenshots.
#
#   bash Benchmarks/browser.sh [DATA] [--docs]
#
# DATA defaults to ../shared/data/ml-100k (MovieLens 100k: RecBole files). The report is
# `reco report --preset best`, which must take under 60 s and write under 2 MB. --docs copies the
# screenshots to docs/images/. Needs Debian's chromium (/usr/bin/chromium or RECO_CHROMIUM);
# Playwright, which drives it, is installed into Benchmarks/out/browser-venv.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/ml-100k
docs=false
for argument in "$@"; do
  case $argument in
    --docs) docs=true ;;
    *) data=$argument ;;
  esac
done
out=Benchmarks/out/browser
mkdir -p "$out"
reco=.build/release/reco
source Benchmarks/start-server.sh
[ -x "$reco" ] || swift build -c release --product reco >/dev/null
chromium=${RECO_CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "no Chromium at $chromium: apt-get install chromium, or set RECO_CHROMIUM"; exit 1; }
venv=$out/browser-venv
if ! "$venv/bin/python" -c "import playwright" 2>/dev/null; then
  echo "== installing Playwright into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q playwright==1.65.2
fi

echo "== reco report --preset best on $data"
start=$(date +%s.%N)
$reco report --data "$data" --preset best --out "$out/report.html" --quiet
seconds=$(echo "$(date +%s.%N) - $start" | bc)
bytes=$(stat -c %s "$out/report.html")
echo "report: $bytes bytes in $seconds s"
awk -v b="$bytes" -v s="$seconds" 'BEGIN { exit !(b < 2 * 1024 * 1024 && s < 60) }' ||
  { echo "the report must be under 2 MB and take under 60 s"; exit 1; }

echo "== a report of titles that are markup"
hostile=$out/hostile
mkdir -p "$hostile"
python3 - "$data" "$hostile" <<'PY'
import os, sys
source, target = sys.argv[1], sys.argv[2]
inter = next(f for f in os.listdir(source) if f.endswith(".inter"))
with open(os.path.join(source, inter)) as lines, open(os.path.join(target, "hostile.inter"), "w") as out:
    for number, line in enumerate(lines):
        if number > 20000:
            break
        out.write(line)
with open(os.path.join(target, "hostile.item"), "w") as out:
    out.write("item_id:token\tmovie_title:token_seq\n")
    for item in range(1, 1700):
        out.write(f"{item}\t<script>window.recoPwned=true</script> & \"film\" '{item}' <b>bold</b>\n")
PY
$reco report --data "$hostile" --models baseline,biased-mf --folds 2 --out "$out/hostile.html" --quiet

echo "== the dashboard of a live reco serve"
$reco train --data "$data" --model biased-mf --out "$out/model.reco" --quiet
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$out/token"
rm -f "$out/serve.sqlite"*
start_server "$out/serve.log" --model "$out/model.reco" --db "$out/serve.sqlite" --token-file "$out/token"

timeout 300 "$venv/bin/python" Benchmarks/browser_check.py --chromium "$chromium" --report "$out/report.html" \
  --hostile "$out/hostile.html" --dashboard "http://127.0.0.1:$port/" --token-file "$out/token" --user 196 \
  --shots "$out"
if $docs; then
  mkdir -p docs/images
  cp "$out/report.png" "$out/dashboard.png" docs/images/
  echo "copied the screenshots to docs/images/"
fi
