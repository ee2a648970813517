# syntax=docker/dockerfile:1
# Build: docker build -t servicenow-service-accounts .
# Run:   docker run -p 8080:8080 -e SPRING_PROFILES_ACTIVE=prod -e SERVICENOW_BASE_URL=... servicenow-service-accounts
#        (all settings come from the environment; see README "Connect a real ServiceNow instance")

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# Dependencies first, so that a source change does not download them again.
COPY pom.xml .
RUN mvn -B -ntp dependency:go-offline
COPY src src
COPY processes processes
COPY forms forms
RUN mvn -B -ntp -DskipTests package \
 && java -Djarmode=tools -jar target/servicenow-service-accounts-*.jar extract --layers --launcher --destination target/extracted

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
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
