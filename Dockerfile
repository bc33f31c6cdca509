# keys in a container: build the linked image with a JDK, then copy only build/image onto a
# minimal base (glibc + libstdc++, no shell, no JDK, non-root).
#   docker build -t keys .
#   docker run -p 9000:9000 -v keys-data:/data -e KEYS_ADMIN_TOKEN=sntryu_... keys
FROM eclipse-temurin:25-jdk AS build
# binutils: objcopy and strip take the native symbol tables out of the image (42.9 -> 37.3 MiB).
RUN apt-get update && apt-get install -y --no-install-recommends binutils && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY build.sh jlink.conf VERSION ./
COPY modules modules
RUN ./build.sh && mkdir -p /out/data && cp -r build/image /out/keys

FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /out/keys /opt/keys
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
ENV KEYS_LISTEN=0.0.0.0:9000 \
    KEYS_DATA=/data
VOLUME /data
EXPOSE 9000
STOPSIGNAL SIGTERM
# No shell in the base image, so the JVM is started directly with the launcher's flags; extra JVM
# options go in JDK_JAVA_OPTIONS (e.g. -Xmx4g). `keys health` needs no curl. Nothing but /data is
# written (-XX:-UsePerfData: no /tmp/hsperfdata), so the root file system may be read-only.
HEALTHCHECK --interval=10s --timeout=5s --start-period=10s \
    CMD ["/opt/keys/bin/java", "-XX:+UseSerialGC", "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", \
         "-m", "keys.cli/keys.cli.Main", "health"]
ENTRYPOINT ["/opt/keys/bin/java", "-XX:+UseSerialGC", "-Xss512k", "-Xmx1g", "-XX:-UsePerfData", \
            "-XX:AOTCache=/opt/keys/lib/keys.aot", "-m", "keys.cli/keys.cli.Main"]
CMD ["serve"]
