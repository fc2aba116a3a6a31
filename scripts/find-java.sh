# Sourced by ./coffer and .ci/run: finds a JDK >= 25 and exports JAVA_HOME, or explains what is missing.
# Order: $JAVA_HOME, then /usr/lib/jvm/*, /usr/java/*, /opt/java/*, macOS's JavaVirtualMachines, then `java` on PATH.

coffer_required_java=25

# The major version of the JDK at $1, read from its `release` file when it has one (no JVM start needed).
coffer_java_major() {
  local home=$1 version=""
  if [ -r "$home/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release" | head -n 1)
  fi
  if [ -z "$version" ] && [ -x "$home/bin/java" ]; then
    version=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  case "$version" in
    1.*) version=${version#1.} ;;
  esac
  version=${version%%[.+-]*}
  case "$version" in
    ''|*[!0-9]*) echo 0 ;;
    *) echo "$version" ;;
  esac
}

coffer_find_java() {
  local candidate
  local -a candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] && candidates+=("$candidate")
  done
  if command -v java >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    candidates+=("$candidate")
  fi
  for candidate in "${candidates[@]}"; do
    if [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] \
        && [ "$(coffer_java_major "$candidate")" -ge "$coffer_required_java" ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  {
    echo "coffer: no JDK ${coffer_required_java} or newer found."
    echo "  Looked at: \$JAVA_HOME (${JAVA_HOME:-unset}), /usr/lib/jvm/*, /usr/java/*, /opt/java/*, and java on PATH."
    echo "  Install one (for example Eclipse Temurin ${coffer_required_java}) and set JAVA_HOME to it."
  } >&2
  return 1
}
