# Sourced (POSIX sh) by ./mvnw, ./minerwatch and .ci/run: sets JAVA_HOME to a JDK of version 21 or newer.
# Tries JAVA_HOME, then the javac on the PATH, then JDKs installed in the usual places, newest first.
_mw_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
_mw_usable_jdk() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  _mw_major=$(_mw_java_major "$1")
  [ -n "$_mw_major" ] && [ "$_mw_major" -ge 21 ] 2>/dev/null
}
_mw_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && _mw_usable_jdk "$JAVA_HOME"; then echo "$JAVA_HOME"; return 0; fi
  if command -v javac >/dev/null 2>&1; then
    _mw_dir=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if _mw_usable_jdk "$_mw_dir"; then echo "$_mw_dir"; return 0; fi
  fi
  for _mw_dir in $(ls -d /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home /opt/java/* \
      "$HOME"/.sdkman/candidates/java/* 2>/dev/null | sort -Vr); do
    if _mw_usable_jdk "$_mw_dir"; then echo "$_mw_dir"; return 0; fi
  done
  return 1
}
# ./mvnw runs with globbing off (set -f); the search needs it for a moment.
case $- in *f*) _mw_noglob=1 ;; *) _mw_noglob= ;; esac
set +f
_mw_jdk=$(_mw_find_jdk) || _mw_jdk=
[ -n "$_mw_noglob" ] && set -f
if [ -n "$_mw_jdk" ]; then
  JAVA_HOME=$_mw_jdk
  export JAVA_HOME
else
  echo "minerwatch needs a JDK 21 or newer (with javac): none in JAVA_HOME, on the PATH or in /usr/lib/jvm." >&2
  echo "Install one (Temurin 21 or 25, say) and set JAVA_HOME to it." >&2
  exit 1
fi
