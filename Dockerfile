# The Chokepoint app image: API + web view + CLI on Node 20, talking to Neo4j when NEO4J_URI is set
# (docker-compose.yml) or to the embedded LadybugDB store otherwise. Build: docker build -t chokepoint .
FROM node:20-slim

WORKDIR /app

# Dependencies first, from the lockfile only, so a source change does not reinstall them.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY . .
# The web view is built into the image (npm start's prestart would otherwise build it on first start).
RUN npm run build:web && mkdir -p .chokepoint && chown -R node:node /app/.chokepoint /app/web/dist

ENV HOST=0.0.0.0 \
    PORT=8080
EXPOSE 8080
USER node

HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"

# `chokepoint start`: loads the shipped dataset into the store when it is empty or older, then serves on $PORT.
CMD ["npm", "start"]
