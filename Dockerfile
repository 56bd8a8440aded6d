# syntax=docker/dockerfile:1
# tugibot in a container: build with the dev dependencies, run with production ones only.
#   docker build -t tugibot .
#   docker run -p 3978:3978 -v tugibot-data:/data --env-file bot.env tugibot
# CI runs the same steps without Docker: scripts/production-check.sh.

FROM node:24-bookworm-slim AS build
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY knowledge ./knowledge
COPY scripts/stage-release.sh ./scripts/
RUN npm run build && sh scripts/stage-release.sh /release

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    PORT=3978 \
    DATA_DIR=/data
WORKDIR /app
# The code belongs to root and is read-only for the bot's user. Writable: /data, and knowledge/
# (accepted phrasings are written into the articles; mount KNOWLEDGE_DIR from a volume to keep them).
COPY --from=build /release ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force \
 && mkdir -p /data && chown node:node /data && chown -R node:node /app/knowledge
USER node
VOLUME ["/data"]
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Not `npm start`: that compiles first and needs TypeScript, a dev dependency. node gets SIGTERM itself.
CMD ["node", "--max-semi-space-size=16", "--max-old-space-size=1024", "dist/main.js"]
