# Sourced by ./minerwatch and .ci/run: sets JAVA_HOME to a JDK of version 21 or newer. Tries JAVA_HOME, then
# the java on the PATH, then the JDKs installed in the usual places (newest first).
_minerwatch_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1
}
_minerwatch_find_jdk() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  local dir
  for dir in $(ls -d /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home /opt/java/* "$HOME"/.sdkman/candidates/java/* 2>/dev/null | sort -Vr); do
    candidates+=("$dir")
  done
  for dir in "${candidates[@]}"; do
    if [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ]; then
      local major
      major=$(_minerwatch_java_major "$dir")
      if [ -n "$major" ] && [ "${major%%.*}" -ge 21 ] 2>/dev/null; then
        echo "$dir"
        return 0
      fi
    fi
  done
  return 1
}
if ! JAVA_HOME=$(_minerwatch_find_jdk); then
  echo "minerwatch needs a JDK 21 or newer (javac included): none found in JAVA_HOME, on the PATH or in /usr/lib/jvm." >&2
  echo "Install one (for example Temurin 21 or 25) and set JAVA_HOME to it." >&2
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME
