# Leave a Reply as a container: built and installed by the same commands as the package test
# (tests/package/install.test.ts), run as a user of its own, with the database on a volume.
#   docker build -t leave-a-reply .
#   docker run -d -p 8080:8080 -v leave-a-reply-data:/data \
#     -e SITE_ORIGINS=https://blog.example.com -e ADMIN_PASSWORD=... leave-a-reply

FROM node:24-bookworm-slim AS build
# better-sqlite3 is compiled where no prebuilt binary is at hand.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# npm pack builds first (prepack: npm run build), then packs what package.json's "files" name.
RUN npm pack
WORKDIR /opt/leave-a-reply
RUN cp /src/leave-a-reply-*.tgz . \
  && npm install --omit=dev --no-audit --no-fund ./leave-a-reply-*.tgz \
  && rm leave-a-reply-*.tgz

FROM node:24-bookworm-slim
COPY --from=build /opt/leave-a-reply /opt/leave-a-reply
RUN useradd --system --user-group --home-dir /data --shell /usr/sbin/nologin leave-a-reply \
  && mkdir -p /data && chown leave-a-reply:leave-a-reply /data && chmod 700 /data
USER leave-a-reply
WORKDIR /data
ENV HOST=0.0.0.0 PORT=8080 DATABASE_PATH=/data/comments.db
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["/opt/leave-a-reply/node_modules/.bin/leave-a-reply", "serve"]
