# syntax=docker/dockerfile:1
# Build: docker build -t servicenow-service-accounts .
# Run:   see docs/operations.md, "Docker". Every setting comes from the environment.
# scripts/dockerfile-steps.sh runs these same steps outside Docker (CI does, on every run).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
COPY src src
COPY processes processes
COPY forms forms
# The Maven repository is a build cache, so a source change does not download everything again.
RUN --mount=type=cache,target=/root/.m2 mvn -B -ntp -DskipTests package
RUN java -Djarmode=tools -jar target/servicenow-service-accounts-0.1.0-SNAPSHOT.jar extract --layers --launcher --destination target/extracted

FROM eclipse-temurin:17-jre
RUN groupadd --system app && useradd --system --gid app --home-dir /app --shell /usr/sbin/nologin app
WORKDIR /app
# Layers from least to most often changed, so that a rebuild ships only the application layer.
COPY --from=build /build/target/extracted/dependencies/ ./
COPY --from=build /build/target/extracted/spring-boot-loader/ ./
COPY --from=build /build/target/extracted/snapshot-dependencies/ ./
COPY --from=build /build/target/extracted/application/ ./
RUN mkdir -p /app/data && chown app:app /app/data
USER app
VOLUME /app/data
EXPOSE 8080
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s CMD ["sh", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q UP <&3"]
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
