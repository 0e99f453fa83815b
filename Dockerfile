# The knowhow command line and the chat bots (`knowhow slack`, `knowhow teams`) on Node 24 LTS.
FROM node:24-bookworm-slim AS build
# package.json's devEngines asks for npm 11.16+ (it honours allowScripts); the image's may be older.
RUN npm install -g npm@^11.16.0 --no-audit --no-fund
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY packages/rag-core/package.json packages/rag-core/
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
# The embedded database template (initdb run once here, not in every new data directory).
RUN npx tsc -b apps/cli && node packages/store-pgvector/dist/make-pglite-template.js \
  && npm prune --omit=dev --ignore-scripts

FROM node:24-bookworm-slim
ENV NODE_ENV=production KNOWHOW_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
ENTRYPOINT ["node", "apps/cli/bin/knowhow.js"]
CMD ["--help"]
