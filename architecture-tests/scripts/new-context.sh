#!/usr/bin/env bash
# Adds a minimal context, "ping" (an API module with one interface; a context module with one route,
# GET /v1/ping/{who}), to a scratch clone of this checkout's HEAD and shows, in order:
#   1. with the modules only in the reactor, the guardrails fail and say the monolith does not run it;
#   2. after adding it to app-monolith's pom.xml and module-info.java, `./cleave update-architecture` and every
#      guardrail pass, with no edit outside the new modules but the reactor pom and those two files (the golden
#      descriptions and the README picture are regenerated, not edited);
#   3. the monolith serves the route;
#   4. as its own service, app-ping (three files and a folder, plus a reactor pom line), it passes the guardrails
#      and serves the route and nothing else;
# and prints how many lines the context took. Usage: architecture-tests/scripts/new-context.sh (a few minutes).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="$(mktemp -d)"
PID=""
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
say() { printf 'new-context: %s\n' "$*"; }
# serve ASSEMBLY NAME PATH: starts app-ASSEMBLY through ./cleave run on a free port (log in $WORK/NAME.log), with
# the development issuer (asked for explicitly, as a service of its own must), waits until it is up, asks PATH with a
# development token and sets PORT and ANSWER; the process is $PID, stopped on exit.
TOKEN=""
serve() {
  PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  PORT="$PORT" HOST=127.0.0.1 CLEAVE_DATA_DIR="$WORK/$2-data" CLEAVE_AOT=0 CLEAVE_AUTH_DEV=true \
    "${CLEAVE[@]}" run "$1" >"$WORK/$2.log" 2>&1 &
  PID=$!
  ANSWER=""
  for _ in $(seq 1 120); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT/observe/health/live" && break
    sleep 0.5
  done
  # Minted once, right after the first run built the monolith: ./cleave token finds it up to date then.
  [ -n "$TOKEN" ] || TOKEN="$("${CLEAVE[@]}" token new-context)" || die "./cleave token failed"
  ANSWER="$(curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$3" || true)"
}
die() { printf 'new-context: FAILED: %s\n' "$*" >&2; exit 1; }

git clone -q --no-hardlinks "$ROOT" "$WORK/repo"
cd "$WORK/repo"
CLEAVE=(./cleave)

# ---- the context's own modules ------------------------------------------------------------------------------
pom() { # artifact name description dependencies...
  local artifact="$1" name="$2" description="$3"; shift 3
  {
    cat <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
    <modelVersion>4.0.0</modelVersion>
    <parent>
        <groupId>dev.cleave</groupId>
        <artifactId>cleave-parent</artifactId>
        <version>0.1.0-SNAPSHOT</version>
        <relativePath>../../pom.xml</relativePath>
    </parent>
    <artifactId>$artifact</artifactId>
    <name>$name</name>
    <description>$description</description>
    <dependencies>
EOF
    for dependency in "$@"; do
      printf '        <dependency>\n            <groupId>dev.cleave</groupId>\n            <artifactId>%s</artifactId>\n        </dependency>\n' "$dependency"
    done
    printf '    </dependencies>\n</project>\n'
  }
}

API=modules/ping-api/src/main/java
mkdir -p "$API/dev/cleave/ping/api"
pom cleave-ping-api "Cleave ping API" "The ping context's contract." > modules/ping-api/pom.xml
cat > "$API/module-info.java" <<'EOF'
/** The ping context's contract. */
module dev.cleave.ping.api {
    exports dev.cleave.ping.api;
}
EOF
cat > "$API/dev/cleave/ping/api/package-info.java" <<'EOF'
/** What other contexts may ask of the ping context. */
package dev.cleave.ping.api;
EOF
cat > "$API/dev/cleave/ping/api/Pinger.java" <<'EOF'
package dev.cleave.ping.api;

/** Answers a ping. */
public interface Pinger {
    /**
     * Answers.
     *
     * @param who who pings
     * @return the answer
     */
    String ping(String who);
}
EOF

CTX=modules/ping/src/main/java
mkdir -p "$CTX/dev/cleave/ping/domain" "$CTX/dev/cleave/ping/adapter/http" "$CTX/dev/cleave/ping/wiring"
pom cleave-ping "Cleave ping context" "The ping context." cleave-platform-spi cleave-ping-api > modules/ping/pom.xml
cat > "$CTX/module-info.java" <<'EOF'
import dev.cleave.ping.wiring.PingContextProvider;
import dev.cleave.platform.spi.ContextProvider;

/** The ping context. Exports nothing. */
module dev.cleave.ping {
    requires dev.cleave.platform.spi;
    requires dev.cleave.ping.api;

    provides ContextProvider with PingContextProvider;
}
EOF
cat > "$CTX/dev/cleave/ping/domain/package-info.java" <<'EOF'
/** The ping context's use case. */
package dev.cleave.ping.domain;
EOF
cat > "$CTX/dev/cleave/ping/domain/PingService.java" <<'EOF'
package dev.cleave.ping.domain;

import dev.cleave.ping.api.Pinger;

/** Answers pings. */
public final class PingService implements Pinger {
    @Override
    public String ping(String who) {
        return "pong, " + who;
    }
}
EOF
cat > "$CTX/dev/cleave/ping/adapter/http/package-info.java" <<'EOF'
/** {@code /v1/ping} over HTTP. */
package dev.cleave.ping.adapter.http;
EOF
cat > "$CTX/dev/cleave/ping/adapter/http/PingHttpService.java" <<'EOF'
package dev.cleave.ping.adapter.http;

import dev.cleave.ping.api.Pinger;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/** {@code GET /v1/ping/{who}}. */
public final class PingHttpService implements HttpService {
    /** Where the routes live. */
    public static final String PATH = "/v1/ping";

    private final Pinger pinger;

    /**
     * Serves a pinger.
     *
     * @param pinger the use case
     */
    public PingHttpService(Pinger pinger) {
        this.pinger = pinger;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{who}", (request, response) -> response.send(pinger.ping(request.path().pathParameters()
                                                                                    .get("who"))));
    }
}
EOF
cat > "$CTX/dev/cleave/ping/wiring/package-info.java" <<'EOF'
/** The ping context as the launcher starts it. */
package dev.cleave.ping.wiring;
EOF
cat > "$CTX/dev/cleave/ping/wiring/PingContextProvider.java" <<'EOF'
package dev.cleave.ping.wiring;

import java.util.List;
import java.util.Set;

import dev.cleave.ping.adapter.http.PingHttpService;
import dev.cleave.ping.api.Pinger;
import dev.cleave.ping.domain.PingService;
import dev.cleave.platform.spi.ContextProvider;
import dev.cleave.platform.spi.ContextSetup;
import dev.cleave.platform.spi.RunningContext;
import io.helidon.health.HealthCheck;
import io.helidon.webserver.http.HttpRouting;

/** The ping context: provides {@link Pinger}, requires nothing. */
public final class PingContextProvider implements ContextProvider {
    /** Called by {@link java.util.ServiceLoader}. */
    public PingContextProvider() {
    }

    @Override
    public String name() {
        return "ping";
    }

    @Override
    public Set<Class<?>> provides() {
        return Set.of(Pinger.class);
    }

    @Override
    public Set<Class<?>> requires() {
        return Set.of();
    }

    @Override
    public RunningContext start(ContextSetup setup) {
        PingService pings = new PingService();
        return new RunningContext() {
            @Override
            public void routing(HttpRouting.Builder routing) {
                routing.register(PingHttpService.PATH, new PingHttpService(pings));
            }

            @Override
            public List<Object> implementations() {
                return List.of(pings);
            }

            @Override
            public List<HealthCheck> healthChecks() {
                return List.of();
            }

            @Override
            public void close() {
            }
        };
    }
}
EOF

# ---- the reactor pom: two modules, two managed artifacts ----------------------------------------------------
python3 - <<'EOF'
import re
s = open("pom.xml").read()
s = s.replace("        <module>modules/order</module>\n",
              "        <module>modules/order</module>\n        <module>modules/ping-api</module>\n"
              "        <module>modules/ping</module>\n", 1)
managed = "".join("""            <dependency>
                <groupId>dev.cleave</groupId>
                <artifactId>%s</artifactId>
                <version>${project.version}</version>
            </dependency>
""" % a for a in ("cleave-ping-api", "cleave-ping"))
s = s.replace("    <dependencyManagement>\n        <dependencies>\n",
              "    <dependencyManagement>\n        <dependencies>\n" + managed, 1)
open("pom.xml", "w").write(s)
EOF
git add -A >/dev/null
git -c user.name=new-context -c user.email=new-context@localhost commit -qm "ping: the modules, in the reactor only"

say "1. the ping modules are in the reactor but no assembly runs them: the guardrails must say so"
"${CLEAVE[@]}" mvn -q -DskipTests install -pl '!modules/contract-tests,!architecture-tests' >"$WORK/build1.log" 2>&1 \
  || { cat "$WORK/build1.log"; die "the build with the new modules failed"; }
if "${CLEAVE[@]}" mvn verify -pl architecture-tests >"$WORK/guard1.log" 2>&1; then
  die "the guardrails passed although no assembly runs the new context"
fi
grep -q "app-monolith does not run dev.cleave.ping" "$WORK/guard1.log" \
  || { grep -E 'FAIL|expected' "$WORK/guard1.log" | head -20; die "the guardrails failed, but not for the missing context"; }
say "   failed as it must: app-monolith does not run dev.cleave.ping"

# ---- into the monolith: its pom.xml and module-info.java ----------------------------------------------------
python3 - <<'EOF'
s = open("app-monolith/pom.xml").read()
s = s.replace("    <dependencies>\n", """    <dependencies>
        <dependency>
            <groupId>dev.cleave</groupId>
            <artifactId>cleave-ping</artifactId>
        </dependency>
""", 1)
open("app-monolith/pom.xml", "w").write(s)
m = open("app-monolith/src/main/java/module-info.java").read()
m = m.replace("    requires dev.cleave.order;\n", "    requires dev.cleave.order;\n    requires dev.cleave.ping;\n", 1)
open("app-monolith/src/main/java/module-info.java", "w").write(m)
EOF
git add -A >/dev/null
git -c user.name=new-context -c user.email=new-context@localhost commit -qm "ping: in the monolith"

say "2. in the monolith: regenerate the architecture files, then every guardrail"
"${CLEAVE[@]}" mvn -q -DskipTests install -pl '!modules/contract-tests,!architecture-tests' >"$WORK/build2.log" 2>&1 \
  || { cat "$WORK/build2.log"; die "the build with ping in the monolith failed"; }
"${CLEAVE[@]}" update-architecture >"$WORK/update.log" 2>&1 || { cat "$WORK/update.log"; die "update-architecture failed"; }
"${CLEAVE[@]}" mvn verify -pl architecture-tests >"$WORK/guard2.log" 2>&1 \
  || { grep -E 'FAIL|expected|violat' "$WORK/guard2.log" | head -30; die "a guardrail refused the new context"; }
say "   every guardrail passes: $(grep -E 'Tests run: [0-9]+, Failures: 0, Errors: 0, Skipped: 0$' "$WORK/guard2.log" | tail -1 | sed 's/.*Tests run/tests run/')"

BASE="$(git rev-parse HEAD~2)"
changed="$(git diff --name-only "$BASE" HEAD; git status --porcelain | cut -c4-)"
outside="$(printf '%s\n' "$changed" | grep -v -E '^modules/ping(-api)?/' | grep -v -E '^$' | sort -u || true)"
allowed='^(pom\.xml|app-monolith/pom\.xml|app-monolith/src/main/java/module-info\.java)$'
generated='^(README\.md|architecture-tests/golden/.*\.txt)$'
edited="$(printf '%s\n' "$outside" | grep -v -E "$allowed" | grep -v -E "$generated" || true)"
[ -z "$edited" ] || die "files outside the new modules had to change: $edited"
say "   edited outside the new modules: $(printf '%s\n' "$outside" | grep -E "$allowed" | paste -sd ' ' -)"
say "   regenerated by update-architecture: $(printf '%s\n' "$outside" | grep -E "$generated" | paste -sd ' ' -)"
hand="$(git diff --numstat "$BASE" HEAD -- pom.xml app-monolith | awk '{n += $1} END {print n}')"

say "3. the monolith serves the new route"
serve monolith run /v1/ping/ada
[ "$ANSWER" = "pong, ada" ] || { cat "$WORK/run.log"; die "GET /v1/ping/ada answered '$ANSWER'"; }
grep -o "serving contexts \[[^]]*\]" "$WORK/run.log" | head -1 | sed 's/^/new-context:    /'
say "   GET /v1/ping/ada -> $ANSWER"

kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""

say "4. its own service, app-ping"
mkdir -p app-ping/src/main/java/dev/cleave/app/ping app-ping/src/main/resources
sed -e 's#<artifactId>cleave-app-user</artifactId>#<artifactId>cleave-app-ping</artifactId>#' \
    -e 's#dev.cleave.app.user.Main#dev.cleave.app.ping.Main#' \
    -e 's#<artifactId>cleave-user</artifactId>#<artifactId>cleave-ping</artifactId>#' \
    -e 's#<name>.*</name>#<name>Cleave ping service assembly</name>#' \
    -e 's#<description>.*</description>#<description>The ping context alone.</description>#' \
    app-user/pom.xml > app-ping/pom.xml
cat > app-ping/src/main/java/module-info.java <<'EOF'
/** The ping service: the ping context alone. */
module dev.cleave.app.ping {
    requires dev.cleave.platform.launch;
    requires dev.cleave.platform.amqp;
    requires dev.cleave.ping;
}
EOF
cat > app-ping/src/main/java/dev/cleave/app/ping/Main.java <<'EOF'
package dev.cleave.app.ping;

import dev.cleave.platform.launch.Launcher;

/** Starts the ping service. */
public final class Main {
    private Main() {
    }

    /**
     * Starts every context on the module path.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Launcher.launch("ping");
    }
}
EOF
cat > app-ping/src/main/java/dev/cleave/app/ping/package-info.java <<'EOF'
/** The ping service's entry point. */
package dev.cleave.app.ping;
EOF
printf 'server:\n  port: 8083\ncleave:\n  data-dir: data/ping-service\n' > app-ping/src/main/resources/application.yaml
python3 - <<'EOF'
s = open("pom.xml").read()
s = s.replace("        <module>app-order</module>\n", "        <module>app-order</module>\n        <module>app-ping</module>\n", 1)
open("pom.xml", "w").write(s)
EOF
"${CLEAVE[@]}" mvn -q -DskipTests install -pl '!modules/contract-tests,!architecture-tests' >"$WORK/build3.log" 2>&1 \
  || { cat "$WORK/build3.log"; die "the build with app-ping failed"; }
"${CLEAVE[@]}" update-architecture >"$WORK/update2.log" 2>&1 || { cat "$WORK/update2.log"; die "update-architecture failed"; }
"${CLEAVE[@]}" mvn verify -pl architecture-tests >"$WORK/guard3.log" 2>&1 \
  || { grep -E 'FAIL|expected|violat' "$WORK/guard3.log" | head -30; die "a guardrail refused app-ping"; }
say "   every guardrail passes, app-ping included"
serve ping run2 /v1/ping/grace
[ "$ANSWER" = "pong, grace" ] || { cat "$WORK/run2.log"; die "app-ping: GET /v1/ping/grace answered '$ANSWER'"; }
users="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/v1/users")"
[ "$users" = 404 ] || die "app-ping answers /v1/users with $users"
grep -o "cleave assembly 'ping' serving contexts \[[^]]*\]" "$WORK/run2.log" | head -1 | sed 's/^/new-context:    /'
say "   GET /v1/ping/grace -> $ANSWER; GET /v1/users -> $users"

files="$(find modules/ping-api modules/ping -type f -not -path '*/target/*' | wc -l)"
lines="$(find modules/ping-api modules/ping -type f -not -path '*/target/*' -exec cat {} + | wc -l)"
say "the minimal context: $files files, $lines lines in its own modules; $hand lines added by hand outside them"
