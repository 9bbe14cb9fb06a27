#!/usr/bin/env bash
# The main job on a fresh machine: set up what the stack needs, start the embedded stack, run the
# 2,000-simulation demo campaign end to end, and check its catalog against its dataset. The stack
# keeps running afterwards so the Temporal Web UI and the data can be looked at; `npm run stack:down`
# stops it.
set -euo pipefail
cd "$(dirname "$0")/.."

spec=${1:-examples/demo-campaign.yaml}
# Gap checks and refinement run Python jobs: their packages are installed only for a spec that asks.
after_ml=false
if grep -Eq '^[^#]*(gapCheck|refinement): *true' "$spec"; then after_ml=true; fi
if $after_ml; then bash scripts/setup.sh ml; else bash scripts/setup.sh stack; fi
node --import tsx services/stack/main.ts up
id="demo-$(date -u +%Y%m%d-%H%M%S)"

echo
# A scan campaign draws from a defect library; a STAND-IN one (named standin-*) is generated here
# when missing (an identical one already there is left as it is).
library=$(sed -nE 's/^[[:space:]]+library:[[:space:]]*([A-Za-z0-9._-]+).*/\1/p' "$spec" | head -1)
if grep -Eq '^sampler: *scan' "$spec" && [[ "$library" == standin-* ]]; then
  bin/synthflux defects stand-in "$library"
fi
bin/synthflux campaign validate "$spec"
bin/synthflux campaign submit "$spec" --id "$id" --wait
echo
bin/synthflux campaign verify "$id"

source .synthflux/stack.env
cat <<INFO

Demo campaign $id is complete.
  Temporal Web UI   $TEMPORAL_UI_URL/namespaces/default/workflows/campaign-$id
  Dataset (Zarr v3) s3://$S3_BUCKET/campaigns/$id/dataset.zarr  (manifest: s3://$S3_BUCKET/campaigns/$id/manifest.json)
  S3 endpoint       $S3_ENDPOINT  (credentials in .synthflux/credentials.env)
  Catalog           $DATABASE_URL  tables campaigns, batches, simulations, batch_events
  Status            bin/synthflux campaign status $id
  Dashboard         http://127.0.0.1:8090/  (sign in with SYNTHFLUX_TOKEN from .synthflux/subscriptions.env)
  Stop the stack    npm run stack:down
INFO
if $after_ml; then
  echo "  Gap checks and refinement now run in workflow refinement-$id: follow them with the status command above."
fi
