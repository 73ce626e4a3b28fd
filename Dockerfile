# One image for every hub process; compose picks the role with the command:
#   node --import tsx scripts/serve-gateway.ts | scripts/serve-subgraph.ts <dept|audit> | scripts/serve-exchange.ts
#     | scripts/serve-alerts.ts | scripts/migrate.ts | scripts/audit-checkpoint.ts
FROM node:20-bookworm-slim

WORKDIR /app
ENV NODE_ENV=production HUB_HOST=0.0.0.0

# Dependencies first so a source-only change reuses the cached layer.
# tsx is a runtime dependency: the TypeScript sources run as they are, with no build step.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# The code stays owned by root, so a compromised process cannot rewrite it;
# the node user only needs to read it (tsx caches its transforms under /tmp).
COPY . .
# Where audit-checkpoint appends (a volume in compose): the one place the node user writes.
RUN mkdir -p /var/lib/hub/checkpoints && chown node:node /var/lib/hub/checkpoints
USER node

EXPOSE 4000 4001 4002 4003 4004 4005

# No HEALTHCHECK here: the same image also runs the one-shot migration, which
# serves nothing; each long-running service declares its own check in compose.
# node runs directly (not through npm or npx) so it receives SIGTERM and shuts down cleanly.
CMD ["node", "--import", "tsx", "scripts/serve-gateway.ts"]
