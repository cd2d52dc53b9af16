// Raw API calls for tests: the real HTTPS transport of client/, with the test server's kubeconfig,
// returning status and parsed body so a test can assert exactly what a client would receive.
import { until } from './wait.js';
import { HttpsTransport } from '../../src/client/https-transport.js';
import { loadKubeconfig } from '../../src/client/kubeconfig.js';
export async function apiFor(kubeconfig) {
    const t = new HttpsTransport(await loadKubeconfig(kubeconfig));
    return {
        async call(method, path, body, headers = {}) {
            const r = await t.request({
                method,
                path,
                headers: { 'Content-Type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json', Accept: 'application/json', ...headers },
                body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
            });
            let parsed = r.body;
            try {
                parsed = JSON.parse(r.body);
            }
            catch {
                // not JSON: keep the text
            }
            return { status: r.status, body: parsed };
        },
        async watch(path, signal) {
            const s = await t.stream({ method: 'GET', path, signal, headers: { Accept: 'application/json' } });
            return (async function* () {
                for await (const line of s.lines)
                    if (line.trim())
                        yield JSON.parse(line);
            })();
        },
        close: () => t.close(),
    };
}
export function pod(name, extra = {}) {
    return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] }, ...extra };
}
/** A pod naming a scheduler nobody runs, so that nothing but the test writes it. */
export function unscheduledPod(name, extra = {}) {
    const p = pod(name, extra);
    p.spec = { schedulerName: 'test-unscheduled', ...p.spec };
    return p;
}
/** Waits for the scheduler's own write to a Pod no node can take (PodScheduled=False), so a test can
 * compare resourceVersions before and after its own request without that write in between. */
export async function untilUnschedulable(api, path) {
    await until('the scheduler to mark the Pod unschedulable', async () => (await api.call('GET', path)).body.status?.conditions?.length > 0);
}
//# sourceMappingURL=api.js.map