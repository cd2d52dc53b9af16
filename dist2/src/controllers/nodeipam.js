// Node IPAM, as kube-controller-manager's range allocator (--allocate-node-cidrs): each Node without a
// spec.podCIDR gets the first free subnet (a /24 by default) of the cluster CIDR; a Node that came with
// its own (an agent's --pod-cidr, the server's own node) keeps it and its subnet counts as taken. A
// deleted Node's subnet is free again. Its Pods' addresses and every other node's routes follow from it.
import { isApiError } from '../api/errors.js';
import { nodes } from '../client/resources.js';
import { WorkQueue, runWorkers } from '../client/workqueue.js';
import { formatCidr, overlaps, parseCidr, subnetOf } from '../runtime/cni/cidr.js';
export const DEFAULT_CLUSTER_CIDR = '10.42.0.0/16';
/** kube-controller-manager's --node-cidr-mask-size for IPv4. */
const NODE_MASK = 24;
const cidrsOf = (n) => n.spec?.podCIDRs ?? (n.spec?.podCIDR ? [n.spec.podCIDR] : []);
export class NodeIpamController {
    #client;
    #cluster;
    #mask;
    #nodes;
    #queue = new WorkQueue();
    /** Subnets this controller handed out, by Node: the informer may not show the latest patch yet. */
    #given = new Map();
    #log;
    constructor(client, opts) {
        const cluster = parseCidr(opts.clusterCIDR);
        if (!cluster)
            throw new Error(`--cluster-cidr: invalid CIDR ${opts.clusterCIDR}`);
        this.#client = client;
        this.#cluster = cluster;
        this.#mask = Math.max(NODE_MASK, cluster.prefix);
        this.#log = opts.log ?? ((l) => process.stderr.write(`nodeipam: ${l}\n`));
        this.#nodes = opts.informers.nodes();
        const queue = (n) => {
            if (cidrsOf(n).length === 0)
                this.#queue.add(n.metadata.name);
        };
        this.#nodes.addHandlers({ onAdd: queue, onUpdate: (_o, n) => queue(n), onDelete: (n) => this.#given.delete(n.metadata.name) });
    }
    async run(signal) {
        await this.#nodes.waitForSync();
        await runWorkers(this.#queue, 1, (name) => this.reconcile(name), signal, (name, e) => this.#log(`${name}: ${e.message}`));
    }
    /** The first subnet of the cluster CIDR no Node's pod CIDR overlaps; null when all are taken. */
    #free() {
        const taken = [...this.#nodes.list().flatMap(cidrsOf), ...this.#given.values()].map(parseCidr).filter((c) => c !== null);
        for (let i = 0;; i++) {
            const c = subnetOf(this.#cluster, this.#mask, i);
            if (!c)
                return null;
            if (!taken.some((t) => overlaps(t, c)))
                return formatCidr(c);
        }
    }
    async reconcile(name) {
        const node = this.#nodes.get(name);
        if (!node || cidrsOf(node).length > 0)
            return;
        const cidr = this.#free();
        if (!cidr) {
            this.#log(`node ${name}: no pod CIDR left in ${formatCidr(this.#cluster)}`);
            return;
        }
        this.#given.set(name, cidr);
        try {
            await this.#client.patch(nodes, undefined, name, 'merge', { spec: { podCIDR: cidr, podCIDRs: [cidr] } });
        }
        catch (e) {
            this.#given.delete(name);
            // Gone, or given one meanwhile (validation refuses a change): nothing to hand out.
            if (isApiError(e, 'NotFound') || isApiError(e, 'Invalid'))
                return;
            throw e;
        }
    }
}
//# sourceMappingURL=nodeipam.js.map