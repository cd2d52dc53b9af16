// `berth agent`: a node of an existing cluster on this host: it joins with the server's token (see
// join.ts), takes the pod CIDR the control plane hands its Node (or --pod-cidr), and runs the node's
// components (node.ts) until SIGTERM/SIGINT, which stop them and leave the containers running.

import { chmod, mkdir, readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { isApiError } from '../../api/errors.js';
import type { Node } from '../../api/types.js';
import { nodes } from '../../client/resources.js';
import type { RestClient } from '../../client/rest.js';
import { DEFAULT_CLUSTER_CIDR } from '../../controllers/nodeipam.js';
import { parseCidr } from '../../runtime/cni/cidr.js';
import { failLoudly } from '../components.js';
import { parseJoinToken } from '../join-token.js';
import { defaultDataDir } from '../data-dir.js';
import { connectAs, ensureIdentities, fetchVerifiedCA, renewalTime, requestIdentities, type NodeIdentities } from './join.js';
import { startNode, type NodeHandle } from './node.js';
import { parsePodNetwork } from './pod-network.js';
import { sleep } from '../../util/sleep.js';

const HELP = `Usage: berth agent --server URL --token TOKEN [flags]

Joins this host to a cluster as a node: a kubelet with its runtime (runc, CNI), the Service proxy,
NetworkPolicies, cluster DNS and the local-path provisioner, and routes to the other nodes' Pods.
The token is in <data-dir>/token on the first server; the server's CA is checked against it before
anything secret is sent. The node's certificates come through CertificateSigningRequests, are kept in
the data dir (kubelet.kubeconfig, agent-pki/) and renewed before they expire.

Flags:
  --server URL          the API server (https://HOST:6443); repeat for several, tried in turn when one is down
  --token TOKEN         the cluster's join token (K10<CA sha256>::server:<secret>)
  --token-file FILE     read the token from FILE instead
  --node-name NAME      this node's name (default: the hostname)
  --data-dir DIR        where the node's state and certificates live (default /var/lib/berth as root)
  --node-ip IP          the address other nodes reach this one at (default: the one this host reaches
                        the server from)
  --pod-cidr CIDR       addresses for this node's Pods (default: the subnet the control plane gives it)
  --cluster-cidr CIDR   every node's Pods, not masqueraded between nodes (default ${DEFAULT_CLUSTER_CIDR})
  --pod-network host-gw|vxlan
                        how nodes reach each other's Pods: host-gw routes to the other nodes' IPs when
                        they share an L2 segment (default), a VXLAN overlay (UDP 8472) when they do not;
                        every node of a cluster uses the same
  --kubelet-port N      the kubelet's HTTPS port for logs and exec (default 10250; 0 picks a free one)
  --resolv-conf FILE    the host's resolver file for Pods and cluster DNS (default /etc/resolv.conf)
  --node-lease-duration-seconds N
                        the node Lease's duration, renewed every quarter of it (default 40, as the kubelet)
  -h, --help            show this help
`;

/** How often the Node is looked at while the control plane has not given it a pod CIDR yet. */
const CIDR_POLL_MS = 50;

/** The pod CIDR the control plane gives this node: its Node is made now if need be, so it can get one. */
async function podCIDRFromServer(client: RestClient, nodeName: string): Promise<string> {
  const started = Date.now();
  let told = false;
  for (;;) {
    let node: Node;
    try {
      node = await client.get<Node>(nodes, undefined, nodeName);
    } catch (e) {
      if (!isApiError(e, 'NotFound')) throw e;
      const bare: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name: nodeName, labels: { 'kubernetes.io/hostname': nodeName } }, spec: {} };
      node = await client.create<Node>(nodes, undefined, bare).catch((err: unknown) => (isApiError(err, 'AlreadyExists') ? client.get<Node>(nodes, undefined, nodeName) : Promise.reject(err)));
    }
    const cidr = node.spec?.podCIDR ?? node.spec?.podCIDRs?.[0];
    if (cidr) return cidr;
    if (!told && Date.now() - started > 10_000) {
      told = true;
      process.stderr.write(`berth agent: node ${nodeName} has no pod CIDR yet; the control plane gives one from its --cluster-cidr (or pass --pod-cidr)\n`);
    }
    await sleep(CIDR_POLL_MS);
  }
}

/** Longest a timer may wait (setTimeout's limit); a renewal further off is looked at again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export async function agentCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      server: { type: 'string', multiple: true, default: [] },
      token: { type: 'string' },
      'token-file': { type: 'string' },
      'node-name': { type: 'string' },
      'data-dir': { type: 'string' },
      'node-ip': { type: 'string' },
      'pod-cidr': { type: 'string' },
      'cluster-cidr': { type: 'string', default: DEFAULT_CLUSTER_CIDR },
      'pod-network': { type: 'string', default: 'host-gw' },
      'kubelet-port': { type: 'string', default: '10250' },
      'resolv-conf': { type: 'string' },
      'node-lease-duration-seconds': { type: 'string', default: '40' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const servers = values.server!.map((s) => s.replace(/\/+$/, ''));
  if (servers.length === 0) throw new Error('--server URL is required: the API server to join (https://HOST:6443)');
  for (const s of servers) if (!/^https:\/\/[^/]+$/.test(s)) throw new Error(`--server: ${s} is not an https://HOST:PORT URL`);
  const tokenText = (values.token ?? (values['token-file'] ? await readFile(values['token-file'], 'utf8') : '')).trim();
  if (!tokenText) throw new Error('--token TOKEN is required: the join token in <data-dir>/token on the first server');
  const token = parseJoinToken(tokenText);
  for (const flag of ['pod-cidr', 'cluster-cidr'] as const) {
    const v = values[flag];
    if (v !== undefined && !parseCidr(v)) throw new Error(`--${flag}: ${v} is not an IPv4 CIDR such as 10.42.0.0/16`);
  }
  const podNetwork = parsePodNetwork(values['pod-network']!);
  const kubeletPort = Number(values['kubelet-port']);
  if (!Number.isInteger(kubeletPort) || kubeletPort < 0 || kubeletPort > 65535) throw new Error(`--kubelet-port: invalid port ${values['kubelet-port']}`);
  const leaseSeconds = Number(values['node-lease-duration-seconds']);
  if (!Number.isInteger(leaseSeconds) || leaseSeconds < 1) throw new Error(`--node-lease-duration-seconds: ${values['node-lease-duration-seconds']} is not a positive whole number`);
  const dataDir = values['data-dir'] ?? defaultDataDir();
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await chmod(dataDir, 0o700);
  const nodeName = (values['node-name'] ?? hostname()).toLowerCase();

  const { ca, localAddress } = await fetchVerifiedCA(servers, token);
  const nodeIP = values['node-ip'] ?? localAddress;
  const joinOpts = { servers, token, tokenText, dataDir, nodeName, nodeIP, ca };
  let ids = await ensureIdentities(joinOpts);
  const nodeClient = connectAs(servers, ca, ids.node, `kubelet/berth (${nodeName})`);
  const podCIDR = values['pod-cidr'] ?? (await podCIDRFromServer(nodeClient, nodeName));

  let crashed!: (e: Error) => void;
  const crash = new Promise<never>((_, reject) => (crashed = reject));
  // Seen through the race below; a crash while stopping has nobody else to tell.
  crash.catch(() => undefined);
  const start = (i: NodeIdentities): Promise<NodeHandle> => startNode({
    connect: (identity, userAgent) => connectAs(servers, ca, identity, userAgent),
    apiServers: servers, ca, identity: i.node, serving: i.serving, proxyIdentity: i.proxy, dnsIdentity: i.dns, networkPolicyIdentity: i.networkPolicy, storageIdentity: i.storage,
    nodeName, dataDir, podCIDR, clusterCIDR: values['cluster-cidr']!, nodeIP, podNetwork, kubeletPort, leaseDurationSeconds: leaseSeconds,
    ...(values['resolv-conf'] ? { resolvConf: values['resolv-conf'] } : {}),
  }, failLoudly('agent', crashed));
  let node = await start(ids);
  process.stderr.write(`berth agent: node ${nodeName} (${nodeIP}, Pods ${podCIDR}) joined ${servers.join(', ')}\n`);

  // Renewal: new identities through CSRs (as the node itself), then the node's components restart on them.
  let renewTimer: NodeJS.Timeout | undefined;
  const scheduleRenewal = (): void => {
    const due = Math.min(...[ids.node, ids.serving, ids.proxy, ids.dns, ids.networkPolicy, ids.storage].map((p) => renewalTime(p.cert).getTime()));
    const wait = Math.max(0, due - Date.now());
    renewTimer = setTimeout(() => {
      if (wait >= MAX_TIMER_MS) return scheduleRenewal();
      void (async () => {
        ids = await requestIdentities({ ...joinOpts, current: ids.node });
        await node.stop();
        node = await start(ids);
        process.stderr.write(`berth agent: certificates renewed; next renewal ${renewalTime(ids.node.cert).toISOString()}\n`);
        scheduleRenewal();
      })().catch((e: unknown) => crashed(new Error(`certificate renewal: ${(e as Error).message}`)));
    }, Math.min(wait, MAX_TIMER_MS));
  };
  scheduleRenewal();

  const stopped = new Promise<void>((resolve) => {
    process.once('SIGTERM', () => resolve());
    process.once('SIGINT', () => resolve());
  });
  try {
    await Promise.race([stopped, crash]);
    return 0;
  } finally {
    clearTimeout(renewTimer);
    await node.stop();
  }
}
