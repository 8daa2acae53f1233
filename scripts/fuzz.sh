#!/usr/bin/env bash
# Coverage-guided fuzzing of one MovieNews target with afl-fuzz and SharpFuzz.
#
#   scripts/fuzz.sh TARGET SECONDS      TARGET: comment | article | comment-render | wxr
#
# Installs what is missing (Debian's afl++, the SharpFuzz.CommandLine local tool), publishes the harness in Release,
# instruments the assemblies under test in a copy of it, runs afl-fuzz for SECONDS from the committed seed corpus
# and prints executions, speed, corpus size, crashes and hangs. Findings stay in the folder it names, under
# tests/MovieNews.Fuzz/work/ (ignored by git); a crash worth keeping goes to tests/MovieNews.Fuzz/crashes/TARGET/,
# where a unit test replays it. Run one target at a time: afl-fuzz keeps a core busy.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "Usage: scripts/fuzz.sh comment|article|comment-render|wxr SECONDS" >&2; exit 2; }
[ $# -eq 2 ] || usage
target="$1"
seconds="$2"
case "$target" in
    comment | comment-render | article) dictionary=markdown.dict ;;
    wxr) dictionary=wxr.dict ;;
    *) usage ;;
esac
[[ "$seconds" =~ ^[0-9]+$ ]] && [ "$seconds" -gt 0 ] || usage

harness=tests/MovieNews.Fuzz
work="$harness/work"

if ! command -v afl-fuzz >/dev/null 2>&1; then
    echo "Installing afl++ ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
fi
dotnet tool restore >/dev/null

# A plain build replays inputs outside AFL (instrumented code needs AFL's shared memory); a copy of it is instrumented.
echo "Publishing the harness (Release) ..."
rm -rf "$work/plain" "$work/$target/out"
dotnet publish "$harness/MovieNews.Fuzz.csproj" -c Release -o "$work/plain" --nologo -v quiet
mkdir -p "$work/$target"
cp -r "$work/plain" "$work/$target/out"

# What each target exercises; AngleSharp only where arbitrary HTML is parsed (the WXR converter), since the
# Markdown targets' HTML comes from Markdig and the oracle's own parsing would only add noise.
instrumented=(MovieNews.Web.dll Markdig.dll HtmlSanitizer.dll)
[ "$target" = wxr ] && instrumented+=(AngleSharp.dll)
for assembly in "${instrumented[@]}"; do
    echo "Instrumenting $assembly"
    dotnet tool run sharpfuzz "$work/$target/out/$assembly" >/dev/null
done

findings="$work/$target/findings-$(date -u +%Y%m%d-%H%M%S)"
echo "Fuzzing $target for $seconds s; findings in $findings"
# The time limit per input (-t, ms) is generous because the first inputs also pay for the JIT; a real hang is far slower.
status=0
AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 \
    timeout --kill-after=30 $((seconds + 120)) \
    afl-fuzz -i "$harness/corpus/$target" -o "$findings" -x "$harness/dictionaries/$dictionary" \
    -t 5000 -m none -V "$seconds" -- dotnet "$work/$target/out/MovieNews.Fuzz.dll" "$target" >"$findings.log" 2>&1 || status=$?

stats="$findings/default/fuzzer_stats"
if [ ! -f "$stats" ]; then
    tail -n 30 "$findings.log"
    echo "afl-fuzz did not start (exit $status); its output is in $findings.log" >&2
    exit 1
fi

stat() { sed -n "s/^$1 *: *//p" "$stats"; }
crashes=$(find "$findings/default/crashes" -type f -name 'id:*' | wc -l)
hangs=$(find "$findings/default/hangs" -type f -name 'id:*' | wc -l)
run_time=$(stat run_time)
execs=$(stat execs_done)
echo
echo "Target:            $target"
echo "Run time:          ${run_time} s"
echo "Executions:        $execs"
echo "Executions/s:      $(( execs / (run_time > 0 ? run_time : 1) ))"
echo "Corpus (paths):    $(stat corpus_count) ($(stat corpus_found) found by fuzzing, from $(find "$harness/corpus/$target" -type f | wc -l) seeds)"
echo "Edges covered:     $(stat edges_found) ($(stat bitmap_cvg))"
echo "Stability:         $(stat stability)"
echo "Crashes:           $crashes"
echo "Hangs:             $hangs"
echo "Findings:          $findings"

for kind in crashes hangs; do
    if [ -n "$(find "$findings/default/$kind" -type f -name 'id:*' -print -quit)" ]; then
        echo
        echo "Replaying $kind without AFL:"
        dotnet "$work/plain/MovieNews.Fuzz.dll" "$target" --replay "$findings/default/$kind" | tail -n 40 || true
    fi
done
