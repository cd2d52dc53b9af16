// Jobs on the real kubelet: `kubectl create job` runs its Pod under runc to Complete (`kubectl wait`
// sees it, `kubectl logs job/x` shows its output), an Indexed Job's containers read their
// JOB_COMPLETION_INDEX, and a Pod that exits non-zero is retried until backoffLimit fails the Job.
// (Uses runc, CNI and a server with its agent: run under the e2e lock.)
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { buildImage } from '../src/runtime/images/build/index.js';
import { ImageStore } from '../src/runtime/images/store.js';
import { kubectl } from './support/kubectl.js';
import { startServer } from './support/server.js';
let server;
const k = (args, input) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });
before(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'berth-batch-e2e-'));
    const store = new ImageStore({ root: join(dataDir, 'images') });
    for (const name of ['pause', 'busybox'])
        await buildImage(name, { store, log: (l) => process.stderr.write(`  [build ${name}] ${l}\n`) });
    server = await startServer({ dataDir, disableAgent: false, args: ['--kubelet-port', '0'] });
});
after(async () => {
    await server.dispose();
});
it('kubectl create job runs to Complete on the kubelet; kubectl wait and kubectl logs job/x see it', async () => {
    const r = await k(['create', 'job', 'hello', '--image=busybox', '--', 'sh', '-c', 'echo hello from the job']);
    assert.equal(r.code, 0, r.stderr);
    const wait = await k(['wait', '--for=condition=complete', 'job/hello', '--timeout=90s']);
    assert.equal(wait.code, 0, wait.stderr);
    const logs = await k(['logs', 'job/hello']);
    assert.equal(logs.stdout.trim(), 'hello from the job');
    const get = await k(['get', 'job', 'hello']);
    assert.match(get.stdout, /^hello\s+Complete\s+1\/1\s+\d+s\s/m);
    const pod = JSON.parse((await k(['get', 'pods', '-l', 'job-name=hello', '-o', 'json'])).stdout).items[0];
    assert.equal(pod.status.phase, 'Succeeded');
    assert.deepEqual(pod.metadata.finalizers ?? [], [], 'counted, so released');
});
it('an Indexed Job: each Pod reads its own JOB_COMPLETION_INDEX; a failing Pod is retried until backoffLimit', async () => {
    const indexed = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'idx' }, spec: { completions: 2, parallelism: 2, completionMode: 'Indexed', template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'echo "index $JOB_COMPLETION_INDEX on $(hostname)"'] }] } } } };
    const failing = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'fails' }, spec: { backoffLimit: 1, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'exit 3'] }] } } } };
    assert.equal((await k(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [indexed, failing] }))).code, 0);
    const wait = await k(['wait', '--for=condition=complete', 'job/idx', '--timeout=90s']);
    assert.equal(wait.code, 0, wait.stderr);
    const names = (await k(['get', 'pods', '-l', 'job-name=idx', '-o', 'name'])).stdout.trim().split('\n').sort();
    const out = await Promise.all(names.map(async (n) => (await k(['logs', n])).stdout.trim()));
    assert.deepEqual(out.sort(), ['index 0 on idx-0', 'index 1 on idx-1']);
    // One failure, a 10 s backoff, a second failure: past backoffLimit 1.
    const failed = await k(['wait', '--for=condition=failed', 'job/fails', '--timeout=90s']);
    assert.equal(failed.code, 0, failed.stderr);
    const j = JSON.parse((await k(['get', 'job', 'fails', '-o', 'json'])).stdout);
    assert.equal(j.status.failed, 2);
    assert.equal(j.status.conditions.find((c) => c.type === 'Failed').reason, 'BackoffLimitExceeded');
});
//# sourceMappingURL=batch-e2e.test.js.map