// A transport over several API servers (`berth agent --server A --server B`): requests go to the one
// that answered last; when it cannot be reached (refused, reset, unreachable, timed out) the request is
// tried on the next, and that one becomes current. Answers of any status count as reached: a 403 from
// one server is the cluster's answer, not a reason to ask another.
import { HttpsTransport } from '../../client/https-transport.js';
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
export function unreachable(e) {
    return UNREACHABLE.has(e?.code ?? '');
}
export class FailoverTransport {
    #transports;
    #current = 0;
    constructor(servers, config) {
        if (servers.length === 0)
            throw new Error('no server to connect to');
        this.#transports = servers.map((server) => new HttpsTransport({ ...config, server }));
    }
    async #try(call) {
        let last;
        for (let i = 0; i < this.#transports.length; i++) {
            const at = (this.#current + i) % this.#transports.length;
            try {
                const out = await call(this.#transports[at]);
                this.#current = at;
                return out;
            }
            catch (e) {
                if (!unreachable(e))
                    throw e;
                last = e;
            }
        }
        throw last;
    }
    request(req) {
        return this.#try((t) => t.request(req));
    }
    stream(req) {
        return this.#try((t) => t.stream(req));
    }
    close() {
        for (const t of this.#transports)
            t.close();
    }
}
//# sourceMappingURL=failover.js.map