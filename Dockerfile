# The knowhow command line and the chat bots (`knowhow slack`, `knowhow teams`) on Node 24 LTS,
# with the default embedding model inside, so containers never download anything.
FROM node:24-bookworm-slim AS build
# package.json's devEngines asks for npm 11.16+ (it honours allowScripts); the image's may be older.
RUN npm install -g npm@^11.16.0 --no-audit --no-fund
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY packages/rag-core/package.json packages/rag-core/
COPY packages/bot-host/package.json packages/bot-host/
COPY packages/store-pgvector/package.json packages/store-pgvector/
COPY packages/sources/package.json packages/sources/
COPY apps/slack-bot/package.json apps/slack-bot/
COPY apps/teams-bot/package.json apps/teams-bot/
COPY apps/cli/package.json apps/cli/
# No install scripts: the image has Node 24 already and needs no CUDA download.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.base.json ./
COPY migrations migrations
COPY packages packages
COPY apps apps
COPY examples examples
COPY docker/prune-app.sh docker/
# The embedded database template (initdb run once here, not in every new data directory), then
# only what Linux loads: production dependencies without source maps, type declarations, other
# platforms' ONNX runtimes or unused PDF.js builds (docker/prune-app.sh;
# test/dockerfile-prune.test.ts).
RUN npx tsc -b apps/cli && node packages/store-pgvector/dist/make-pglite-template.js \
  && sh docker/prune-app.sh

# The local embedding model, fetched once here by the same code that uses it: an ingest of one
# sample page must build its vectors, or the build fails with the reason (docker/bake-model.sh;
# test/dockerfile-model-bake.test.ts). compose passes the configured KNOWHOW_EMBEDDINGS and
# KNOWHOW_EMBEDDING_MODEL (with openai embeddings nothing is baked). Offline builds: mount a
# model folder at run time instead (README).
ARG KNOWHOW_EMBEDDINGS=local
ARG KNOWHOW_EMBEDDING_MODEL=Xenova/bge-small-en-v1.5
COPY docker/bake-model.sh docker/
RUN mkdir -p /app/models && if [ "$KNOWHOW_EMBEDDINGS" = local ]; then \
    sh docker/bake-model.sh "$KNOWHOW_EMBEDDING_MODEL" /app/models; fi

FROM node:24-bookworm-slim
ARG KNOWHOW_EMBEDDING_MODEL=Xenova/bge-small-en-v1.5
ENV NODE_ENV=production KNOWHOW_DATA_DIR=/data KNOWHOW_MODEL_DIR=/app/models \
  KNOWHOW_EMBEDDING_MODEL=$KNOWHOW_EMBEDDING_MODEL
COPY --from=build /app /app
# The code stays root-owned (read-only for the bot); what the bot writes goes to /data, and
# commands run in node's home, so files they write (teams-app's zip) have a place.
RUN mkdir -p /data && chown node:node /data
USER node
WORKDIR /home/node
VOLUME /data
ENTRYPOINT ["node", "/app/apps/cli/bin/knowhow.js"]
CMD ["--help"]
