#!/usr/bin/env bash
# A test run killed midway (or a machine's crashed berth) leaves its nodes' bridges behind, and the
# next node then refuses the pod CIDR they still hold; their Service proxy tables would DNAT the next
# run's ClusterIPs to Pods long gone. With no berth server or agent running, no
# berth bridge is in use: remove them. Nothing is touched while any berth runs.
set -euo pipefail
command -v ip >/dev/null || exit 0
if pgrep -f 'cli/main\.js (server|agent|sim)' >/dev/null; then exit 0; fi
for bridge in $(ip -o link show type bridge | awk -F': ' '{print $2}' | grep '^berth-' || true); do
  echo "removing stale bridge $bridge"
  ip link del "$bridge"
done
if command -v nft >/dev/null; then
  for t in $(nft list tables ip 2>/dev/null | awk '{print $3}' | grep -E '^berth-[0-9a-f]{8}-proxy$' || true); do
    echo "removing stale nftables table ip $t"
    nft delete table ip "$t"
  done
  for t in $(nft list tables inet 2>/dev/null | awk '{print $3}' | grep -E '^berth-[0-9a-f]{8}-netpol$' || true); do
    echo "removing stale nftables table inet $t"
    nft delete table inet "$t"
  done
fi
