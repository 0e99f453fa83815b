#!/bin/sh
# Cuts /app down to what the image runs on Linux (the Dockerfile runs this in /app after the
# build; docker/measure-app-size.sh runs it outside Docker). Only what Node on Linux never
# loads goes; test/dockerfile-prune.test.ts checks that every package the code imports stays.
#
#   sh docker/prune-app.sh
set -eu

# Production dependencies only. npm also installs the peers a package requires: those of
# @langchain/community for a browser agent (@browserbasehq/stagehand, with playwright and
# @anthropic-ai/sdk) and IBM watsonx are never loaded (Knowhow imports only its
# document_loaders/fs/pdf). Not `npm prune --omit=peer`: that also drops peers that are loaded,
# such as undici, which @slack/socket-mode requires.
npm prune --omit=dev --ignore-scripts --no-audit --no-fund
rm -rf node_modules/@browserbasehq node_modules/@playwright node_modules/playwright \
  node_modules/playwright-core node_modules/@anthropic-ai node_modules/@ibm-cloud \
  node_modules/ibm-cloud-sdk-core

modules='node_modules packages/*/node_modules apps/*/node_modules'
existing=''
for folder in $modules; do
  if [ -d "$folder" ]; then existing="$existing $folder"; fi
done

# Source maps, TypeScript sources and declarations: Node loads neither (it strips no types
# under node_modules) and nothing here runs with --enable-source-maps. Knowhow's own dist keeps
# its maps, for stack traces with NODE_OPTIONS=--enable-source-maps.
# shellcheck disable=SC2086 # $existing is a list of folders without spaces
find $existing -type f \( -name '*.map' -o -name '*.ts' -o -name '*.mts' -o -name '*.cts' \
  -o -iname 'readme*.md' -o -iname 'changelog*.md' -o -iname 'history.md' \) -delete

# Linux loads only its own ONNX runtime, for this machine's architecture: drop macOS, Windows
# and the other Linux build, and onnxruntime-web (transformers.js bundles what it needs of it).
arch=$(node -p process.arch)
for build in node_modules/onnxruntime-node/bin/napi-v*/linux/*; do
  if [ "$(basename "$build")" != "$arch" ]; then rm -rf "$build"; fi
done
rm -rf node_modules/onnxruntime-node/bin/napi-v*/darwin node_modules/onnxruntime-node/bin/napi-v*/win32 \
  node_modules/onnxruntime-web

# PDF text comes from pdf-parse's ESM build, which imports pdfjs-dist/legacy/build/pdf.mjs (and
# that its ./pdf.worker.mjs); the modern, minified, viewer and browser builds are never loaded.
rm -rf node_modules/pdfjs-dist/build node_modules/pdfjs-dist/web node_modules/pdfjs-dist/types \
  node_modules/pdfjs-dist/image_decoders node_modules/pdfjs-dist/legacy/web \
  node_modules/pdfjs-dist/legacy/image_decoders node_modules/pdfjs-dist/legacy/build/*.min.mjs \
  node_modules/pdfjs-dist/legacy/build/pdf.sandbox.mjs node_modules/pdf-parse/dist/pdf-parse/web

# @azure/identity (botframework-connector's) loads MSAL for Node; its browser flows, the only
# users of @azure/msal-browser, are in its browser build.
rm -rf node_modules/@azure/msal-browser

# What only builds use.
find . -name '*.tsbuildinfo' -delete
find packages apps -path '*/src/*' -name '*.ts' -delete
