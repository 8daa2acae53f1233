#!/usr/bin/env bash
# Lighthouse: publishes the site Release, starts it on SQLite with the seed content in a throwaway data folder,
# waits until the seed pictures are attached (they are processed in the background after the start), then runs
# Lighthouse (mobile, its default) with Debian's Chromium three times against the home page, the reference article
# and the same article opened at a comment's permalink (#comment-N, as after posting or from a feed), and prints for
# each page the median score of each category and the largest CLS of the three runs.
# The JSON reports are kept in a temporary folder (its path is printed) or in --out DIR.
# Usage: bench/lighthouse.sh [--runs N] [--out DIR] [--audits]
#   --audits also lists, for each page, the audits that scored below 1 in any run (with their worst score).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=3
OUT=""
AUDITS=0
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --out) OUT="$2"; shift 2 ;;
        --audits) AUDITS=1; shift ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
missing=(); for tool in curl node npm; do command -v "$tool" >/dev/null || missing+=("$tool"); done
[ -x "$CHROME_PATH" ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]/node/nodejs}" >/dev/null
fi
LIGHTHOUSE=bench/lighthouse/node_modules/.bin/lighthouse
if [ ! -x "$LIGHTHOUSE" ]; then
    echo "Installing Lighthouse (npm ci in bench/lighthouse)..."
    (cd bench/lighthouse && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

WORK="$(mktemp -d)"
if [ -z "$OUT" ]; then OUT="$(mktemp -d -t lighthouse-XXXXXX)"; fi
mkdir -p "$OUT"
rm -f "$OUT"/home-*.json "$OUT"/article-*.json "$OUT"/permalink-*.json  # a reused --out keeps no older run
PID=""
cleanup() {
    if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

echo "Building Release..."
dotnet publish src/MovieNews.Web -c Release -o "$WORK/app" -v quiet --nologo >/dev/null
PORT=$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
BASE="http://127.0.0.1:$PORT"
mkdir -p "$WORK/data"
(cd "$WORK/app" && exec env "ConnectionStrings__MovieNews=Data Source=$WORK/data/movienews.db" \
    ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning DataProtection__KeysPath="$WORK/data/keys" \
    dotnet MovieNews.Web.dll --urls "$BASE" >"$WORK/data/app.log" 2>&1) &
PID=$!
up=0
for _ in $(seq 1 600); do curl -sf -o /dev/null "$BASE/" && { up=1; break; }; sleep 0.1; done
if [ "$up" = 0 ]; then echo "app did not start" >&2; cat "$WORK/data/app.log" >&2; exit 1; fi
ARTICLE="$BASE/articles/will-there-be-a-purple-hearts-2"
# The seed pictures are attached in the background after the first start, one at a time: measure the pages as
# readers get them then, when the article and every summary on the home page (all seeds have one) show theirs.
ready=0
for _ in $(seq 1 1500); do
    # grep without -q: -q stops reading at the first match, curl dies of SIGPIPE and pipefail turns a match into a failure.
    if curl -s "$ARTICLE" | grep '/media/' >/dev/null && ! curl -s "$BASE/" | grep 'class="article-summary"' >/dev/null; then ready=1; break; fi
    sleep 0.2
done
if [ "$ready" = 0 ]; then echo "the seed pictures were not all attached after 300 s; the end of the app's log:" >&2; tail -20 "$WORK/data/app.log" >&2; exit 1; fi

# The last comment on the article's first comment page: arriving there makes it the :target after the first paint.
COMMENT=$(curl -s "$ARTICLE" | grep -o 'id="comment-[0-9]*"' | tail -1 | sed 's/id="\(.*\)"/\1/')
declare -A PAGES=( [home]="$BASE/" [article]="$ARTICLE" [permalink]="$ARTICLE#$COMMENT" )
ORDER=(home article permalink)
echo "Running Lighthouse ($RUNS runs a page, mobile) with $CHROME_PATH; reports in $OUT"
for run in $(seq 1 "$RUNS"); do
    for page in "${ORDER[@]}"; do
        "$LIGHTHOUSE" "${PAGES[$page]}" --quiet --output=json --output-path="$OUT/$page-$run.json" \
            --only-categories=performance,accessibility,best-practices,seo \
            --chrome-flags="--headless=new --no-sandbox" >"$OUT/$page-$run.log" 2>&1 \
            || { echo "Lighthouse failed on $page (run $run); see $OUT/$page-$run.log" >&2; exit 1; }
    done
done

echo "permalink = ${PAGES[permalink]#"$BASE"}. Scores: median of $RUNS runs; perf also per run; CLS: the largest of the runs;"
echo "bench: Lighthouse's benchmarkIndex of this machine (median), which its 4x CPU slowdown assumes to be about 1000 or more."
for page in "${ORDER[@]}"; do
    node - "$AUDITS" "$page" "$OUT"/"$page"-*.json <<'EOF'
const fs = require("fs");
const [audits, page, ...files] = process.argv.slice(2);
const reports = files.map(f => JSON.parse(fs.readFileSync(f, "utf8")));
const median = xs => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const categories = ["performance", "accessibility", "best-practices", "seo"];
const scores = categories.map(c => `${c} ${Math.round(median(reports.map(r => r.categories[c].score)) * 100)}`);
const cls = Math.max(...reports.map(r => r.audits["cumulative-layout-shift"].numericValue));
const runs = reports.map(r => Math.round(r.categories.performance.score * 100)).join("/");
const bench = Math.round(median(reports.map(r => r.environment.benchmarkIndex)));
console.log(`${page.padEnd(9)} ${scores.join("  ")}  CLS ${cls === 0 ? "0" : cls.toPrecision(2)}  (perf runs ${runs}, bench ${bench})`);
if (audits === "1") {
    // Every audit of the four categories that scored below 1 in some run, with its worst score.
    const worst = new Map();
    for (const r of reports) {
        const inCategory = new Set(categories.flatMap(c => r.categories[c].auditRefs.map(a => a.id)));
        for (const [id, a] of Object.entries(r.audits)) {
            if (!inCategory.has(id) || a.score === null || a.score >= 1 || a.scoreDisplayMode === "informative" || a.scoreDisplayMode === "manual") continue;
            const w = worst.get(id);
            if (!w || a.score < w.score) worst.set(id, { score: a.score, title: a.title, value: a.displayValue || "" });
        }
    }
    for (const [id, w] of [...worst].sort((a, b) => a[1].score - b[1].score)) console.log(`    ${id} ${w.score.toFixed(2)} ${w.title}${w.value ? ` (${w.value})` : ""}`);
}
EOF
done
