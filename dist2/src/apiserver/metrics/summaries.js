// Fetches every node's Summary from its kubelet (`GET /stats/summary`), all nodes at once over kept-alive
// connections, as metrics-server scrapes them. A node that does not answer in time is left out: its
// Pods simply have no metrics, as with metrics-server.
import { Agent, request } from 'node:https';
import { kubeletDialOptions } from '../proxy/kubelet.js';
/** A kubelet slower than this is left out of the answer rather than holding up `kubectl top`. */
const SCRAPE_TIMEOUT_MS = 3_000;
/** Bounds a reply so that a broken kubelet cannot make the API server hold gigabytes. */
const MAX_SUMMARY_BYTES = 64 << 20;
export class SummaryScraper {
    #client;
    #ca;
    #agent = new Agent({ keepAlive: true, maxSockets: 4 });
    constructor(client, ca) {
        this.#client = client;
        this.#ca = ca;
    }
    /** The summaries of the Ready nodes that answered (a node not Ready has no kubelet to ask). */
    async scrape(nodes) {
        const ready = nodes.filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
        const got = await Promise.all(ready.map((n) => this.#one(n).then((summary) => ({ node: n.metadata.name, summary }), () => null)));
        return got.filter((x) => x !== null);
    }
    close() {
        this.#agent.destroy();
    }
    #one(node) {
        return new Promise((resolve, reject) => {
            const req = request({ ...kubeletDialOptions(node, this.#client, this.#ca), agent: this.#agent, method: 'GET', path: '/stats/summary', timeout: SCRAPE_TIMEOUT_MS }, (res) => {
                const chunks = [];
                let size = 0;
                res.on('data', (c) => {
                    size += c.length;
                    if (size > MAX_SUMMARY_BYTES)
                        req.destroy(new Error('summary too large'));
                    else
                        chunks.push(c);
                });
                res.on('error', reject);
                res.on('end', () => {
                    if (res.statusCode !== 200)
                        return reject(new Error(`kubelet answered ${res.statusCode}`));
                    try {
                        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
                    }
                    catch (e) {
                        reject(e);
                    }
                });
            });
            req.on('timeout', () => req.destroy(new Error('kubelet did not answer in time')));
            req.on('error', reject);
            req.end();
        });
    }
}
//# sourceMappingURL=summaries.js.map