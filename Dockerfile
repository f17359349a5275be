# Build: ./mvnw -B package -DskipTests && docker build -t certflow .
FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/certflow certflow && mkdir -p /var/lib/certflow && chown certflow /var/lib/certflow
USER certflow
WORKDIR /var/lib/certflow
COPY target/certflow-*.jar /opt/certflow/certflow.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/certflow/certflow.jar"]
