# One image for every role (operator, proxy, standalone, echo); the subcommand picks the role.
# Build the jar first: `make build`. Not built in CI here (no container engine on these machines).
FROM eclipse-temurin:17-jre
COPY operator/target/lintel.jar /opt/lintel/lintel.jar
# The proxy Deployment runs as 65532 with a read-only root filesystem (Netty unpacks its native
# transport to /tmp, which the Deployment mounts as an emptyDir).
USER 65532:65532
# TrimNativeHeapInterval (JDK 17.0.9+): every 2 s, hand back to the OS the malloc memory that the
# JIT's compiler arenas used at their peak; glibc otherwise keeps it (14-15 MiB of a proxy's RSS,
# bench/README.md). The proxy Deployment adds -Xms48m through JDK_JAVA_OPTIONS.
# PerMethodTrapLimit/PerBytecodeTrapLimit=0: C2 compiles every branch instead of speculating, so a
# change in the traffic's shape does not deoptimise the event loop's hot code (S2 tail, bench/README.md).
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=75", "-XX:TrimNativeHeapInterval=2000", "-XX:PerMethodTrapLimit=0", "-XX:PerBytecodeTrapLimit=0", "-jar", "/opt/lintel/lintel.jar"]
CMD ["--help"]
