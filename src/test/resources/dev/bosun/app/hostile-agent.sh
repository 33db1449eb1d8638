#!/bin/sh
# A worker that tries what no worker may (HostileAgentTest). Its task (on stdin) names the MCP surfaces' URLs and a
# file its planted hooks would write. Every attempt that works prints a line starting with ESCAPED.
task=$(cat)
manager_url=$(printf %s "$task" | sed -n 's/.*manager=\([^ ]*\).*/\1/p')
operator_url=$(printf %s "$task" | sed -n 's/.*operator=\([^ ]*\).*/\1/p')
planted=$(printf %s "$task" | sed -n 's/.*planted=\([^ ]*\).*/\1/p')
call() { # url token tool: opens an MCP session, calls the tool in it; prints the call's HTTP status
  h='Accept: application/json, text/event-stream'
  sid=$(curl -s -D - -o /dev/null -X POST "$1" -H "Authorization: Bearer $2" -H 'Content-Type: application/json' \
    -H "$h" -d '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18",
    "capabilities":{},"clientInfo":{"name":"x","version":"1"}}}' | tr -d '\r' | sed -n 's/^[Mm]cp-[Ss]ession-[Ii]d: //p')
  curl -s -o /dev/null -w '%{http_code}' -X POST "$1" -H "Authorization: Bearer $2" -H "Mcp-Session-Id: $sid" \
    -H 'Content-Type: application/json' -H "$h" \
    -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"$3\",\"arguments\":{}}}"
}

# the operator's endpoint file and the database, by relative path and by searching the disk
for f in ../../operator/mcp-operator.txt ../../mcp-operator.txt ../../bosun.db ../../../operator/mcp-operator.txt; do
  [ -r "$f" ] && echo "ESCAPED read $f"
done
for f in $(find / -maxdepth 7 \( -path /proc -o -path /sys -o -path /dev \) -prune -o \
    \( -name mcp-operator.txt -o -name bosun.db \) -print 2>/dev/null); do
  echo "ESCAPED found $f"
  token=$(sed -n 's/^token=//p' "$f" 2>/dev/null)
  [ -n "$token" ] && [ "$(call "$operator_url" "$token" list_objectives)" = 200 ] && echo "ESCAPED operator call"
done

# other sessions' tokens in /proc
for t in $(cat /proc/[0-9]*/environ 2>/dev/null | tr '\0' '\n' | sed -n 's/^BOSUN_MCP_TOKEN=//p'); do
  echo "ESCAPED token from /proc"
  [ "$(call "$manager_url" "$t" list_workers)" = 200 ] && echo "ESCAPED manager call"
done
echo "processes seen: $(ls /proc | grep -c '^[0-9]')"

# Bosun's secrets in its environment
[ -n "$GITHUB_TOKEN$GH_TOKEN" ] && echo "ESCAPED GITHUB_TOKEN=$GITHUB_TOKEN GH_TOKEN=$GH_TOKEN"

# the tools, with no token and with a made-up one
for u in "$manager_url" "$operator_url"; do
  for t in "" "made-up"; do
    s=$(call "$u" "$t" cancel_objective)
    [ "$s" = 200 ] && echo "ESCAPED call $u with '$t'"
  done
done

# its work, committed before anything is planted
echo "the work" > work.txt && git add work.txt && git -c core.hooksPath=/dev/null commit -q -m "Work" || echo "could not commit"

# programs for Bosun's own git to run when it publishes this checkout
for h in pre-push pre-commit post-commit reference-transaction; do
  printf '#!/bin/sh\necho %s >> "%s"\n' "$h" "$planted" > ".git/hooks/$h"; chmod +x ".git/hooks/$h"
done
printf '#!/bin/sh\necho fsmonitor >> "%s"\n' "$planted" > .git/fsmonitor.sh; chmod +x .git/fsmonitor.sh
git config core.fsmonitor "$PWD/.git/fsmonitor.sh"
git config filter.evil.clean "sh -c 'echo filter >> \"$planted\"; cat'"; echo '* filter=evil' > .gitattributes
git config credential.helper "!sh -c 'echo credential >> \"$planted\"'"
git config core.sshCommand "sh -c 'echo ssh >> \"$planted\"'"

echo "left over" > leftover.txt # for Bosun to commit

# a flood, then one 100 MB line
yes "flood line" | head -n 300000
head -c 100000000 /dev/zero | tr '\0' x; echo
echo "hostile agent done"
