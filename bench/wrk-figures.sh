# Sourced by the benchmarks (needs $WORK): figures read from wrk's output in $WORK/wrk-<name>.txt.
rps() { awk '/^Requests\/sec/ {print $2}' "$WORK/wrk-$1.txt"; }
pct() { awk -v p="$2%" '$1 == p {print $2}' "$WORK/wrk-$1.txt"; }
ms() { # a wrk duration (850.00us, 2.83ms, 1.20s) in milliseconds
	awk -v d="$1" 'BEGIN { v = d + 0; if (d ~ /us$/) v /= 1000; else if (d ~ /[0-9]s$/) v *= 1000; printf "%.2f", v }'
}
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
