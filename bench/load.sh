#!/usr/bin/env bash
# Load test: builds Release, starts the app on a seeded database, warms up, and runs wrk against
#   (a) the seed article page (cached)   (b) the same bytes as a static file served by the same app
#   (c) the home page                    (d) the article page with output caching bypassed
#   (e) comment posting through the full moderation pipeline (flood and duplicate rules off for the run)
#   (f) the same bytes as (a) served from memory by a bare Kestrel app (bench/MovieNews.MemoryServer)
#   (g) with --baseline REF: the article page of the app built from git REF, on its own seeded database
#   (h) the article page (cached) for a browser asking for Brotli; (i) the same from the --baseline app
#   (j) the article's first picture variant from /media/; (k) the same file served static by the same app
#   (l) the article page (cached) while another wrk likes its comments from many distinct client addresses
#       (X-Forwarded-For, trusted from 127.0.0.1 for the run); the likes/s are printed beside it. Each of
#       LIKE_CONNECTIONS (4) connections waits LIKE_DELAY_MS (20) between likes: a steady stream, not a flood
#       (LIKE_DELAY_MS=0 sends likes as fast as the app takes them)
#   (p) the article page through Varnish (Debian's, with the shipped docs/deploy/varnish.vcl) in front of the same app
#   (m) mail through the outbox, on an instance of its own with mail on, sending to a real SMTP server on loopback
#       (bench/MovieNews.SmtpSink): comments asking for reply notices are posted for the run's time, each queueing
#       one confirmation mail; first with the sender off, then the instance restarts with it on and the backlog is
#       timed from the first mail the server takes to the last (mails/s); then posting and sending together.
#       Measured after the rounds, alone on the machine.
# alternating targets, three rounds each. Prints requests/s, p50/p99 and the ratio of each to (f) and (b),
# peak RSS, the page's bytes, the time to the first answer after start, and the scale check on a generated archive.
# Usage: bench/load.sh [--postgres] [--baseline REF] [--targets "a l"] [--no-scale] [seconds-per-run (default 10)]
#   --targets runs only the named targets (the memory server (f) and static file (b) are always measured for the ratios);
#   --no-scale skips the large-archive check.
#   --postgres runs the app on PostgreSQL with Redis (throwaway servers, as ./test.sh starts them); the scale
#   check needs the SQLite-only generator and is skipped then.
set -euo pipefail
cd "$(dirname "$0")/.."
PROVIDER=sqlite
BASELINE=""
ONLY=""
SCALE=1
while [ $# -gt 0 ]; do
    case "$1" in
        --postgres) PROVIDER=postgres; shift ;;
        --baseline) BASELINE="$2"; shift 2 ;;
        --targets) ONLY="$2"; shift 2 ;;
        --no-scale) SCALE=0; shift ;;
        *) break ;;
    esac
done
DURATION="${1:-10}"
PORT=5080
BIG_PORT=5081
MEMORY_PORT=5082
BASELINE_PORT=5083
SMTP_PORT=5084
MAIL_PORT=5085
PROXY_PORT=5086
missing=(); for tool in wrk bc curl; do command -v "$tool" >/dev/null || missing+=("$tool"); done
[ -x /usr/sbin/varnishd ] || missing+=(varnish)
if [ ${#missing[@]} -gt 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; fi

WORK="$(mktemp -d)"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    if [ -d "$WORK/baseline-src" ]; then git worktree remove --force "$WORK/baseline-src" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT
if [ "$PROVIDER" = postgres ]; then
    source scripts/test-services.sh
    test_services_start
    trap 'cleanup; test_services_stop' EXIT
fi

echo "Building Release..."
# As docs/operations.md tells operators to publish: for the runtime, so ahead-of-time compiled (ReadyToRun).
dotnet publish src/MovieNews.Web -c Release -r linux-x64 -o "$WORK/app" -v quiet --nologo >/dev/null
dotnet publish bench/MovieNews.MemoryServer -c Release -o "$WORK/memory" -v quiet --nologo >/dev/null
dotnet publish bench/MovieNews.SmtpSink -c Release -o "$WORK/smtp" -v quiet --nologo >/dev/null
if [ -n "$BASELINE" ]; then
    echo "Building the baseline ($BASELINE)..."
    git worktree add --detach --quiet "$WORK/baseline-src" "$BASELINE"
    dotnet publish "$WORK/baseline-src/src/MovieNews.Web" -c Release -r linux-x64 -p:PublishReadyToRun=true -o "$WORK/baseline" -v quiet --nologo >/dev/null
fi

EXTRA_ENV=() # settings added to every start_app while set (the mail target's)
start_app() { # data-dir port [app-folder] -> prints pid
    mkdir -p "$1"
    local folder="${3:-$WORK/app}"
    local database=("ConnectionStrings__MovieNews=Data Source=$1/movienews.db")
    if [ "$PROVIDER" = postgres ]; then
        database=(Database__Provider=Postgres "ConnectionStrings__MovieNews=$MOVIENEWS_TEST_POSTGRES;Database=bench_$(basename "$1")"
            "Redis__Configuration=$MOVIENEWS_TEST_REDIS" "Redis__InstanceName=bench-$(basename "$1"):")
    fi
    (cd "$folder" && exec env "${database[@]}" "${EXTRA_ENV[@]}" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
        DataProtection__KeysPath="$1/keys" \
        Moderation__FloodIntervalSeconds=0 Moderation__DuplicateWindowMinutes=0 Moderation__LinkHoldThreshold=0 \
        Comments__PostAttemptsPerMinute=100000000 ForwardedHeaders__KnownProxies__0=127.0.0.1 \
        dotnet MovieNews.Web.dll --urls "http://127.0.0.1:$2" >"$1/app.log" 2>&1) &
    echo $!
}
wait_up() { for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$1/" && return 0; sleep 0.05; done; echo "app did not start" >&2; exit 1; }

t0=$(date +%s.%N)
PID=$(start_app "$WORK/seed" $PORT); PIDS+=("$PID")
wait_up $PORT
t1=$(date +%s.%N)
STARTUP=$(echo "$t1 - $t0" | bc)
BASE="http://127.0.0.1:$PORT"
ARTICLE="$BASE/articles/will-there-be-a-purple-hearts-2"
# The seed pictures are processed in the background after the first start: measure pages as readers get them
# once every home-page summary shows its picture (none is left with the plain class), so no run competes with it.
# (grep without -q: -q stops reading at the first match, curl dies of SIGPIPE and pipefail fails the test.)
wait_pictures() { # base-url
    for _ in $(seq 1 1500); do
        curl -s "$1/articles/will-there-be-a-purple-hearts-2" | grep '/media/' >/dev/null \
            && ! curl -s "$1/" | grep 'class="article-summary"' >/dev/null && return 0
        sleep 0.2
    done
    echo "the seed pictures were not all processed after 300 s" >&2
}
wait_pictures "$BASE"
PICTURES_READY=$(echo "$(date +%s.%N) - $t0" | bc)
curl -s "$ARTICLE" > "$WORK/app/wwwroot/article-copy.html"
PAGE_BYTES=$(stat -c %s "$WORK/app/wwwroot/article-copy.html")
PAGE_BROTLI=$(curl -s -H "Accept-Encoding: br" "$ARTICLE" | wc -c)
# Posting goes to another article, so (a) and (d) keep measuring the same page from round to round.
POST_ARTICLE="$BASE/articles/the-quiet-return-of-the-mid-budget-thriller"
(cd "$WORK/memory" && exec dotnet MovieNews.MemoryServer.dll --page "$WORK/app/wwwroot/article-copy.html" --urls "http://127.0.0.1:$MEMORY_PORT" >/dev/null 2>&1) &
PIDS+=("$!")
wait_up $MEMORY_PORT

# (p): Varnish with the VCL operators are given, its backend the app above.
sed "s/\.port = \"5000\";/.port = \"$PORT\";/" docs/deploy/varnish.vcl > "$WORK/varnish.vcl"
/usr/sbin/varnishd -F -j none -n "$WORK/varnish" -a "127.0.0.1:$PROXY_PORT" -f "$WORK/varnish.vcl" -s malloc,256m -T none >"$WORK/varnish.log" 2>&1 &
PIDS+=("$!")
disown "$!" # stopped with the others at exit; its way of ending is not the run's result
wait_up $PROXY_PORT

declare -A URL=( [a]="$ARTICLE" [b]="$BASE/article-copy.html" [c]="$BASE/" [d]="$ARTICLE" [e]="$POST_ARTICLE" [f]="http://127.0.0.1:$MEMORY_PORT/" [h]="$ARTICLE" [l]="$ARTICLE"
    [p]="http://127.0.0.1:$PROXY_PORT/articles/will-there-be-a-purple-hearts-2" )
declare -A NAME=( [a]="article (cached)" [b]="static file" [c]="home" [d]="article (uncached)" [e]="comment posting" [f]="same bytes from memory, bare Kestrel" [h]="article (cached), Brotli" [l]="article (cached) while likes stream in"
    [p]="article through Varnish" )
TARGETS=(a b c d e f h l p)
# The comments the likes target likes: those on the article's first page.
export LIKE_SLUG="will-there-be-a-purple-hearts-2"
LIKE_COMMENTS="$(curl -s "$ARTICLE" | grep -o 'id="comment-[0-9]*"' | grep -o '[0-9]*' | tr '\n' ' ')"
export LIKE_COMMENTS
# A picture variant of the article (its first WebP) against the same file served static by the same app.
IMAGE=$(grep -o '/media/[0-9a-f]\{32\}\.webp' "$WORK/app/wwwroot/article-copy.html" | head -1 || true)
if [ -n "$IMAGE" ]; then
    curl -s "$BASE$IMAGE" > "$WORK/app/wwwroot/image-copy.webp"
    URL[j]="$BASE$IMAGE"; NAME[j]="picture variant $(stat -c %s "$WORK/app/wwwroot/image-copy.webp") bytes, /media/"
    URL[k]="$BASE/image-copy.webp"; NAME[k]="the same picture as a static file"
    TARGETS+=(j k)
fi
if [ -n "$BASELINE" ]; then
    BASELINE_PID=$(start_app "$WORK/baseline-data" $BASELINE_PORT "$WORK/baseline"); PIDS+=("$BASELINE_PID")
    wait_up $BASELINE_PORT
    URL[g]="http://127.0.0.1:$BASELINE_PORT/articles/will-there-be-a-purple-hearts-2"
    NAME[g]="article (cached), $BASELINE"
    URL[i]="${URL[g]}"
    NAME[i]="article (cached), Brotli, $BASELINE"
    TARGETS+=(g i)
    echo "Baseline page: $(curl -s "${URL[g]}" | wc -c) bytes"
fi
declare -A RPS P50 P99
run() { # target -> "rps p50 p99"
    local args=(-t2 -c32 -d"${DURATION}s" --latency)
    case "$1" in
        d) args+=(-H "Cookie: mn_commenter=bypass") ;;
        h|i) args+=(-H "Accept-Encoding: br") ;;
        e) args=(-t2 -c8 -d"${DURATION}s" --latency -s bench/post-comment.lua) ;;
        l) # The likes run beside the readers, for the same time; their rate goes to a file for the summary.
            wrk -t1 -c"${LIKE_CONNECTIONS:-4}" -d"${DURATION}s" -s bench/post-like.lua "$BASE" | awk '/Requests\/sec/ {print $2}' >> "$WORK/likes-rates" &
            local likes=$! ;;
    esac
    wrk "${args[@]}" "${URL[$1]}" | awk '/Requests\/sec/ {r=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {print r, p50, p99}'
    if [ "$1" = l ]; then wait "$likes"; fi
}
if [ -n "$ONLY" ]; then
    kept=(b f); for t in $ONLY; do case " ${kept[*]} " in *" $t "*) ;; *) [ -n "${URL[$t]:-}" ] && kept+=("$t") ;; esac; done
    TARGETS=("${kept[@]}")
fi
echo "Warming up..."
for t in "${TARGETS[@]}"; do
    case "$t" in
        e) ;;
        l) wrk -t1 -c8 -d3s -s bench/post-like.lua "$BASE" >/dev/null ;;
        h|i) wrk -t2 -c16 -d3s -H "Accept-Encoding: br" "${URL[$t]}" >/dev/null ;;
        *) wrk -t2 -c16 -d3s "${URL[$t]}" >/dev/null ;;
    esac
done
for round in 1 2 3; do
    for t in "${TARGETS[@]}"; do
        read -r r p50 p99 < <(run "$t")
        RPS[$t]="${RPS[$t]:-} $r"; P50[$t]="${P50[$t]:-} $p50"; P99[$t]="${P99[$t]:-} $p99"
        echo "round $round  ($t) ${NAME[$t]}: $r req/s  p50 $p50  p99 $p99"
    done
done
RSS_KB=$(awk '/VmHWM/ {print $2}' "/proc/$PID/status")
STORED=$(curl -s "$POST_ARTICLE" | grep -o '[0-9]* thoughts on' | head -1 || true)

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo
echo "| target | req/s (median of 3) | p50 (last round) | p99 (last round) | ratio to memory (f) | ratio to static (b) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
STATIC=$(echo "${RPS[b]}" | median)
MEMORY=$(echo "${RPS[f]}" | median)
for t in "${TARGETS[@]}"; do
    r=$(echo "${RPS[$t]}" | median)
    printf '| (%s) %s | %s | %s | %s | %.2f | %.2f |\n' "$t" "${NAME[$t]}" "$r" "$(echo "${P50[$t]}" | tr ' ' '\n' | grep -v '^$' | tail -1)" \
        "$(echo "${P99[$t]}" | tr ' ' '\n' | grep -v '^$' | tail -1)" "$(echo "$r / $MEMORY" | bc -l)" "$(echo "$r / $STATIC" | bc -l)"
done
echo
if [ -n "$IMAGE" ] && [ -n "${RPS[j]:-}" ]; then
    printf 'Picture variant (j) against the same file served static (k): %.2f\n' "$(echo "$(echo "${RPS[j]}" | median) / $(echo "${RPS[k]}" | median)" | bc -l)"
fi
if [ -s "$WORK/likes-rates" ]; then
    sleep 6 # one flush interval, so the counts shown include the last likes
    LIKED=$(curl -s "$ARTICLE" | grep -o 'class="like-count">[0-9]*' | grep -o '[0-9]*$' | paste -sd+ | bc)
    echo "Likes streamed beside (l): $(median < <(tr '\n' ' ' < "$WORK/likes-rates")) likes/s (median of 3); likes shown on the article's first page afterwards: ${LIKED:-0}"
fi
echo "Article page: $PAGE_BYTES bytes ($PAGE_BROTLI with Brotli). Peak RSS under load: $((RSS_KB / 1024)) MB; first answer ${STARTUP} s after start (every seed picture processed at ${PICTURES_READY} s); the posting target now shows: $STORED"

stop_pid() { kill "$1" 2>/dev/null || true; for _ in $(seq 1 200); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.05; done; }
mails() { wc -l < "$WORK/smtp.log"; }
wait_mails() { # count -> waits until the SMTP server has taken that many, or nothing new came for 10 s
    local seen last_change=$SECONDS before=-1
    while :; do
        seen=$(mails)
        [ "$seen" -ge "$1" ] && return 0
        if [ "$seen" != "$before" ]; then before=$seen; last_change=$SECONDS; fi
        [ $((SECONDS - last_change)) -ge 10 ] && return 0
        sleep 0.2
    done
}
if [ -z "$ONLY" ] || [[ " $ONLY " == *" m "* ]]; then
    (cd "$WORK/smtp" && exec dotnet MovieNews.SmtpSink.dll "$SMTP_PORT" >"$WORK/smtp.log" 2>"$WORK/smtp.err") &
    PIDS+=("$!")
    MAIL_BASE="http://127.0.0.1:$MAIL_PORT"
    MAIL_ARTICLE="$MAIL_BASE/articles/the-quiet-return-of-the-mid-budget-thriller"
    EXTRA_ENV=(Mail__Host=127.0.0.1 "Mail__Port=$SMTP_PORT" Mail__Security=None "Mail__From=MovieNews <news@movienews.test>"
        "Site__PublicUrl=$MAIL_BASE" Mail__BackgroundSender=false)
    MAIL_PID=$(start_app "$WORK/mail" $MAIL_PORT); PIDS+=("$MAIL_PID")
    wait_up $MAIL_PORT
    wait_pictures "$MAIL_BASE"
    # 1. A backlog: comments asking for notices while the sender is off; then a restart with it on, timed.
    QUEUED=$(MAIL_RUN=1 wrk -t2 -c8 -d"${DURATION}s" -s bench/post-notify.lua "$MAIL_ARTICLE" | awk '/requests in/ {print $1}')
    stop_pid "$MAIL_PID"
    EXTRA_ENV[-1]=Mail__BackgroundSender=true
    MAIL_PID=$(start_app "$WORK/mail" $MAIL_PORT); PIDS+=("$MAIL_PID")
    wait_up $MAIL_PORT
    wait_mails "$QUEUED"
    BACKLOG=$(mails)
    BACKLOG_RATE=$(awk 'NR==1 {f=$1} {l=$1} END {if (l > f) printf "%.0f", (NR-1)*1000/(l-f); else print "n/a"}' "$WORK/smtp.log")
    # 2. Posting and sending at once: how fast comments are taken and how far the mail lags behind.
    START_MS=$(date +%s%3N)
    POSTED=$(MAIL_RUN=2 wrk -t2 -c8 -d"${DURATION}s" -s bench/post-notify.lua "$MAIL_ARTICLE" | awk '/requests in/ {print $1}')
    END_MS=$(date +%s%3N)
    wait_mails $((BACKLOG + POSTED))
    TOGETHER=$(( $(mails) - BACKLOG ))
    LAST_MS=$(tail -1 "$WORK/smtp.log")
    printf 'Mail (m): a backlog of %s comments asking for notices: the server took %s mails at %s mails/s through the outbox.\n' "$QUEUED" "$BACKLOG" "$BACKLOG_RATE"
    printf 'Mail (m): posting and sending together: %s comments in %.1f s (%.0f/s), %s mails taken, the last %.1f s after posting stopped.\n' \
        "$POSTED" "$(echo "($END_MS - $START_MS) / 1000" | bc -l)" "$(echo "$POSTED * 1000 / ($END_MS - $START_MS)" | bc -l)" "$TOGETHER" \
        "$(echo "($LAST_MS - $END_MS) / 1000" | bc -l)"
    stop_pid "$MAIL_PID"
    EXTRA_ENV=()
fi

if [ "$PROVIDER" = postgres ]; then
    echo "Scale check skipped: the archive generator writes SQLite."
    exit 0
fi
if [ "$SCALE" = 0 ]; then
    exit 0
fi
echo
echo "Scale: generating 10,000 articles and 200,000 comments..."
mkdir -p "$WORK/big"
(cd "$WORK/app" && ConnectionStrings__MovieNews="Data Source=$WORK/big/movienews.db" DataProtection__KeysPath="$WORK/big/keys" \
    Logging__LogLevel__Default=Warning dotnet MovieNews.Web.dll generate --articles 10000 --comments 200000 | tail -1)
BIG_PID=$(start_app "$WORK/big" $BIG_PORT); PIDS+=("$BIG_PID")
wait_up $BIG_PORT
BIG_ARTICLE=$(curl -s "http://127.0.0.1:$BIG_PORT/tags" >/dev/null; echo "/articles/generated-10000")
LAST_PAGE=$(curl -s -H "Cookie: mn_commenter=bypass" "http://127.0.0.1:$BIG_PORT$BIG_ARTICLE" | grep -o 'cpage=[0-9]*#comments" rel="next"\|cpage=[0-9]*#comments">[0-9]*</a>' | sed 's/cpage=\([0-9]*\).*/\1/' | sort -n | tail -1)
SEED_TAG=$(curl -s "$BASE/tags" | grep -o 'href="/tags/[^"]*"' | head -1 | sed 's/href="//;s/"//')
BIG_TAG=$(curl -s "http://127.0.0.1:$BIG_PORT/tags" | grep -o 'href="/tags/[^"]*"' | head -1 | sed 's/href="//;s/"//')
uncached_ms() { # url -> median milliseconds of 15 uncached requests
    for _ in $(seq 1 3); do curl -s -o /dev/null -H "Cookie: mn_commenter=bypass" "$1"; done
    for _ in $(seq 1 15); do curl -s -o /dev/null -w '%{time_total}\n' -H "Cookie: mn_commenter=bypass" "$1"; done | sort -g | awk '{a[NR]=$1} END {printf "%.2f", a[8]*1000}'
}
echo "| page (uncached) | seed-only ms | large archive ms | ratio |"
echo "| --- | ---: | ---: | ---: |"
compare() { local s b; s=$(uncached_ms "$2"); b=$(uncached_ms "$3"); printf '| %s | %s | %s | %.2f |\n' "$1" "$s" "$b" "$(echo "$b / $s" | bc -l)"; }
compare "home" "$BASE/" "http://127.0.0.1:$BIG_PORT/"
compare "tag page" "$BASE$SEED_TAG" "http://127.0.0.1:$BIG_PORT$BIG_TAG"
compare "article, first comment page" "$ARTICLE" "http://127.0.0.1:$BIG_PORT$BIG_ARTICLE"
compare "article, last comment page" "$ARTICLE?cpage=2" "http://127.0.0.1:$BIG_PORT$BIG_ARTICLE?cpage=${LAST_PAGE:-40}"
echo "Peak RSS of the large-archive server: $(( $(awk '/VmHWM/ {print $2}' "/proc/$BIG_PID/status") / 1024 )) MB"
