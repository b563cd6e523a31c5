# One image for every role (operator, proxy, standalone, echo); the subcommand picks the role.
# Build the jar first: `make build`. Not built in CI here (no container engine on these machines).
FROM eclipse-temurin:17-jre
COPY operator/target/lintel.jar /opt/lintel/lintel.jar
# The proxy Deployment runs as 65532 with a read-only root filesystem (Netty unpacks its native
# transport to /tmp, which the Deployment mounts as an emptyDir).
USER 65532:65532
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=75", "-jar", "/opt/lintel/lintel.jar"]
CMD ["--help"]
