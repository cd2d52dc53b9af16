// The RuntimeService contract on the runc runtime: needs root and runs under the e2e lock.
import { readFile } from 'node:fs/promises';
import { makeTestRuntime } from './support/rootfs.js';
import { runtimeConformance } from './support/runtime-conformance.js';
runtimeConformance('RuncRuntime', async () => {
    const env = await makeTestRuntime();
    const loop = 'echo ready; while true; do sleep 0.05; done';
    return {
        runtime: env.runtime,
        exits: (code) => ['sh', '-c', `exit ${code}`],
        trapsStop: ['sh', '-c', `trap "exit 0" TERM; ${loop}`],
        ignoresStop: ['sh', '-c', `trap "" TERM; ${loop}`],
        prints: (out, code) => ['sh', '-c', `echo ${out}; exit ${code}`],
        async ready(id) {
            const { logPath } = (await env.runtime.containerStatus(id));
            while (!(await readFile(logPath, 'utf8').catch(() => '')).includes(' F ready'))
                await new Promise((r) => setTimeout(r, 10));
        },
        logPath: env.logPath,
        dispose: env.cleanup,
    };
});
//# sourceMappingURL=runtime-conformance-runc.test.js.map