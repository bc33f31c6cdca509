#!/usr/bin/env bash
# Build, test, link and benchmark `keys`. Needs only a JDK 21+ (and Maven's client for test jars).
#   ./build.sh [build]   compile every module, write build/jars/keys-*-VERSION.jar and link
#                        build/image (launcher build/image/bin/keys) from those jars
#   ./build.sh jars      compile and write the jars only (no image)
#   ./build.sh install   write the jars and their POMs into the local Maven repository
#                        (~/.m2/repository, or the directory KEYS_M2_REPO names)
#   ./build.sh test [JUNIT ARGS]   build, then run every test; prints "N passed, N failed, N skipped"
#   ./build.sh run [ARGS]          build, then exec `keys serve ARGS`
#   ./build.sh bench [ARGS]        build, then run the benchmark suite (JSON lines + a table)
#   ./build.sh clean
set -euo pipefail

cd "$(dirname "$0")"
ROOT=$PWD
OUT=$ROOT/build
CACHE=${KEYS_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/keys-build}

# Test jars: fetched once through Maven's client, then checked against these pins.
DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
JUNIT=org.junit.platform:junit-platform-console-standalone:6.0.1
JUNIT_JAR=junit-platform-console-standalone-6.0.1.jar
JUNIT_SHA256=3009120b7953bfe63add272e65b2bbeca0d41d0dfd8dea605201db15b640e0ff

MODULES=(keys.json keys.domain keys.store keys.http keys.server keys.cli)
MAIN=keys.cli/keys.cli.Main # the launcher's module/class
# The release, in one place: the top-level VERSION file. It becomes every module's version (module
# descriptors, jars, POMs) and the resource `version` beside the main class (`keys version`).
read -r VERSION < VERSION
GROUP_ID=keys # Maven coordinates: keys:keys-<module>:VERSION
JAR_DATE=2000-01-01T00:00:00Z # every jar entry's time, so that jars are byte-reproducible

die() { echo "build.sh: $*" >&2; exit 1; }

java_major() { # prints the feature version of the JDK at $1, or nothing
  [ -x "$1/bin/javac" ] && [ -x "$1/bin/jlink" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null
}

find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    echo "$JAVA_HOME"; return
  fi
  local best="" best_v=0 d v
  for d in /usr/lib/jvm/*/; do
    d=${d%/}; v=$(java_major "$d")
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best=$d; best_v=$v; fi
  done
  [ -n "$best" ] || die "no JDK 21+ found (set JAVA_HOME, or install one under /usr/lib/jvm)"
  echo "$best"
}

JDK=$(find_jdk)
JAVAC=$JDK/bin/javac
JAVA=$JDK/bin/java

newer_than() { # true when anything under the given dirs is newer than stamp $1 (or it is missing)
  local stamp=$1; shift
  [ -f "$stamp" ] || return 0
  # Directories count too: adding, removing or renaming a file changes its directory's time.
  [ -n "$(find "$@" -newer "$stamp" -print -quit 2>/dev/null)" ]
}

compile_modules() {
  local stamp=$OUT/classes.stamp
  if newer_than "$stamp" modules VERSION; then
    touch "$stamp.new" # before compiling: a source edited meanwhile is newer than the stamp
    rm -rf "$OUT/classes"
    mkdir -p "$OUT/classes"
    find modules -name '*.java' > "$OUT/sources.txt"
    # Inline string concatenation: no StringConcatFactory bootstrap at start-up.
    "$JAVAC" --release 21 -Xlint:all -Werror -encoding UTF-8 -XDstringConcat=inline \
      --module-version "$VERSION" --module-source-path modules -d "$OUT/classes" @"$OUT/sources.txt"
    # Resources (word lists etc.) sit beside the sources.
    (cd modules && find . -type f ! -name '*.java' -exec cp --parents {} "$OUT/classes/" \;)
    local main_class=${MAIN#*/}
    cp VERSION "$OUT/classes/${MAIN%%/*}/$(dirname "${main_class//.//}")/version"
    mv "$stamp.new" "$stamp"
  fi
}

jar_file() { # keys.cli -> keys-cli-VERSION.jar
  echo "keys-${1#keys.}-$VERSION.jar"
}

# One modular jar per module, byte-reproducible: entries in byte order, all dated JAR_DATE.
package_jars() {
  local stamp=$OUT/jars.stamp m main
  [ "$OUT/classes.stamp" -nt "$stamp" ] || [ ! -d "$OUT/jars" ] || return 0
  rm -rf "$OUT/jars"
  mkdir -p "$OUT/jars"
  for m in "${MODULES[@]}"; do
    main=()
    [ "$m" = "${MAIN%%/*}" ] && main=(--main-class "${MAIN#*/}")
    (cd "$OUT/classes/$m" && find . -type f | sed 's|^\./||' | LC_ALL=C sort > "$OUT/jar-entries.txt" &&
      "$JDK/bin/jar" --create --file "$OUT/jars/$(jar_file "$m")" --module-version "$VERSION" \
        --date "$JAR_DATE" "${main[@]}" @"$OUT/jar-entries.txt")
  done
  touch "$stamp"
}

# The local Maven repository's own layout (jar, POM, maven-metadata-local.xml), written directly:
# no Maven plugin needed. Each POM declares the keys.* modules its module `requires`, compile scope.
install_jars() {
  local repo=${KEYS_M2_REPO:-$HOME/.m2/repository} m artifact dir
  for m in "${MODULES[@]}"; do
    artifact=keys-${m#keys.}
    dir=$repo/${GROUP_ID//.//}/$artifact
    mkdir -p "$dir/$VERSION"
    cp "$OUT/jars/$(jar_file "$m")" "$dir/$VERSION/"
    # shellcheck disable=SC2046 # one word per dependency
    pom "$artifact" $("$JDK/bin/jar" --describe-module --file "$OUT/jars/$(jar_file "$m")" |
      sed -n 's/^requires keys\.\([^ ]*\).*/keys-\1/p') > "$dir/$VERSION/$artifact-$VERSION.pom"
    metadata "$dir" "$artifact" > "$dir/maven-metadata-local.xml"
  done
  echo "installed $GROUP_ID:keys-*:$VERSION into $repo"
}

pom() { # ARTIFACT DEPENDENCY...
  local artifact=$1 dep; shift
  cat <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>$GROUP_ID</groupId>
  <artifactId>$artifact</artifactId>
  <version>$VERSION</version>
  <dependencies>
EOF
  for dep in "$@"; do
    printf '    <dependency>\n      <groupId>%s</groupId>\n      <artifactId>%s</artifactId>\n' "$GROUP_ID" "$dep"
    printf '      <version>%s</version>\n      <scope>compile</scope>\n    </dependency>\n' "$VERSION"
  done
  printf '  </dependencies>\n</project>\n'
}

metadata() { # ARTIFACT_DIR ARTIFACT: lists every version installed there
  local v versions=()
  for v in "$1"/*/; do
    v=$(basename "$v")
    [ -f "$1/$v/$2-$v.pom" ] && versions+=("$v")
  done
  printf '<?xml version="1.0" encoding="UTF-8"?>\n<metadata>\n  <groupId>%s</groupId>\n' "$GROUP_ID"
  printf '  <artifactId>%s</artifactId>\n  <versioning>\n    <release>%s</release>\n    <versions>\n' "$2" "$VERSION"
  printf '      <version>%s</version>\n' $(printf '%s\n' "${versions[@]}" | sort -V)
  printf '    </versions>\n    <lastUpdated>%s</lastUpdated>\n  </versioning>\n</metadata>\n' "$(date -u +%Y%m%d%H%M%S)"
}

# Defaults for a small box; KEYS_JAVA_OPTS (e.g. -Xmx4g) comes after them and wins.
JVM_FLAGS="-XX:+UseSerialGC -Xss512k -Xmx1g -XX:-UsePerfData"

# JDK 25+: an AOT cache (classes loaded and linked ahead of time) from a scripted run of real
# requests (`keys train`), shipped in the image; the launcher uses it when present.
train_aot_cache() {
  [ "$(java_major "$JDK")" -ge 25 ] || return 0
  if ! "$OUT/image/bin/java" $JVM_FLAGS -XX:AOTCacheOutput="$OUT/image/lib/keys.aot" \
      -m "$MAIN" train >"$OUT/aot.log" 2>&1; then
    rm -f "$OUT/image/lib/keys.aot"
    echo "build.sh: AOT training failed (see $OUT/aot.log); the image works without the cache" >&2
  fi
}

# jlink's objcopy stripping leaves the symbol tables (libjvm.so: 29.8 MB); binutils' strip, when
# present, takes them too (24.8 MB). Only bin/java and our launcher are used: the JDK's other
# commands (keytool, jwebserver) go.
strip_image() {
  find "$OUT/image/bin" -type f ! -name java -delete
  command -v strip >/dev/null || return 0
  find "$OUT/image/bin" "$OUT/image/lib" -type f \( -name '*.so' -o -perm -u+x \) -exec strip --strip-unneeded {} +
}

link_image() {
  local stamp=$OUT/image.stamp
  if [ "$OUT/jars.stamp" -nt "$stamp" ] || [ jlink.conf -nt "$stamp" ] || [ ! -x "$OUT/image/bin/keys" ]; then
    rm -rf "$OUT/image"
    local mp=$OUT/jars # the image runs exactly the jars' code
    [ -d "$JDK/jmods" ] && mp=$JDK/jmods:$mp
    # Stripping native symbols needs binutils' objcopy; a machine without it still links.
    local strip=()
    command -v objcopy >/dev/null && strip=(--strip-native-debug-symbols="objcopy=$(command -v objcopy)")
    "$JDK/bin/jlink" @jlink.conf "${strip[@]}" --module-path "$mp" --output "$OUT/image"
    strip_image
    # Our own launcher: `exec` so that SIGTERM reaches the JVM, not a shell.
    cat > "$OUT/image/bin/keys" <<EOF
#!/bin/sh
dir=\$(cd "\$(dirname "\$0")" && pwd)
aot=
[ -f "\$dir/../lib/keys.aot" ] && aot="-XX:AOTCache=\$dir/../lib/keys.aot"
exec "\$dir/java" $JVM_FLAGS \$aot \${KEYS_JAVA_OPTS:-} -m $MAIN "\$@"
EOF
    chmod 755 "$OUT/image/bin/keys"
    train_aot_cache
    touch "$stamp"
    echo "image: $OUT/image ($(du -sh "$OUT/image" | cut -f1))"
  fi
}

fetch_test_jars() {
  local jar=$CACHE/$JUNIT_JAR
  if [ ! -f "$jar" ]; then
    command -v mvn >/dev/null || die "Maven's client (mvn) is needed once to fetch $JUNIT"
    mkdir -p "$CACHE"
    mvn -q -B "$DEP_PLUGIN:copy" -Dartifact="$JUNIT" -DoutputDirectory="$CACHE" >&2 \
      || die "could not fetch $JUNIT"
  fi
  echo "$JUNIT_SHA256  $jar" | sha256sum -c --quiet - >/dev/null 2>&1 \
    || { rm -f "$jar"; die "$JUNIT_JAR does not match its pinned SHA-256 (removed; run again)"; }
  echo "$jar"
}

module_classpath() {
  local cp="" m
  for m in "${MODULES[@]}"; do cp+="$OUT/classes/$m:"; done
  echo "${cp%:}"
}

compile_tests() {
  local junit=$1 stamp=$OUT/test-classes.stamp
  if newer_than "$stamp" test || [ "$OUT/classes.stamp" -nt "$stamp" ]; then
    touch "$stamp.new"
    rm -rf "$OUT/test-classes"
    mkdir -p "$OUT/test-classes"
    find test -path test/consumer -prune -o -name '*.java' -print > "$OUT/test-sources.txt" # test/consumer: a module, see ConsumerModuleTest
    "$JAVAC" --release 21 -Xlint:all,-serial -encoding UTF-8 -d "$OUT/test-classes" \
      -cp "$(module_classpath):$junit" @"$OUT/test-sources.txt"
    (cd test && find . -type f ! -name '*.java' -exec cp --parents {} "$OUT/test-classes/" \;)
    mv "$stamp.new" "$stamp"
  fi
}

# Concurrent invocations (several shells on one checkout) take turns at compiling and linking.
build_jars() {
  mkdir -p "$OUT"
  exec 9>"$OUT/.build.lock"
  flock 9
  compile_modules
  package_jars
}

build() {
  build_jars
  link_image
}

run_tests() {
  build
  local junit; junit=$(fetch_test_jars)
  compile_tests "$junit"
  exec 9>&-
  local log status=0
  log=$(mktemp "${TMPDIR:-/tmp}/keys-test.XXXXXX")
  # Tests run on the class path (package-private access from test/<module>/ packages).
  "$JAVA" ${KEYS_TEST_JAVA_OPTS:-} -Dkeys.image="$OUT/image" -Dkeys.modules="$OUT/jars" -Dkeys.root="$ROOT" \
    -jar "$junit" execute --disable-banner --details=tree \
    --class-path "$(module_classpath):$OUT/test-classes" \
    "${@:---scan-class-path}" 2>&1 | tee "$log" || status=$?
  local ok failed skipped
  ok=$(sed -n 's/.*\[ *\([0-9]*\) tests successful *\].*/\1/p' "$log" | tail -1)
  failed=$(sed -n 's/.*\[ *\([0-9]*\) tests failed *\].*/\1/p' "$log" | tail -1)
  skipped=$(sed -n 's/.*\[ *\([0-9]*\) tests skipped *\].*/\1/p' "$log" | tail -1)
  ok=${ok:-0}; failed=${failed:-0}; skipped=${skipped:-0}
  rm -f "$log"
  echo "$ok passed, $failed failed, $skipped skipped"
  [ "$status" -eq 0 ] || exit "$status"
  [ "$failed" -eq 0 ] || exit 1
  [ "$ok" -gt 0 ] || die "no test ran"
}

cmd=${1:-build}
[ $# -gt 0 ] && shift
case "$cmd" in
  build) build ;;
  jars) build_jars ;;
  install) build_jars; install_jars ;;
  test) run_tests "$@" ;;
  run) build; exec 9>&-; exec "$OUT/image/bin/keys" serve "$@" ;;
  bench)
    build
    junit=$(fetch_test_jars)
    compile_tests "$junit"
    exec 9>&-
    exec "$JAVA" -Xmx8g -Dkeys.image="$OUT/image" -cp "$(module_classpath):$OUT/test-classes:$junit" \
      keys.bench.Bench "$@" ;;
  clean) rm -rf "$OUT" ;;
  *) die "unknown command '$cmd' (build, jars, install, test, run, bench, clean)" ;;
esac
