# Shared by the benchmarks: paired, alternating measurements (A B A B ...) so that a noisy moment
# hits both contenders, the median of the pair ratios (one outlier cannot decide) with its min-max
# range, and one machine-readable summary line per figure that benchmarks/run-all collects.
# Source it from a benchmark: . "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

# wall seconds of one run of a command (its output discarded into a file: GNU grep stops at the first
# match when its output is /dev/null)
bench_seconds() {
    local start end
    start=$(date +%s%N)
    "$@" > "${BENCH_OUT:-/tmp/cki-bench-out.$$}" 2>&1 || { echo "benchmark command failed: $*" >&2; return 1; }
    end=$(date +%s%N)
    echo "scale=4; (${end} - ${start}) / 1000000000" | bc
}

# bench_pairs PAIRS REFERENCE_FUNCTION CKI_FUNCTION: runs the two alternately PAIRS times (reference
# first, then cki), prints each pair and sets BENCH_REF (median seconds), BENCH_CKI, BENCH_RATIO
# (median of cki/reference per pair) and BENCH_RANGE ("min-max" of the ratios)
bench_pairs() {
    local pairs="$1" reference="$2" cki="$3" i r c
    local refs=() ckis=() ratios=()
    for ((i = 1; i <= pairs; i++)); do
        r=$(bench_seconds "${reference}")
        c=$(bench_seconds "${cki}")
        refs+=("${r}"); ckis+=("${c}")
        ratios+=("$(echo "scale=4; ${c} / ${r}" | bc)")
        printf '  pair %d: reference %7.3fs  cki %7.3fs  ratio %5.2f\n' "${i}" "${r}" "${c}" "${ratios[-1]}" >&2
    done
    BENCH_REF=$(bench_median "${refs[@]}")
    BENCH_CKI=$(bench_median "${ckis[@]}")
    BENCH_RATIO=$(bench_median "${ratios[@]}")
    BENCH_RANGE="$(printf '%s\n' "${ratios[@]}" | sort -g | head -1 | xargs printf '%.2f')-$(printf '%s\n' "${ratios[@]}" | sort -g | tail -1 | xargs printf '%.2f')"
}

bench_median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# bench_summary WHAT REFERENCE RATIO RANGE GOAL: one line for run-all. GOAL is "<= X" (cki's time over
# the reference's at most X) or ">= X" (the reference's time over cki's at least X, a speed-up)
bench_summary() {
    local what="$1" reference="$2" ratio="$3" range="$4" goal="$5" met
    met=$(awk -v r="${ratio}" -v g="${goal#* }" -v op="${goal%% *}" \
        'BEGIN { print ((op == "<=" && r <= g) || (op == ">=" && r >= g)) ? "met" : "not met" }')
    printf 'summary|%s|%s|%.2f|%s|%s|%s\n' "${what}" "${reference}" "${ratio}" "${range}" "${goal}" "${met}"
}
