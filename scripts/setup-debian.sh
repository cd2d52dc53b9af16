#!/usr/bin/env bash
# Installs everything berth needs on a fresh Debian 12 machine (run as root): the runtime parts
# (runc, conmon, catatonit, CNI plugins), image tools and the peers the tests and benchmarks use, then the npm packages,
# and builds berth. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  runc conmon catatonit containernetworking-plugins iproute2 iptables nftables kmod openssl
  busybox-static mmdebstrap skopeo umoci docker-registry apache2-utils attr
  chromium fonts-dejavu-core
  python3-kubernetes
  podman tmux socat
  etcd-server
)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# kubectl comes with the machine here (the Google Cloud SDK repository); install it when a repository offers it.
command -v kubectl >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubectl >/dev/null 2>&1 ||
  echo "setup: kubectl is not installed and no repository offers it; install kubectl to use berth and run the tests" >&2
# NetworkPolicy: Pods of one node talk across its bridge, and those packets reach the nftables inet hooks
# only through br_netfilter (a module on Debian's kernel; each node sets bridge-nf-call-iptables=1 itself).
if [ ! -e /proc/sys/net/bridge/bridge-nf-call-iptables ]; then
  modprobe br_netfilter || echo "setup: could not load br_netfilter; NetworkPolicy will not police traffic between Pods of one node" >&2
fi
echo br_netfilter > /etc/modules-load.d/berth-netpol.conf
# Debian's registry package starts a service on :5000 that the tests do not use.
systemctl disable --now docker-registry >/dev/null 2>&1 || true
# Debian's etcd package starts a host-wide etcd on :2379; berth's tests and `--datastore-endpoint` users run their own.
systemctl disable --now etcd >/dev/null 2>&1 || true

npm ci --no-audit --no-fund
npm run build
npm link >/dev/null 2>&1 || true
