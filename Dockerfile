# Build: ./mvnw -B package -DskipTests && docker build -t certflow .
FROM eclipse-temurin:17-jre
# wget for the container health check (readiness on the management port)
RUN apt-get update && apt-get install -y --no-install-recommends wget && rm -rf /var/lib/apt/lists/*
RUN useradd --system --home /var/lib/certflow certflow && mkdir -p /var/lib/certflow/pki && chown -R certflow /var/lib/certflow
USER certflow
WORKDIR /var/lib/certflow
COPY target/certflow-*.jar /opt/certflow/certflow.jar
EXPOSE 8080 9090
ENTRYPOINT ["java", "-jar", "/opt/certflow/certflow.jar"]
