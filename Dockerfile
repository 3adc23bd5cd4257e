# The Chokepoint app image: API + web view + CLI on Node 20, talking to Neo4j when NEO4J_URI is set
# (docker-compose.yml) or to the embedded LadybugDB store otherwise. Build: docker build -t chokepoint .
# Two stages: `build` installs everything and builds the web view; the runtime stage installs production
# dependencies only and takes the built web/dist, so the image carries no vite, vitest or TypeScript compiler.

FROM node:20-slim AS build
WORKDIR /app
# Dependencies first, from the lockfile only, so a source change does not reinstall them.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:web

FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY . .
COPY --from=build /app/web/dist ./web/dist
# `start` rebuilds web/dist only when web/dist/index.html is older than a web source (web/ensure-built.mjs), and
# without vite it would only explain and serve no view: stamp the copied build as the newest file.
RUN touch web/dist/index.html && mkdir -p .chokepoint && chown -R node:node /app/.chokepoint

ENV HOST=0.0.0.0 \
    PORT=8080
EXPOSE 8080
USER node

HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"

# node directly, not npm (npm does not pass SIGTERM on to its child): the server closes cleanly on SIGTERM/SIGINT.
# `start` loads the shipped dataset into the store when it is empty or older, then serves on $PORT.
CMD ["node", "src/cli/bin.mjs", "start"]
