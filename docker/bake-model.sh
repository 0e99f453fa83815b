#!/bin/sh
# Bakes a local embedding model into the image (the Dockerfile runs this in /app), loaded by
# the same code that uses it: an ingest of one sample page must build its vectors, or this
# fails with the reason. The ingest's own exit code is not enough: a model that cannot load is
# only a note there, and it carries on by keywords. The model's files are copied to DESTINATION
# in Hugging Face layout (what KNOWHOW_MODEL_DIR reads). Offline, KNOWHOW_MODEL_DIR names a
# folder that holds the model already; otherwise it is downloaded.
#
#   sh docker/bake-model.sh MODEL DESTINATION
set -eu
usage='usage: sh docker/bake-model.sh MODEL DESTINATION (e.g. Xenova/bge-small-en-v1.5 /app/models)'
model=${1:?$usage}
destination=${2:?$usage}
app=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The ingest runs in $work (below): a relative model folder means one from here.
case ${KNOWHOW_MODEL_DIR:-} in
  '' | /*) ;;
  *) KNOWHOW_MODEL_DIR="$PWD/$KNOWHOW_MODEL_DIR" && export KNOWHOW_MODEL_DIR ;;
esac

# Run from $work, which holds no .env: a checkout's .env (its KNOWHOW_EMBEDDING_DIMENSIONS, its
# DATABASE_URL) must not change what is baked. DATABASE_URL blank: the embedded database.
if ! (cd "$work" && KNOWHOW_DATA_DIR="$work/data" KNOWHOW_EMBEDDINGS=local \
  KNOWHOW_EMBEDDING_MODEL="$model" DATABASE_URL='' node "$app/apps/cli/bin/knowhow.js" \
  ingest "$app/examples/handbook/time-off.md" --collection bake --json >"$work/summary.json"); then
  echo "bake-model: the sample ingest with $model failed (the reason is above)" >&2
  exit 1
fi
node -e '
  const [file, model] = process.argv.slice(1);
  const { chunks = 0, embedded = 0 } = JSON.parse(require("node:fs").readFileSync(file, "utf8"));
  if (chunks === 0 || embedded < chunks) {
    console.error(`bake-model: ${model} built vectors for ${embedded} of ${chunks} passages: it could not be loaded (the reason is above)`);
    process.exit(1);
  }
' "$work/summary.json" "$model"

from=${KNOWHOW_MODEL_DIR:-$work/data/models}
mkdir -p "$destination/$model"
cp -R "$from/$model/." "$destination/$model/"
echo "bake-model: $model loaded and copied to $destination/$model"
