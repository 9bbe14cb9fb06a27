#!/usr/bin/env bash
# STAND-IN field verifications on the embedded stack, end to end (README, "Field verifications"):
#   1. a STAND-IN geometry library of COUNT defects;
#   2. the truth campaign (examples/field-verifications/truth.yaml): each defect as scanned, at a
#      field drawn per defect, on the truth mesh;
#   3. `synthflux verifications stand-in`: the stand-in instrument turns each truth map into a
#      "measured" map, imported as library standin-fv<COUNT> (labelled STAND-IN);
#   4. the pairs campaign (examples/field-verifications/pairs.yaml): the campaign solver on each
#      measured defect as it was measured. Its id names the field verification set.
# Everything is deterministic, and solver results are cached by content hash: a rerun solves nothing.
#   scripts/field-verifications.sh [COUNT]   (default 300)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-300}
[[ "$count" =~ ^[1-9][0-9]*$ ]] || { echo "usage: scripts/field-verifications.sh [COUNT] (a positive integer; got '$count')" >&2; exit 2; }
geometry="standin-fv${count}-geometry"
library="standin-fv${count}"
work=.synthflux/field-verifications
mkdir -p "$work"

bash scripts/setup.sh stack
node --import tsx services/stack/main.ts up
bin/synthflux defects stand-in "$geometry" --count "$count" --seed 21

sed -e "s/^count: .*/count: $count/" -e "s/library: standin-fv-geometry/library: $geometry/" examples/field-verifications/truth.yaml > "$work/truth-$count.yaml"
truth="fv-truth-$count-$(date -u +%Y%m%d-%H%M%S)"
bin/synthflux campaign submit "$work/truth-$count.yaml" --id "$truth" --wait
bin/synthflux verifications stand-in "$library" --from-campaign "$truth"

measured=$(bin/synthflux defects list --json | node -e "const l = JSON.parse(require('fs').readFileSync(0, 'utf8')).find((r) => r.name === process.argv[1]); console.log(l ? l.measuredCount : 0)" "$library")
sed -e "s/^count: .*/count: $measured/" -e "s/library: standin-fv$/library: $library/" examples/field-verifications/pairs.yaml > "$work/pairs-$count.yaml"
pairs="fv-pairs-$count-$(date -u +%Y%m%d-%H%M%S)"
bin/synthflux campaign submit "$work/pairs-$count.yaml" --id "$pairs" --wait
bin/synthflux verifications show "$pairs"
echo
echo "Field verification set: campaign $pairs (library $library, STAND-IN). Truth campaign: $truth."
echo "Cost: bin/synthflux campaign status $truth and bin/synthflux campaign status $pairs show the solver core-hours."
echo "$pairs" > "$work/latest-$count"
