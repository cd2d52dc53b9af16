// The CSR signer, as kube-controller-manager's csrsigning controller: an approved request for one of
// the signers berth runs (kube-apiserver-client, any subject; kube-apiserver-client-kubelet, a node's
// own identity; kubelet-serving, a node's serving certificate) gets a certificate from the cluster CA in status.certificate, valid for its
// expirationSeconds (at most the signer's longest duration). A request the signer cannot honour gets a
// Failed condition instead. The signing itself is handed in (the CA's key stays with the control plane).

import { isApiError } from '../api/errors.js';
import { parseCertificateRequest, type CertificateRequest } from '../api/pkcs10.js';
import { rfc3339 } from '../api/time.js';
import type { CertificateSigningRequest } from '../api/types.js';
import { Informer } from '../client/informer.js';
import { certificateSigningRequests } from '../client/resources.js';
import type { RestClient } from '../client/rest.js';
import { WorkQueue } from '../client/workqueue.js';
import { runKeyedController } from './keyed-controller.js';

export const KUBE_APISERVER_CLIENT_SIGNER = 'kubernetes.io/kube-apiserver-client';
export const KUBELET_CLIENT_SIGNER = 'kubernetes.io/kube-apiserver-client-kubelet';
export const KUBELET_SERVING_SIGNER = 'kubernetes.io/kubelet-serving';
const SIGNERS = new Set([KUBE_APISERVER_CLIENT_SIGNER, KUBELET_CLIENT_SIGNER, KUBELET_SERVING_SIGNER]);

/** Signs a PEM request with the cluster CA; names are openssl-style (DNS:x, IP:y). */
export type CertificateSigner = (csrPem: string, opts: { usages: string[]; ttlSeconds: number; sans: string[] }) => Promise<string>;

/** kube-controller-manager's default --cluster-signing-duration: one year. */
export const DEFAULT_SIGNING_DURATION_SECONDS = 365 * 24 * 3600;

const CLIENT_USAGES = new Set(['digital signature', 'key encipherment', 'client auth']);

function clientUsagesRefusal(usages: readonly string[]): string | undefined {
  const bad = usages.find((u) => !CLIENT_USAGES.has(u));
  if (bad !== undefined) return `invalid usage for client certificate: ${bad}`;
  if (!usages.includes('client auth')) return 'missing required usage for client certificate: client auth';
  return undefined;
}

/** What upstream requires of a kubelet's client certificate request, in its words. */
function kubeletClientRefusal(req: CertificateRequest, usages: readonly string[]): string | undefined {
  if (req.organizations.length !== 1 || req.organizations[0] !== 'system:nodes') return 'subject organization is not system:nodes';
  if (req.dnsNames.length) return 'DNS subjectAltNames are not allowed';
  if (req.emailAddresses.length) return 'Email subjectAltNames are not allowed';
  if (req.ipAddresses.length) return 'IP subjectAltNames are not allowed';
  if (req.uris.length) return 'URI subjectAltNames are not allowed';
  if (!req.commonName.startsWith('system:node:')) return 'subject common name does not begin with system:node:';
  const set = new Set(usages);
  const rsa = ['client auth', 'digital signature', 'key encipherment'];
  const noRsa = ['client auth', 'digital signature'];
  const same = (want: string[]) => set.size === want.length && want.every((u) => set.has(u));
  if (!same(rsa) && !same(noRsa)) return `usages did not match [${rsa.join(' ')}]`;
  return undefined;
}

/** What upstream requires of a kubelet's serving certificate request: a node's identity, DNS and IP names only. */
function kubeletServingRefusal(req: CertificateRequest, usages: readonly string[]): string | undefined {
  if (req.organizations.length !== 1 || req.organizations[0] !== 'system:nodes') return 'subject organization is not system:nodes';
  if (!req.commonName.startsWith('system:node:')) return 'subject common name does not begin with system:node:';
  if (req.dnsNames.length + req.ipAddresses.length === 0) return 'DNS or IP subjectAltName is required';
  if (req.emailAddresses.length) return 'Email subjectAltNames are not allowed';
  if (req.uris.length) return 'URI subjectAltNames are not allowed';
  const set = new Set(usages);
  if (!set.has('server auth') || !set.has('digital signature') || [...set].some((u) => !['server auth', 'digital signature', 'key encipherment'].includes(u))) {
    return 'usages did not match [digital signature key encipherment server auth]';
  }
  return undefined;
}

/** Why signerName's signer will not sign req, or undefined when it will. */
export function signerRefusal(signerName: string, req: CertificateRequest, usages: readonly string[]): string | undefined {
  if (signerName === KUBELET_CLIENT_SIGNER) return kubeletClientRefusal(req, usages);
  if (signerName === KUBELET_SERVING_SIGNER) return kubeletServingRefusal(req, usages);
  return clientUsagesRefusal(usages);
}

/** Requests handled at once: a node joining asks for six certificates together. */
const WORKERS = 4;

const has = (csr: CertificateSigningRequest, type: string) => (csr.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');

export class CertificateSigningController {
  readonly #client: RestClient;
  readonly #sign: CertificateSigner;
  readonly #maxSeconds: number;
  readonly #informer: Informer<CertificateSigningRequest>;
  readonly #queue = new WorkQueue();
  readonly #log: (line: string) => void;

  constructor(client: RestClient, opts: { sign: CertificateSigner; maxDurationSeconds?: number; log?: (line: string) => void }) {
    this.#client = client;
    this.#sign = opts.sign;
    this.#maxSeconds = opts.maxDurationSeconds ?? DEFAULT_SIGNING_DURATION_SECONDS;
    this.#log = opts.log ?? ((l) => process.stderr.write(`csrsigning: ${l}\n`));
    this.#informer = new Informer<CertificateSigningRequest>(client, certificateSigningRequests, { onError: (e) => this.#log(`watch: ${(e as Error).message}`) });
    const queue = (csr: CertificateSigningRequest): void => this.#queue.add(csr.metadata.name!);
    this.#informer.addHandlers({ onAdd: queue, onUpdate: (_o, csr) => queue(csr) });
  }

  async run(signal: AbortSignal): Promise<void> {
    await runKeyedController(signal, { informers: [this.#informer], queue: this.#queue, workers: WORKERS, reconcile: (name) => this.reconcile(name), log: this.#log });
  }

  async reconcile(name: string): Promise<void> {
    const csr = this.#informer.get(name);
    if (!csr || csr.status?.certificate || !has(csr, 'Approved') || has(csr, 'Denied') || has(csr, 'Failed')) return;
    const signer = csr.spec.signerName;
    if (!SIGNERS.has(signer)) return;
    const pem = Buffer.from(csr.spec.request, 'base64').toString('utf8');
    const usages = csr.spec.usages ?? [];
    let refusal: string | undefined;
    let req: CertificateRequest | undefined;
    try {
      req = parseCertificateRequest(pem);
      refusal = signerRefusal(signer, req, usages);
    } catch (e) {
      refusal = `unable to parse csr "${name}": ${(e as Error).message}`;
    }
    const sans = req ? [...req.dnsNames.map((n) => `DNS:${n}`), ...req.ipAddresses.map((n) => `IP:${n}`), ...req.emailAddresses.map((n) => `email:${n}`), ...req.uris.map((n) => `URI:${n}`)] : [];
    const oddName = sans.find((n) => /[\s,]/.test(n));
    if (refusal === undefined && oddName !== undefined) refusal = `invalid subjectAltName ${JSON.stringify(oddName)}`;
    let status: CertificateSigningRequest['status'];
    if (refusal !== undefined || !req) {
      const now = rfc3339();
      const failed = { type: 'Failed', status: 'True', reason: 'SignerValidationFailure', message: refusal ?? '', lastUpdateTime: now, lastTransitionTime: now };
      status = { ...csr.status, conditions: [...(csr.status?.conditions ?? []), failed] };
    } else {
      const ttlSeconds = Math.min(csr.spec.expirationSeconds ?? this.#maxSeconds, this.#maxSeconds);
      const cert = await this.#sign(pem, { usages, ttlSeconds, sans });
      status = { ...csr.status, certificate: Buffer.from(cert).toString('base64') };
    }
    try {
      await this.#client.update(certificateSigningRequests, undefined, { ...csr, status }, { subresource: 'status' });
    } catch (e) {
      // Deleted meanwhile, or changed: the informer brings the new state back.
      if (isApiError(e, 'NotFound') || isApiError(e, 'Conflict')) return;
      throw e;
    }
  }
}
