# Multi-stage build: compile with the Maven wrapper, run on a slim JRE as an unprivileged user.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY db db
COPY frontend-templates frontend-templates
COPY backend backend
COPY cli cli
RUN ./mvnw -B -q -DskipTests -pl backend -am package

FROM eclipse-temurin:17-jre
# /app/keys is the audit signing key's own volume in docker-compose.yml (apart from the data); mode 700.
RUN useradd --system --uid 10001 --home-dir /app portal && mkdir -p /app/data /app/keys \
    && chown portal /app/data /app/keys && chmod 700 /app/keys
WORKDIR /app
COPY --from=build /src/backend/target/migration-compliance-portal.jar /app/portal.jar
# The CLI of the same build: the portal serves it at /downloads/portal-cli.jar (from inside portal.jar), and the
# health check runs it, because the JRE image promises neither curl nor wget.
COPY --from=build /src/cli/target/portal-cli.jar /app/portal-cli.jar
USER portal
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=10s --start-period=60s CMD ["java", "-XX:TieredStopAtLevel=1", "-Xmx32m", "-jar", "/app/portal-cli.jar", "health", "--portal", "http://localhost:8080"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/portal.jar"]
