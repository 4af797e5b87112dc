#!/usr/bin/env bash
# Exhaustive float32 sweeps (all 2^32 inputs) of .NET's MathF and TensorPrimitives for the functions of DESIGN.md's
# field table. Writes one JSON report per run and results.md. Usage: bash runs/verify-field/run.sh [functions...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dotnet build -c Release "$root/src/Cli" >/dev/null
cli="$root/src/Cli/bin/Release/net10.0/autonumerics.dll"
functions=("${@:-exp log log2 exp2 tanh}")
read -r -a functions <<< "${functions[*]}"
for f in "${functions[@]}"; do
  for impl in mathf tensorprimitives; do
    echo "== $f / $impl" >&2
    dotnet "$cli" verify "$f" --impl "$impl" --json --plot "$here/$f-$impl.png" > "$here/$f-$impl.json.tmp"
    mv "$here/$f-$impl.json.tmp" "$here/$f-$impl.json"
  done
done
python3 - "$here" <<'PY'
import json, glob, os, sys
here = sys.argv[1]
rows = []
for path in sorted(glob.glob(os.path.join(here, "*.json"))):
    d = json.load(open(path))
    h = d["histogram"]
    fails = [c["name"] for c in d["specialCases"] if not c["pass"]]
    rows.append(f"| {d['function']} | {d['implementation']} | {d['maxUlp'] if isinstance(d['maxUlp'], str) else format(d['maxUlp'], '.4f')} | "
                f"{d['worstInput']} ({d['worstInputBits']}) | {d['meanUlp']:.6f} | {100*d['correctlyRoundedShare']:.4f} % | "
                f"{h['gt4']:,} | {d['oracleFallbacks']:,} | {', '.join(fails) or 'all pass'} | {d['seconds']:.1f} |")
with open(os.path.join(here, "results.md"), "w") as out:
    out.write("# Exhaustive float32 verification of .NET's MathF and TensorPrimitives\n\n")
    out.write("All 2^32 inputs each; produced by `bash runs/verify-field/run.sh` on a 2-core AVX2 machine.\n\n")
    out.write("| function | implementation | max ULP | worst input | mean ULP | correctly rounded | > 4 ULP | decided by MPFR | special cases failing | seconds |\n")
    out.write("|---|---|---|---|---|---|---|---|---|---|\n")
    out.write("\n".join(rows) + "\n")
print(open(os.path.join(here, "results.md")).read())
PY
