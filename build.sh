#!/usr/bin/env bash
# Build, test, link and benchmark `keys`. Needs only a JDK 21+ (and Maven's client, once, for
# JUnit's jars: `test`, `install` and `bench`).
#   ./build.sh [build]   compile every module, write build/jars/keys-*-VERSION.jar and link
#                        build/image (launcher build/image/bin/keys) from those jars
#   ./build.sh jars      compile and write the jars only (no image)
#   ./build.sh install   write the jars, keys-junit's too, and their POMs into the local Maven
#                        repository (~/.m2/repository, or the directory KEYS_M2_REPO names)
#   ./build.sh test [JUNIT ARGS]   build (keys-junit too), then run every test; prints
#                                  "N passed, N failed, N skipped"
#   ./build.sh run [ARGS]          build, then exec `keys serve ARGS`
#   ./build.sh bench [ARGS]        build, then run the benchmark suite (JSON lines + a table)
#   ./build.sh clean
set -euo pipefail

cd "$(dirname "$0")"
ROOT=$PWD
OUT=$ROOT/build
CACHE=${KEYS_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/keys-build}

# Test jars: fetched once through Maven's client into CACHE, each checked against its SHA-256 pin.
DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
JUNIT_VERSION=6.0.1
# The console launcher runs the tests (on the class path)...
CONSOLE_JAR="org.junit.platform:junit-platform-console-standalone:$JUNIT_VERSION 3009120b7953bfe63add272e65b2bbeca0d41d0dfd8dea605201db15b640e0ff"
# ...and keys.junit compiles as a module against junit-jupiter-api and every module its descriptor
# names: org.junit.platform.commons and org.opentest4j (transitive), org.apiguardian.api and
# org.jspecify (static transitive: javac wants them too).
JUNIT_MODULE_JARS=(
  "org.junit.jupiter:junit-jupiter-api:$JUNIT_VERSION a3ca8c7e567436093e4a6703d5d4aac02dbea36106ea32fd1367b56de20d4e02"
  "org.junit.platform:junit-platform-commons:$JUNIT_VERSION f8853f45c10f380ddb157cf42abba9b073474f05cc40335b585055f85538dcad"
  "org.opentest4j:opentest4j:1.3.0 48e2df636cab6563ced64dcdff8abb2355627cb236ef0bf37598682ddf742f1b"
  "org.apiguardian:apiguardian-api:1.1.2 b509448ac506d607319f182537f0b35d71007582ec741832a1f111e5b5b70b38"
  "org.jspecify:jspecify:1.0.0 1fad6e6be7557781e4d33729d49ae1cdc8fdda6fe477bb0cc68ce351eafdfbab"
)

MODULES=(keys.json keys.domain keys.store keys.http keys.server keys.cli)
# Modules for test suites (modules/ too): built only by `test` and `install`, against MODULES and
# JUnit's jars, into build/jars beside the others; never in the image nor in a plain build.
TEST_SUPPORT_MODULES=(keys.junit)
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

newer_than() { # STAMP DIR... [PRUNE...]: true when anything under the dirs is newer than STAMP (or it is missing)
  local stamp=$1; shift
  [ -f "$stamp" ] || return 0
  # Directories count too: adding, removing or renaming a file changes its directory's time.
  [ -n "$(find "$@" -newer "$stamp" -print -quit 2>/dev/null)" ]
}

# find(1) arguments that skip TEST_SUPPORT_MODULES' sources: modules/keys.junit -prune -o ...
SUPPORT_PRUNE=()
for m in "${TEST_SUPPORT_MODULES[@]}"; do SUPPORT_PRUNE+=(-path "modules/$m" -prune -o); done

compile_modules() {
  local stamp=$OUT/classes.stamp
  if newer_than "$stamp" modules VERSION "${SUPPORT_PRUNE[@]}"; then
    touch "$stamp.new" # before compiling: a source edited meanwhile is newer than the stamp
    rm -rf "$OUT/classes"
    mkdir -p "$OUT/classes"
    find modules "${SUPPORT_PRUNE[@]}" -name '*.java' -print > "$OUT/sources.txt"
    # Inline string concatenation: no StringConcatFactory bootstrap at start-up.
    "$JAVAC" --release 21 -Xlint:all -Werror -encoding UTF-8 -XDstringConcat=inline \
      --module-version "$VERSION" --module-source-path modules -d "$OUT/classes" @"$OUT/sources.txt"
    # Resources (word lists etc.) sit beside the sources.
    (cd modules && find . "${SUPPORT_PRUNE[@]/#modules/.}" -type f ! -name '*.java' -exec cp --parents {} "$OUT/classes/" \;)
    local main_class=${MAIN#*/}
    cp VERSION "$OUT/classes/${MAIN%%/*}/$(dirname "${main_class//.//}")/version"
    mv "$stamp.new" "$stamp"
  fi
}

jar_file() { # keys.cli -> keys-cli-VERSION.jar
  echo "keys-${1#keys.}-$VERSION.jar"
}

# A modular jar, byte-reproducible: entries in byte order, all dated JAR_DATE.
pack() { # CLASSES_DIR JAR [JAR OPTION...]
  local classes=$1 jar=$2; shift 2
  (cd "$classes" && find . -type f | sed 's|^\./||' | LC_ALL=C sort > "$OUT/jar-entries.txt" &&
    "$JDK/bin/jar" --create --file "$jar" --module-version "$VERSION" --date "$JAR_DATE" "$@" @"$OUT/jar-entries.txt")
}

# One jar per module of MODULES.
package_jars() {
  local stamp=$OUT/jars.stamp m main
  [ "$OUT/classes.stamp" -nt "$stamp" ] || [ ! -d "$OUT/jars" ] || return 0
  rm -rf "$OUT/jars"
  mkdir -p "$OUT/jars"
  for m in "${MODULES[@]}"; do
    main=()
    [ "$m" = "${MAIN%%/*}" ] && main=(--main-class "${MAIN#*/}")
    pack "$OUT/classes/$m" "$OUT/jars/$(jar_file "$m")" "${main[@]}"
  done
  touch "$stamp"
}

# TEST_SUPPORT_MODULES, each compiled on its own against the built modules and JUnit's modular jars
# (-p), into build/support-classes, then packed into build/jars beside the others.
build_test_support() {
  local stamp=$OUT/support-classes.stamp mp m
  if newer_than "$stamp" "${TEST_SUPPORT_MODULES[@]/#/modules/}" || [ "$OUT/classes.stamp" -nt "$stamp" ]; then
    mp=$(junit_module_path)
    touch "$stamp.new"
    rm -rf "$OUT/support-classes"
    mkdir -p "$OUT/support-classes"
    for m in "${TEST_SUPPORT_MODULES[@]}"; do
      find "modules/$m" -name '*.java' > "$OUT/support-sources.txt"
      "$JAVAC" --release 21 -Xlint:all -Werror -encoding UTF-8 -XDstringConcat=inline --module-version "$VERSION" \
        -p "$OUT/classes:$OUT/support-classes:$mp" -d "$OUT/support-classes/$m" @"$OUT/support-sources.txt"
      (cd "modules/$m" && find . -type f ! -name '*.java' -exec cp --parents {} "$OUT/support-classes/$m/" \;)
    done
    mv "$stamp.new" "$stamp"
  fi
  for m in "${TEST_SUPPORT_MODULES[@]}"; do
    [ "$OUT/jars/$(jar_file "$m")" -nt "$stamp" ] || pack "$OUT/support-classes/$m" "$OUT/jars/$(jar_file "$m")"
  done
}

# The local Maven repository's own layout (jar, POM, maven-metadata-local.xml), written directly:
# no Maven plugin needed. Each POM declares what its module `requires` (compile scope): the keys.*
# modules, and JUnit's modules by the coordinates of the jar that holds them.
install_jars() {
  local repo=${KEYS_M2_REPO:-$HOME/.m2/repository} m artifact dir
  local -A coordinates=() # module name -> groupId:artifactId:version
  for m in "${MODULES[@]}" "${TEST_SUPPORT_MODULES[@]}"; do coordinates[$m]=$GROUP_ID:keys-${m#keys.}:$VERSION; done
  local entry jar
  for entry in "${JUNIT_MODULE_JARS[@]}"; do
    # shellcheck disable=SC2086 # "COORDINATES SHA256": fetch_jar's two arguments
    jar=$(fetch_jar $entry)
    m=$("$JDK/bin/jar" --describe-module --file "$jar" 2>/dev/null | sed -n '1s/@.*//p') || true
    [ -z "$m" ] || coordinates[$m]=${entry%% *}
  done
  for m in "${MODULES[@]}" "${TEST_SUPPORT_MODULES[@]}"; do
    artifact=keys-${m#keys.}
    dir=$repo/${GROUP_ID//.//}/$artifact
    mkdir -p "$dir/$VERSION"
    cp "$OUT/jars/$(jar_file "$m")" "$dir/$VERSION/"
    local deps=() required
    # Static requirements are optional at run time; java.* and jdk.* come with the JDK.
    for required in $("$JDK/bin/jar" --describe-module --file "$OUT/jars/$(jar_file "$m")" |
        sed -n '/^requires .* static/d; s/^requires \([^ ]*\).*/\1/p' | grep -v '^java\.\|^jdk\.'); do
      [ -n "${coordinates[$required]:-}" ] || die "$m requires $required, which has no Maven coordinates"
      deps+=("${coordinates[$required]}")
    done
    pom "$artifact" "${deps[@]}" > "$dir/$VERSION/$artifact-$VERSION.pom"
    metadata "$dir" "$artifact" > "$dir/maven-metadata-local.xml"
  done
  echo "installed $GROUP_ID:keys-*:$VERSION into $repo"
}

pom() { # ARTIFACT GROUP:ARTIFACT:VERSION...
  local artifact=$1 dep group version; shift
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
    IFS=: read -r group dep version <<<"$dep"
    printf '    <dependency>\n      <groupId>%s</groupId>\n      <artifactId>%s</artifactId>\n' "$group" "$dep"
    printf '      <version>%s</version>\n      <scope>compile</scope>\n    </dependency>\n' "$version"
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

fetch_jar() { # GROUP:ARTIFACT:VERSION SHA256 -> prints the jar's path
  local coords=$1 sha256=$2 group artifact version jar
  IFS=: read -r group artifact version <<<"$coords"
  jar=$CACHE/$artifact-$version.jar
  if [ ! -f "$jar" ]; then
    command -v mvn >/dev/null || die "Maven's client (mvn) is needed once to fetch $coords"
    mkdir -p "$CACHE"
    mvn -q -B -Dstyle.color=never "$DEP_PLUGIN:copy" -Dartifact="$coords" -DoutputDirectory="$CACHE" >&2 \
      || die "could not fetch $coords"
  fi
  echo "$sha256  $jar" | sha256sum -c --quiet - >/dev/null 2>&1 \
    || { rm -f "$jar"; die "$(basename "$jar") does not match its pinned SHA-256 (removed; run again)"; }
  echo "$jar"
}

junit_module_path() {
  local mp="" entry jar
  for entry in "${JUNIT_MODULE_JARS[@]}"; do
    # shellcheck disable=SC2086 # "COORDINATES SHA256": fetch_jar's two arguments
    jar=$(fetch_jar $entry) || exit 1 # (a command substitution does not inherit set -e)
    mp+="$jar:"
  done
  echo "${mp%:}"
}

# The built modules (and TEST_SUPPORT_MODULES) as class-path entries, as the tests see them.
module_classpath() {
  local cp="" m
  for m in "${MODULES[@]}"; do cp+="$OUT/classes/$m:"; done
  for m in "${TEST_SUPPORT_MODULES[@]}"; do cp+="$OUT/support-classes/$m:"; done
  echo "${cp%:}"
}

compile_tests() {
  local junit=$1 stamp=$OUT/test-classes.stamp
  if newer_than "$stamp" test || [ "$OUT/classes.stamp" -nt "$stamp" ] || [ "$OUT/support-classes.stamp" -nt "$stamp" ]; then
    touch "$stamp.new"
    rm -rf "$OUT/test-classes"
    mkdir -p "$OUT/test-classes"
    find test -path test/consumer -prune -o -name '*.java' -print > "$OUT/test-sources.txt" # test/consumer: a module, see ConsumerModuleTest
    "$JAVAC" --release 21 -Xlint:all,-serial -encoding UTF-8 -d "$OUT/test-classes" \
      -cp "$(module_classpath):$junit" @"$OUT/test-sources.txt"
    # Resources sit beside the sources; each test/<module>/ is a root of the class path.
    local root
    for root in test/*/; do
      (cd "$root" && find . -type f ! -name '*.java' -exec cp --parents {} "$OUT/test-classes/" \;)
    done
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
  build_test_support
  # shellcheck disable=SC2086 # "COORDINATES SHA256": fetch_jar's two arguments
  local junit; junit=$(fetch_jar $CONSOLE_JAR)
  compile_tests "$junit"
  exec 9>&-
  local log status=0
  log=$(mktemp "${TMPDIR:-/tmp}/keys-test.XXXXXX")
  # Tests run on the class path (package-private access from test/<module>/ packages);
  # keys.junit.modules is JUnit's module path, for tests of keys.junit as a module.
  "$JAVA" ${KEYS_TEST_JAVA_OPTS:-} -Dkeys.image="$OUT/image" -Dkeys.modules="$OUT/jars" -Dkeys.root="$ROOT" \
    -Dkeys.junit.modules="$(junit_module_path)" \
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
  install) build_jars; build_test_support; install_jars ;;
  test) run_tests "$@" ;;
  run) build; exec 9>&-; exec "$OUT/image/bin/keys" serve "$@" ;;
  bench)
    build
    build_test_support
    # shellcheck disable=SC2086 # "COORDINATES SHA256": fetch_jar's two arguments
    junit=$(fetch_jar $CONSOLE_JAR)
    compile_tests "$junit"
    exec 9>&-
    exec "$JAVA" -Xmx8g -Dkeys.image="$OUT/image" -cp "$(module_classpath):$OUT/test-classes:$junit" \
      keys.bench.Bench "$@" ;;
  clean) rm -rf "$OUT" ;;
  *) die "unknown command '$cmd' (build, jars, install, test, run, bench, clean)" ;;
esac
