#!/bin/sh
# Measures what the image's `COPY --from=build /app /app` copies, without a Docker engine: the
# files the Dockerfile copies into the build stage (this checkout's tracked and new files) are
# put in a fresh folder and the build stage's commands run there, pruning included
# (docker/prune-app.sh). The embedding model the build bakes into /app/models is not included.
# Run with Node 24 and npm 11.16+ first on PATH (in the checkout:
# `PATH=$PWD/node_modules/.bin:$PATH`); the folder is kept, to run the pruned tree from.
#
#   sh docker/measure-app-size.sh [FOLDER]
set -eu
checkout=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$(mktemp -d)}
mkdir -p "$work"
if [ -n "$(ls -A "$work")" ]; then
  echo "measure-app-size: $work is not empty" >&2
  exit 2
fi

# The Dockerfile's COPY sources (docker/ only for its scripts).
cd "$checkout"
git ls-files --cached --others --exclude-standard -z -- package.json package-lock.json .npmrc \
  tsconfig.json tsconfig.base.json migrations packages apps examples docker/bake-model.sh \
  docker/prune-app.sh | xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh \
  | tar --null -T - -cf - | tar -xf - -C "$work"

cd "$work"
echo "measure-app-size: node $(node -v), npm $(npm -v), $(uname -m), in $work"
npm ci --no-audit --no-fund --ignore-scripts
npx tsc -b apps/cli
node packages/store-pgvector/dist/make-pglite-template.js
sh docker/prune-app.sh

# Docker counts a layer's files by their size (du --apparent-size); du's default counts
# allocated 4 KiB blocks, more for many small files.
megabytes() { du -s --block-size=1M "$@" . | tail -1 | cut -f1; }
echo "measure-app-size: /app $(megabytes --apparent-size) MB as Docker counts it ($(megabytes) MB on disk)"
echo "measure-app-size: node_modules $(du -s --block-size=1M --apparent-size node_modules | cut -f1) MB; largest:"
du -s --block-size=1M --apparent-size node_modules/[!@]* node_modules/@*/* \
  packages/*/node_modules/[!@]* packages/*/node_modules/@*/* 2>/dev/null | sort -rn | head -15
