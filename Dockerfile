# Storyline in a container: `serve` (pages, API, analysis worker and feed poller) by default;
# the same image runs `worker`, `run`, `ingest`, `backup`… as its command. The database lives in
# the /data volume (SQLite), or in PostgreSQL when STORYLINE_DATABASE_URL is set.
# No build step: Node 24 runs the TypeScript sources directly.

FROM node:24-bookworm-slim AS deps
WORKDIR /app
# better-sqlite3 compiles its native module when no prebuilt one fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    STORYLINE_DB_PATH=/data/storyline.db \
    STORYLINE_HOST=0.0.0.0 \
    STORYLINE_PORT=8080
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY src ./src
COPY demo ./demo
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.STORYLINE_PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/app/bin/storyline"]
CMD ["serve"]
