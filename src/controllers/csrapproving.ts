// The CSR approver, as kube-controller-manager's csrapproving controller: a kubelet's client
// certificate request is approved when it asks for exactly the identity its requester may have: a
// joining node (a join token's bootstrap user, system:bootstrappers) any node's, a node its own
// (renewal). berth's agents also need what upstream leaves to a human or an external approver: the
// kubelet's serving certificate (the API server's kubelet proxy checks it against the cluster CA),
// approved for the node that asks for its own; and the node components' client certificates (Service
// proxy, cluster DNS, NetworkPolicy enforcer, local-path provisioner), each under its fixed user and
// no group, approved for a bootstrap user or a node, as k3s hands them to any agent holding the token.
// Anything else waits for `kubectl certificate approve`.

import { isApiError } from '../api/errors.js';
import { parseCertificateRequest } from '../api/pkcs10.js';
import { rfc3339 } from '../api/time.js';
import type { CertificateSigningRequest } from '../api/types.js';
import { Informer } from '../client/informer.js';
import { certificateSigningRequests } from '../client/resources.js';
import type { RestClient } from '../client/rest.js';
import { WorkQueue } from '../client/workqueue.js';
import { runKeyedController } from './keyed-controller.js';
import { KUBELET_CLIENT_SIGNER, KUBELET_SERVING_SIGNER, KUBE_APISERVER_CLIENT_SIGNER, signerRefusal } from './csrsigning.js';

const BOOTSTRAPPERS = 'system:bootstrappers';
const NODES = 'system:nodes';

/** Why a request is approved (upstream's messages), or undefined when it is not this controller's to approve. */
export function autoApproval(csr: CertificateSigningRequest, componentUsers: ReadonlySet<string>): string | undefined {
  const { signerName, username = '', groups = [], usages = [] } = csr.spec;
  let req;
  try {
    req = parseCertificateRequest(Buffer.from(csr.spec.request, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
  if (signerRefusal(signerName, req, usages) !== undefined) return undefined;
  const isNode = groups.includes(NODES) && username.startsWith('system:node:');
  if (signerName === KUBELET_CLIENT_SIGNER) {
    if (groups.includes(BOOTSTRAPPERS)) return 'Auto approving kubelet client certificate after SubjectAccessReview.';
    if (isNode && username === req.commonName) return 'Auto approving self kubelet client certificate after SubjectAccessReview.';
    return undefined;
  }
  if (signerName === KUBELET_SERVING_SIGNER) return isNode && username === req.commonName ? 'Auto approving kubelet serving certificate for its own node.' : undefined;
  if (signerName === KUBE_APISERVER_CLIENT_SIGNER && componentUsers.has(req.commonName) && req.organizations.length === 0 && (groups.includes(BOOTSTRAPPERS) || isNode)) {
    return `Auto approving node component certificate for ${req.commonName}.`;
  }
  return undefined;
}

/** Requests handled at once: a node joining asks for six certificates together. */
const WORKERS = 4;

const decided = (csr: CertificateSigningRequest) => (csr.status?.conditions ?? []).some((c) => ['Approved', 'Denied', 'Failed'].includes(c.type));

export class CertificateApprovingController {
  readonly #client: RestClient;
  readonly #componentUsers: ReadonlySet<string>;
  readonly #informer: Informer<CertificateSigningRequest>;
  readonly #queue = new WorkQueue();
  readonly #log: (line: string) => void;

  constructor(client: RestClient, opts: { componentUsers: Iterable<string>; log?: (line: string) => void }) {
    this.#client = client;
    this.#componentUsers = new Set(opts.componentUsers);
    this.#log = opts.log ?? ((l) => process.stderr.write(`csrapproving: ${l}\n`));
    this.#informer = new Informer<CertificateSigningRequest>(client, certificateSigningRequests, { onError: (e) => this.#log(`watch: ${(e as Error).message}`) });
    this.#informer.addHandlers({ onAdd: (csr) => this.#queue.add(csr.metadata.name!) });
  }

  async run(signal: AbortSignal): Promise<void> {
    await runKeyedController(signal, { informers: [this.#informer], queue: this.#queue, workers: WORKERS, reconcile: (name) => this.reconcile(name), log: this.#log });
  }

  async reconcile(name: string): Promise<void> {
    const csr = this.#informer.get(name);
    if (!csr || decided(csr)) return;
    const message = autoApproval(csr, this.#componentUsers);
    if (message === undefined) return;
    const now = rfc3339();
    const approved = { type: 'Approved', status: 'True', reason: 'AutoApproved', message, lastUpdateTime: now, lastTransitionTime: now };
    try {
      await this.#client.update(certificateSigningRequests, undefined, { ...csr, status: { ...csr.status, conditions: [...(csr.status?.conditions ?? []), approved] } }, { subresource: 'approval' });
    } catch (e) {
      if (isApiError(e, 'NotFound') || isApiError(e, 'Conflict')) return;
      throw e;
    }
  }
}
