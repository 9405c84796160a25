# Finds a JDK whose feature version is at least CLIPDECK_JDK (25). Sourced by ./clipdeck and .ci/run.
# Order: $JAVA_HOME when new enough, then the system's JVM directories (newest first), then `java` on
# PATH. Prints the JDK's home on stdout, or a message naming what to install on stderr and fails.

CLIPDECK_JDK=${CLIPDECK_JDK:-25}

# The feature version of the JDK at $1 (25 for 25.0.3), from its release file; empty if none.
jdk_feature() {
  local release="$1/release" version
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ -f "$release" ] || return 0
  version=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$release")
  echo "${version:-}"
}

find_jdk() {
  local candidate feature best="" best_feature=0
  if [ -n "${JAVA_HOME:-}" ]; then
    feature=$(jdk_feature "$JAVA_HOME")
    if [ -n "$feature" ] && [ "$feature" -ge "$CLIPDECK_JDK" ]; then
      echo "$JAVA_HOME"
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] || continue
    feature=$(jdk_feature "$candidate")
    if [ -n "$feature" ] && [ "$feature" -ge "$CLIPDECK_JDK" ] && [ "$feature" -gt "$best_feature" ]; then
      best=$candidate best_feature=$feature
    fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    feature=$(jdk_feature "$candidate")
    if [ -n "$feature" ] && [ "$feature" -ge "$CLIPDECK_JDK" ]; then best=$candidate; fi
  fi
  if [ -z "$best" ]; then
    {
      echo "Clipdeck needs a JDK $CLIPDECK_JDK or newer, and none was found"
      echo "  (looked at JAVA_HOME=${JAVA_HOME:-<unset>}, /usr/lib/jvm, /usr/java, /opt/java and java on PATH)."
      echo "Install one, e.g. Temurin $CLIPDECK_JDK (Debian/Ubuntu: apt-get install temurin-$CLIPDECK_JDK-jdk from Adoptium's"
      echo "repository), or set JAVA_HOME to a JDK $CLIPDECK_JDK+."
    } >&2
    return 1
  fi
  echo "$best"
}
