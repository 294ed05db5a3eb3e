# The server shape in a container: docs/deploy-server.md. Build from the top of the repository:
#   docker build -t inbound .
#   docker run -p 8080:8080 -v inbound-data:/var/lib/inbound -e INBOUND_PROVIDER_SHOPIFY_SECRET=... inbound

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY . .
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
# the embedded queue and the default H2 database live under one directory: keep it on a volume
ENV INBOUND_DATA_DIR=/var/lib/inbound
RUN useradd --system --uid 10001 --home-dir /opt/inbound inbound \
    && mkdir -p /var/lib/inbound \
    && chown inbound /var/lib/inbound
WORKDIR /opt/inbound
COPY --from=build /build/server/target/inbound-server.jar ./
COPY --from=build /build/server/target/lib ./lib
VOLUME ["/var/lib/inbound"]
USER inbound
EXPOSE 8080
# the image has no curl: bash asks /health itself and wants its 200
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# the run command's JVM options (server/pom.xml); SIGTERM (docker stop) shuts down gracefully
ENTRYPOINT ["java", "-Xmx512m", "-Dfile.encoding=UTF-8", "-jar", "inbound-server.jar"]
