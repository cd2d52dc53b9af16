// How an agent joins: it fetches the server's CA from the public /cacerts and checks it against the
// join token's hash before sending anything secret; then, as the token's bootstrap user, asks through
// the CertificateSigningRequest API for its kubelet client certificate (system:node:<name>) and its
// components' client certificates, and with the node's identity for its serving certificate. The identities
// are kept in the data dir (kubelet.kubeconfig and agent-pki/) and reused while valid; they are asked
// for again once 80% of the node certificate's life has passed, as the kubelet rotates its own.

import { X509Certificate } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import https from 'node:https';
import { join } from 'node:path';
import { isApiError } from '../../api/errors.js';
import type { CertificateSigningRequest } from '../../api/types.js';
import type { KeyPair } from '../../apiserver/auth/certs.js';
import { newKeyRequest } from '../../api/pkcs10-request.js';
import { KUBE_DNS_USER, KUBE_PROXY_USER, LOCAL_PATH_PROVISIONER_USER, NETWORK_POLICY_AGENT } from '../../apiserver/auth/bootstrap-policy.js';
import { CA_PATH } from '../../apiserver/cacerts-path.js';
import { loadKubeconfig } from '../../client/kubeconfig.js';
import { certificateSigningRequests } from '../../client/resources.js';
import { RestClient } from '../../client/rest.js';
import { KUBE_APISERVER_CLIENT_SIGNER, KUBELET_CLIENT_SIGNER, KUBELET_SERVING_SIGNER } from '../../controllers/csrsigning.js';
import { caHash, caMatches, type JoinToken } from '../join-token.js';
import { kubeconfigYaml, writeKubeconfig } from '../kubeconfig.js';
import { FailoverTransport } from './failover.js';
import { sleep } from '../../util/sleep.js';

export interface NodeIdentities {
  ca: string;
  node: KeyPair;
  serving: KeyPair;
  proxy: KeyPair;
  dns: KeyPair;
  networkPolicy: KeyPair;
  storage: KeyPair;
}

/** The components' identities: file name in agent-pki/ and the user each is. */
const COMPONENTS = { proxy: KUBE_PROXY_USER, dns: KUBE_DNS_USER, networkPolicy: NETWORK_POLICY_AGENT, storage: LOCAL_PATH_PROVISIONER_USER } as const;
type Component = keyof typeof COMPONENTS;

const CA_FETCH_TIMEOUT_MS = 5_000;
/** Share of a certificate's life after which it is renewed (upstream's kubelet picks 70–90%). */
const RENEW_AT = 0.8;

/**
 * The first server of `servers` that answers: its CA, once it matches the token, and the address this
 * host reached it from (the node's address as the cluster sees it). A CA that does not match is refused.
 */
export async function fetchVerifiedCA(servers: readonly string[], token: JoinToken): Promise<{ ca: string; localAddress: string }> {
  const failures: string[] = [];
  for (const server of servers) {
    let got: { body: string; localAddress: string };
    try {
      got = await fetchInsecure(new URL(CA_PATH, server));
    } catch (e) {
      failures.push(`${server}: ${(e as Error).message}`);
      continue;
    }
    if (!caMatches(token, got.body)) {
      throw new Error(`server ${server} presents a CA whose sha256 is ${caHash(got.body)}, but the join token is for CA ${token.caHash}: refusing to join (a wrong --token, or not this cluster's server)`);
    }
    return { ca: got.body, localAddress: got.localAddress };
  }
  throw new Error(`no server answered: ${failures.join('; ')}`);
}

/** A GET that trusts nothing it receives yet: the answer is checked by its hash, not by TLS. */
function fetchInsecure(url: URL): Promise<{ body: string; localAddress: string }> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { rejectUnauthorized: false, timeout: CA_FETCH_TIMEOUT_MS, agent: false }, (res) => {
      const localAddress = (res.socket.localAddress ?? '').replace(/^::ffff:/, '');
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`GET ${url.pathname}: HTTP ${res.statusCode}`));
        else resolve({ body: Buffer.concat(chunks).toString('utf8'), localAddress });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer in ${CA_FETCH_TIMEOUT_MS} ms`), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
  });
}

const pkiDir = (dataDir: string) => join(dataDir, 'agent-pki');
export const kubeletKubeconfigPath = (dataDir: string): string => join(dataDir, 'kubelet.kubeconfig');

/** How far signers date certificates back for clock skew (upstream's 5 minutes): no life ahead of them. */
const BACKDATE_MS = 5 * 60_000;

/** When a certificate is due for renewal: 80% into its life from when it was issued. */
export function renewalTime(certPem: string): Date {
  const c = new X509Certificate(certPem);
  const to = Date.parse(c.validTo);
  // A short-lived certificate (--cluster-signing-duration 30s) would otherwise be due before it was issued.
  const issued = Math.min(Date.parse(c.validFrom) + BACKDATE_MS, to);
  return new Date(issued + RENEW_AT * (to - issued));
}

function signedBy(certPem: string, caPem: string): boolean {
  try {
    return new X509Certificate(certPem).verify(new X509Certificate(caPem).publicKey);
  } catch {
    return false;
  }
}

/** The identities kept from an earlier join, when all are there, from this CA and not yet due for renewal. */
async function keptIdentities(dataDir: string, ca: string, now: number): Promise<NodeIdentities | null> {
  try {
    const kc = await loadKubeconfig(kubeletKubeconfigPath(dataDir));
    const read = async (name: string): Promise<KeyPair> => ({ cert: await readFile(join(pkiDir(dataDir), `${name}.crt`), 'utf8'), key: await readFile(join(pkiDir(dataDir), `${name}.key`), 'utf8') });
    const ids: NodeIdentities = {
      ca,
      node: { cert: kc.cert!.toString(), key: kc.key!.toString() },
      serving: await read('serving'),
      proxy: await read('proxy'),
      dns: await read('dns'),
      networkPolicy: await read('networkPolicy'),
      storage: await read('storage'),
    };
    const all = [ids.node, ids.serving, ids.proxy, ids.dns, ids.networkPolicy, ids.storage];
    return all.every((p) => signedBy(p.cert, ca) && renewalTime(p.cert).getTime() > now) ? ids : null;
  } catch {
    return null;
  }
}

/** How often a pending request is looked at; a human approving takes longer, an auto-approval about this. */
const POLL_MS = 50;

/** Asks for a certificate through a CSR and waits for it; the key never leaves this host. */
async function requestCertificate(client: RestClient, o: { signerName: string; subject: { cn: string; orgs?: string[] }; sans?: string[]; usages: string[]; generateName: string }): Promise<KeyPair> {
  const { key, request } = await newKeyRequest(o.subject, o.sans);
  const body: CertificateSigningRequest = {
    apiVersion: 'certificates.k8s.io/v1',
    kind: 'CertificateSigningRequest',
    metadata: { generateName: o.generateName },
    spec: { request: Buffer.from(request).toString('base64'), signerName: o.signerName, usages: o.usages },
  };
  let created: CertificateSigningRequest;
  try {
    created = await client.create<CertificateSigningRequest>(certificateSigningRequests, undefined, body);
  } catch (e) {
    if (isApiError(e, 'Unauthorized')) throw new Error('the server refused the join token (401 Unauthorized): is --token this cluster\'s (see <data-dir>/token on its first server)?');
    throw e;
  }
  const name = created.metadata.name!;
  const started = Date.now();
  let told = false;
  for (;;) {
    const csr = await client.get<CertificateSigningRequest>(certificateSigningRequests, undefined, name);
    const refused = csr.status?.conditions?.find((c) => (c.type === 'Denied' || c.type === 'Failed') && c.status === 'True');
    if (refused) throw new Error(`certificate signing request ${name} ${refused.type === 'Denied' ? 'was denied' : 'failed'}: ${refused.reason ?? ''} ${refused.message ?? ''}`.trim());
    if (csr.status?.certificate) return { cert: Buffer.from(csr.status.certificate, 'base64').toString('utf8'), key };
    if (!told && Date.now() - started > 10_000) {
      told = true;
      process.stderr.write(`berth agent: waiting for certificate signing request ${name} to be approved (kubectl certificate approve ${name})\n`);
    }
    await sleep(Date.now() - started < 2_000 ? POLL_MS : 1_000);
  }
}

export interface JoinOptions {
  servers: readonly string[];
  token: JoinToken;
  tokenText: string;
  dataDir: string;
  nodeName: string;
  /** The node's address, for its serving certificate. */
  nodeIP: string;
  /** The node's current identity, to renew without the token (a node may ask for its own again). */
  current?: KeyPair;
}

/** Identities for the node: those kept in the data dir while valid, else new ones through CSRs. */
export async function ensureIdentities(o: JoinOptions & { ca: string }, now = Date.now()): Promise<NodeIdentities> {
  return (await keptIdentities(o.dataDir, o.ca, now)) ?? (await requestIdentities(o));
}

/** Asks for every identity anew and keeps them in the data dir. */
export async function requestIdentities(o: JoinOptions & { ca: string }): Promise<NodeIdentities> {
  const ca = Buffer.from(o.ca);
  const connect = (auth: { token: string } | { cert: Buffer; key: Buffer }): RestClient => new RestClient(new FailoverTransport(o.servers, { ca, ...auth }), { userAgent: `berth-agent/${o.nodeName}` });
  const asker = o.current ? connect({ cert: Buffer.from(o.current.cert), key: Buffer.from(o.current.key) }) : connect({ token: o.tokenText });
  const nodeUser = `system:node:${o.nodeName}`;
  // All at once: the components' requests are approved for the token's bootstrap user as for the node;
  // only the serving certificate must be asked for by the node itself.
  const component = (c: Component): Promise<KeyPair> => requestCertificate(asker, { signerName: KUBE_APISERVER_CLIENT_SIGNER, subject: { cn: COMPONENTS[c] }, usages: ['digital signature', 'client auth'], generateName: 'csr-' });
  const node = requestCertificate(asker, { signerName: KUBELET_CLIENT_SIGNER, subject: { cn: nodeUser, orgs: ['system:nodes'] }, usages: ['digital signature', 'client auth'], generateName: 'node-csr-' });
  const servingCert = node.then((n) => requestCertificate(connect({ cert: Buffer.from(n.cert), key: Buffer.from(n.key) }), { signerName: KUBELET_SERVING_SIGNER, subject: { cn: nodeUser, orgs: ['system:nodes'] }, sans: [`DNS:${o.nodeName}`, `IP:${o.nodeIP}`], usages: ['digital signature', 'server auth'], generateName: 'csr-' }));
  const [nodeCert, serving, proxy, dns, networkPolicy, storage] = await Promise.all([node, servingCert, component('proxy'), component('dns'), component('networkPolicy'), component('storage')]);
  const ids: NodeIdentities = { ca: o.ca, node: nodeCert, serving, proxy, dns, networkPolicy, storage };
  await keep(o, ids);
  return ids;
}

async function keep(o: JoinOptions & { ca: string }, ids: NodeIdentities): Promise<void> {
  const dir = pkiDir(o.dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const name of ['serving', ...Object.keys(COMPONENTS)] as ('serving' | Component)[]) {
    await writeFile(join(dir, `${name}.key`), ids[name].key, { mode: 0o600 });
    await writeFile(join(dir, `${name}.crt`), ids[name].cert);
  }
  // Written last: its presence says the rest is there.
  await writeKubeconfig(kubeletKubeconfigPath(o.dataDir), kubeconfigYaml(o.servers[0], o.ca, ids.node, `system:node:${o.nodeName}`));
}

/** A client over the servers for one identity. */
export function connectAs(servers: readonly string[], ca: string, identity: KeyPair, userAgent: string): RestClient {
  return new RestClient(new FailoverTransport(servers, { ca: Buffer.from(ca), cert: Buffer.from(identity.cert), key: Buffer.from(identity.key) }), { userAgent });
}
