# Lintel — the two commands a fresh machine needs: `make run` and `make test`.
# Both need only Java 17 and Maven; Maven fetches everything else from Maven Central.

MVN ?= mvn -B -ntp
JAR := operator/target/lintel.jar
SOURCES := $(shell find embedded-proxy templates operator -path '*/target*' -prune -o \( -name '*.java' -o -name '*.ftl' -o -name 'pom.xml' \) -print 2>/dev/null) pom.xml

.PHONY: build run test format bench clean

## build: the runnable jar (operator/target/lintel.jar), without tests
build: $(JAR)

$(JAR): $(SOURCES)
	$(MVN) -q package -DskipTests -Dspotless.check.skip=true

## run: standalone mode on examples/quickstart with two echo backends (Ctrl-C stops all)
run: $(JAR)
	bash scripts/run-quickstart.sh

## test: formatter check, unit tests, integration tests (sockets on 127.0.0.1, mock API server)
test:
	$(MVN) verify

## bench: Lintel side by side with nginx, HAProxy and Caddy (installs them with apt-get when
## missing); prints the tables and writes bench/results/<UTC date-time>.md. See bench/README.md.
bench:
	bash bench/run.sh

## format: rewrite sources with google-java-format
format:
	$(MVN) -q spotless:apply

clean:
	$(MVN) -q clean
