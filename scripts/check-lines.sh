#!/usr/bin/env bash
# A work line lives in its two folders (Sources/FazhiCore/Lines/<Line>, Sources/FazhiServer/Lines/<Line>) and one
# line of Sources/FazhiServer/App/Modules.swift (README, "Adding a work line"). Fails, naming the files, when a built
# line's code name appears in any other Swift source, comments included. The built lines are the folders under
# Sources/FazhiServer/Lines/; a folder's code name is its name with the first letter lowercased (Reconsideration →
# reconsideration).
set -euo pipefail
cd "$(dirname "$0")/.."

names=()
for dir in Sources/FazhiServer/Lines/*/; do
  folder=$(basename "$dir")
  names+=("$(printf '%s' "${folder:0:1}" | tr '[:upper:]' '[:lower:]')${folder:1}")
done
[ ${#names[@]} -gt 0 ] || { echo "check-lines: no line folders under Sources/FazhiServer/Lines" >&2; exit 1; }

pattern=$(IFS='|'; echo "${names[*]}")
offenders=$(grep -rinE --include='*.swift' "$pattern" Sources \
  | grep -vE '^Sources/[^:]*(^|/)Lines/|^Sources/FazhiServer/App/Modules\.swift:' \
  | cut -d: -f1 | sort -u || true)
if [ -n "$offenders" ]; then
  echo "check-lines: a line's name (${names[*]}) appears outside its folders and App/Modules.swift:" >&2
  printf '  %s\n' $offenders >&2
  echo "Move what names the line into Sources/*/Lines/<Line>/ and have the shared part read the line's declaration." >&2
  exit 1
fi
echo "check-lines: ${names[*]} live only in their folders and App/Modules.swift"
