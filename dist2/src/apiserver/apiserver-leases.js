// Which API servers are alive, for the `kubernetes` Service's endpoints when several share one store:
// each keeps a Lease in kube-system (labelled apiserver.kubernetes.io/identity=kube-apiserver, as
// upstream's identity Leases) naming the address it serves on, renewed with every reconcile; the
// endpoints list the servers whose Lease is unexpired, as upstream's lease endpoint reconciler does.
import { createHash } from 'node:crypto';
import { ApiError } from '../api/errors.js';
import { findKind } from '../api/schema/resources.js';
import { microTime } from '../api/time.js';
import { SYSTEM_CONTEXT } from './registry/index.js';
const NAMESPACE = 'kube-system';
const IDENTITY_LABEL = 'apiserver.kubernetes.io/identity';
const ENDPOINT_ANNOTATION = 'berth.dev/apiserver-endpoint';
/** As upstream's master leases: three missed renewals (every RECONCILE_MS) and a server is gone. */
export const APISERVER_LEASE_SECONDS = 15;
function parseEndpoint(text) {
    const m = /^(.+):(\d+)$/.exec(text ?? '');
    return m ? { address: m[1], port: Number(m[2]) } : undefined;
}
export class ApiServerLeases {
    #leases;
    #self;
    /** Named for the endpoint, so a restarted server renews its own Lease instead of leaving one behind. */
    #name;
    constructor(registry, self) {
        this.#leases = registry.storage(findKind('coordination.k8s.io/v1', 'Lease'));
        this.#self = self;
        this.#name = `apiserver-${createHash('sha256').update(`${self.address}:${self.port}`).digest('hex').slice(0, 16)}`;
    }
    /** Writes this server's Lease with a fresh renewTime. */
    async renew() {
        const spec = { holderIdentity: this.#name, leaseDurationSeconds: APISERVER_LEASE_SECONDS, renewTime: microTime(Date.now()) };
        if (!this.#leases.getEntry(NAMESPACE, this.#name)) {
            const lease = {
                apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
                metadata: { name: this.#name, namespace: NAMESPACE, labels: { [IDENTITY_LABEL]: 'kube-apiserver' }, annotations: { [ENDPOINT_ANNOTATION]: `${this.#self.address}:${this.#self.port}` } },
                spec,
            };
            const created = await this.#leases.create(NAMESPACE, lease, SYSTEM_CONTEXT).then(() => true, (e) => {
                if (e instanceof ApiError && e.code === 'AlreadyExists')
                    return false;
                throw e;
            });
            if (created)
                return;
        }
        await this.#leases.modify(NAMESPACE, this.#name, SYSTEM_CONTEXT, (o) => {
            o.spec = { ...o.spec, ...spec };
            return o;
        });
    }
    /** Every server whose Lease is unexpired, by address and port. */
    async live(now = Date.now()) {
        const page = await this.#leases.list(NAMESPACE, { labelMatch: (o) => o.metadata.labels?.[IDENTITY_LABEL] === 'kube-apiserver' });
        const found = [];
        for (const e of page.entries) {
            const lease = e.obj;
            const renewed = Date.parse(lease.spec?.renewTime ?? '');
            const ep = parseEndpoint(lease.metadata.annotations?.[ENDPOINT_ANNOTATION]);
            if (ep && renewed + (lease.spec?.leaseDurationSeconds ?? APISERVER_LEASE_SECONDS) * 1000 > now)
                found.push(ep);
        }
        return found.sort((a, b) => a.address.localeCompare(b.address, 'en', { numeric: true }) || a.port - b.port);
    }
}
//# sourceMappingURL=apiserver-leases.js.map