import wt from 'node:worker_threads';
import zlib from 'node:zlib';
// Loading @kubernetes/client-node on Node 20. Its 2.x releases depend on undici 8, which wants Node
// >= 22.19: when undici's index is evaluated it calls zlib.createZstdDecompress.bind(...) and
// worker_threads.markAsUncloneable(...), and its fetch() calls Promise.withResolvers() — none exist on
// Node 20, so `import '@kubernetes/client-node'` throws before any test runs. A deep import of the
// package's dist files does not help: config.js, watch.js and the generated HTTP library all import
// undici themselves. So the three missing pieces are filled in first (a zstd decoder that refuses —
// berth never compresses, so it is never asked for; a no-op markAsUncloneable, which only guards
// structuredClone; Promise.withResolvers as specified) and the package is loaded by a dynamic import,
// which, unlike a static one, runs after these lines. The `import type` above is erased at compile time.
export async function loadClientNode() {
    const z = zlib;
    if (typeof z.createZstdDecompress !== 'function')
        z.createZstdDecompress = () => { throw new Error('zstd is not available on this Node.js'); };
    const w = wt;
    if (typeof w.markAsUncloneable !== 'function')
        w.markAsUncloneable = () => { };
    const P = Promise;
    if (typeof P.withResolvers !== 'function') {
        P.withResolvers = function withResolvers() {
            let resolve;
            let reject;
            const promise = new this((a, b) => { resolve = a; reject = b; });
            return { promise, resolve, reject };
        };
    }
    return import('@kubernetes/client-node');
}
//# sourceMappingURL=clientnode.js.map