// The kubelet's part, played through the API for tests of a server without one: Pods bound to a node
// become Running and Ready, and Pods being deleted are removed, every 100 ms until the signal aborts.
export async function playKubelet(api, podsPath, signal) {
    while (!signal.aborted) {
        for (const p of (await api.call('GET', podsPath)).body.items ?? []) {
            const at = `/api/v1/namespaces/${p.metadata.namespace}/pods/${p.metadata.name}`;
            if (p.metadata.deletionTimestamp)
                await api.call('DELETE', at, { gracePeriodSeconds: 0 });
            else if (p.spec.nodeName && p.status?.phase !== 'Running') {
                const t = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
                await api.call('PATCH', `${at}/status`, { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: t }] } });
            }
        }
        await new Promise((r) => setTimeout(r, 100));
    }
}
//# sourceMappingURL=play-kubelet.js.map