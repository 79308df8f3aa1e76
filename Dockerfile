# syntax=docker/dockerfile:1
# qbank in a container: `docker build -t qbank .` then
# `docker run -p 3000:3000 -v qbank-data:/data qbank` (the admin key of the first start is in `docker logs`).

# ---- build: production dependencies only; better-sqlite3 is compiled here against this very Node.
FROM node:20-slim AS build
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
  && npm cache clean --force

# ---- runtime: no compiler, no dev dependencies, a non-root user, the database on a volume.
FROM node:20-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    QBANK_DB=/data/qbank.db
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY migrations ./migrations
COPY items ./items
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# node:20-slim has no curl: node itself asks /health.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# What `npm start` runs (tsx src/main.ts), without npm and a shell in between, so that `docker stop`'s SIGTERM
# reaches qbank: it then finishes the requests in flight and closes the database before exiting.
CMD ["node", "--import", "tsx", "src/main.ts"]
