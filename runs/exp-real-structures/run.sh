#!/usr/bin/env bash
# Hand-derived program structures for e^x and 2^x on [0, 1], fitted and measured exactly as the search's front is
# (autonumerics fit: LM + Remez, the long refit, pole proof, 100,001-point dense measure in double-double and binary64).
# Starting constants come from the Pade approximants of x/tanh(x/2^k) (exp) or a scaled copy (exp2); see results.md.
# Usage: bash runs/exp-real-structures/run.sh  (from the repository root; about 10 s)
set -euo pipefail
cli() { dotnet "${CLI_DLL:-src/Cli/bin/Release/net10.0/autonumerics.dll}" "$@"; }
[ -n "${CLI_DLL:-}" ] || dotnet build -c Release src/Cli >/dev/null
fit() { local target=$1 name=$2 program=$3; echo "## $target: $name"; cli fit --target "$target" --interval 0:1 --program "$program"; echo; }
SYM55="t1 = x * x; t2 = t1 + 45.818; t3 = -2024.5 / t2; t4 = t3 + t1; t5 = t4 + 374.18; t6 = -9240 / t5; t7 = t6 + 30; t8 = t7 + x; t9 = t7 - x; t10 = t8 / t9; return t10"
SYM44SQ="t1 = x * x; t2 = t1 + 168; t3 = -1646.4 / t2; t4 = t1 * 0.025; t5 = t4 + t3; t6 = t5 + 13.8; t7 = t6 + x; t8 = t6 - x; t9 = t7 / t8; t10 = t9 * t9; return t10"
SYM33SQ3="t1 = x * x; t2 = t1 + 3840; t3 = -307200 / t2; t4 = t3 + 96; t5 = t4 + x; t6 = t4 - x; t7 = t5 / t6; t8 = t7 * t7; t9 = t8 * t8; t10 = t9 * t9; return t10"
SYM55SQ="t1 = x * x; t2 = t1 + 183.27; t3 = -32392 / t2; t4 = t3 + t1; t5 = t4 + 1496.7; t6 = -73920 / t5; t7 = t6 + 60; t8 = t7 + x; t9 = t7 - x; t10 = t8 / t9; t11 = t10 * t10; return t11"
SYM55_EXP2="t1 = x * x; t2 = t1 + 95.36; t3 = -8772 / t2; t4 = t3 + t1; t5 = t4 + 778.8; t6 = -27745 / t5; t7 = t6 + 43.28; t8 = t7 + x; t9 = t7 - x; t10 = t8 / t9; return t10"
SYM44SQ_EXP2="t1 = x * x; t2 = t1 + 349.86; t3 = -4951.9 / t2; t4 = t1 * 0.017306; t5 = t4 + t3; t6 = t5 + 19.925; t7 = t6 + x; t8 = t6 - x; t9 = t7 / t8; t10 = t9 * t9; return t10"
fit exp "symmetric [5/5]: (H + x)/(H - x), H = a + b/(s + c + d/(s + e)), s = x^2 (10 ops)" "$SYM55"
fit exp "symmetric [4/4] squared: H = a s + b + c/(s + d) (10 ops)" "$SYM44SQ"
fit exp "symmetric [3/3], squared three times: H = a + b/(s + c) (10 ops)" "$SYM33SQ3"
fit exp "symmetric [5/5] squared (11 ops)" "$SYM55SQ"
fit exp2 "symmetric [5/5] (10 ops)" "$SYM55_EXP2"
fit exp2 "symmetric [4/4] squared (10 ops)" "$SYM44SQ_EXP2"
