// Pod networking across nodes, host-gw style (flannel's host-gw backend): every other Node's pod CIDR
// is routed to that Node's InternalIP, from a watch on Nodes; a Node that goes (or changes address)
// takes its route with it. The nodes must share an L2 segment, as with flannel's host-gw. Routes carry
// a protocol number of their own, so those left by an earlier run are found and cleaned up at start.
import { writeFile } from 'node:fs/promises';
import { Informer } from '../../client/informer.js';
import { nodes } from '../../client/resources.js';
import { runChecked } from '../../runtime/cni/command.js';
/** The routing protocol number berth's routes carry (any unassigned one would do). */
export const ROUTE_PROTOCOL = '231';
/** pod CIDR → InternalIP of the node it belongs to, for every node but `self`. */
export function desiredRoutes(all, self) {
    const out = new Map();
    for (const n of all) {
        if (n.metadata.name === self)
            continue;
        const via = n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
        if (!via || via.includes(':'))
            continue;
        for (const cidr of n.spec?.podCIDRs ?? (n.spec?.podCIDR ? [n.spec.podCIDR] : []))
            if (!cidr.includes(':'))
                out.set(cidr, via);
    }
    return out;
}
async function installedRoutes() {
    const rows = JSON.parse((await runChecked('ip', ['-j', '-4', 'route', 'show', 'proto', ROUTE_PROTOCOL])).toString() || '[]');
    return new Map(rows.map((r) => [r.dst, r.gateway ?? '']));
}
export class HostGatewayRoutes {
    #nodeName;
    #informer;
    #log;
    #installed = new Map();
    /** One reconcile at a time; a change during one asks for another after it. */
    #running;
    #again = false;
    constructor(client, nodeName, log) {
        this.#nodeName = nodeName;
        this.#log = log;
        this.#informer = new Informer(client, nodes, { onError: (e) => log(`node watch: ${e.message}`) });
        const kick = () => this.#kick();
        this.#informer.addHandlers({ onAdd: kick, onUpdate: kick, onDelete: kick });
    }
    /** Routes the other nodes' Pods until signal aborts (the routes stay: running Pods keep talking). */
    async start(signal) {
        // A host forwards between its Pods' bridge and its uplink only with forwarding on.
        await writeFile('/proc/sys/net/ipv4/ip_forward', '1\n');
        this.#installed = await installedRoutes();
        const run = this.#informer.run(signal);
        await this.#informer.waitForSync();
        this.#kick();
        await run;
        await this.#running;
    }
    #kick() {
        if (!this.#informer.hasSynced())
            return;
        if (this.#running) {
            this.#again = true;
            return;
        }
        this.#running = this.#reconcile().catch((e) => {
            this.#log(`routes: ${e.message}; trying again in 2 s`);
            setTimeout(() => this.#kick(), 2_000).unref();
        }).finally(() => {
            this.#running = undefined;
            if (this.#again) {
                this.#again = false;
                this.#kick();
            }
        });
    }
    async #reconcile() {
        const want = desiredRoutes(this.#informer.list(), this.#nodeName);
        for (const [cidr, via] of want) {
            if (this.#installed.get(cidr) === via)
                continue;
            await runChecked('ip', ['route', 'replace', cidr, 'via', via, 'proto', ROUTE_PROTOCOL]);
            this.#installed.set(cidr, via);
        }
        for (const cidr of [...this.#installed.keys()]) {
            if (want.has(cidr))
                continue;
            await runChecked('ip', ['route', 'del', cidr, 'proto', ROUTE_PROTOCOL]);
            this.#installed.delete(cidr);
        }
    }
}
//# sourceMappingURL=host-gw.js.map