# One image recipe for every Spring Boot service of the monorepo; docker-compose.yml picks the module.
# Build stage: the Maven wrapper builds just the requested module and what it depends on.
FROM eclipse-temurin:17-jdk AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -q -pl "${MODULE}" -am package -DskipTests -DskipWeb \
    && cp "${MODULE}"/target/"${MODULE}"-*.jar /src/app.jar

# Runtime stage: JRE only, non-root, container-aware heap.
FROM eclipse-temurin:17-jre
# A numeric user, so Kubernetes' runAsNonRoot can verify it without knowing the image's /etc/passwd.
RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --home /app app
WORKDIR /app
COPY --from=build /src/app.jar app.jar
USER 10001:10001
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# 8000: HTTP; 9000: management (actuator, probes, metrics), never published or routed.
EXPOSE 8000 9000
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
