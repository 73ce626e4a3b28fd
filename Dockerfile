# One image for every hub process; compose picks the role with the command:
#   node --enable-source-maps dist/scripts/serve-gateway.js | dist/scripts/serve-subgraph.js <dept|audit>
#     | dist/scripts/serve-exchange.js | dist/scripts/serve-alerts.js | dist/scripts/migrate.js
#     | dist/scripts/audit-checkpoint.js
# The processes run the JavaScript `npm run build` compiled, with plain node: nothing is transpiled
# at start, and no TypeScript source is in the image.

# The build: the sources compiled to dist/, with source maps beside each file.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim

WORKDIR /app
ENV NODE_ENV=production HUB_HOST=0.0.0.0

# Dependencies first so a source-only change reuses the cached layer.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# The code stays owned by root, so a compromised process cannot rewrite it;
# the node user only needs to read it.
COPY --from=build /app/dist ./dist
# Where audit-checkpoint appends (a volume in compose): the one place the node user writes.
RUN mkdir -p /var/lib/hub/checkpoints && chown node:node /var/lib/hub/checkpoints
USER node

EXPOSE 4000 4001 4002 4003 4004 4005 4006 4007 4008

# No HEALTHCHECK here: the same image also runs the one-shot migration, which
# serves nothing; each long-running service declares its own check in compose.
# node runs directly (not through npm or a shell) so it receives SIGTERM and shuts down cleanly.
CMD ["node", "--enable-source-maps", "dist/scripts/serve-gateway.js"]
