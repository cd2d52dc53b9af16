// `berth sim` as a user runs it beside a server: N real kubelets over the fake runtime, each its own
// node with its own identity, running the Pods the server's scheduler binds to it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { isApiError } from '../src/api/errors.js';
import { HttpsTransport } from '../src/client/https-transport.js';
import { loadKubeconfig } from '../src/client/kubeconfig.js';
import { nodes, pods } from '../src/client/resources.js';
import { RestClient } from '../src/client/rest.js';
import { kubectl } from './support/kubectl.js';
import { BERTH_BIN, startServer } from './support/server.js';
import { until } from './support/wait.js';
let server;
let sim;
let client;
const k = (args) => kubectl(server.kubeconfig, args);
before(async () => {
    server = await startServer();
    client = await RestClient.fromKubeconfig(server.kubeconfig);
    sim = spawn(process.execPath, [BERTH_BIN, 'sim', '--data-dir', server.dataDir, '--nodes', '3', '--prefix', 'hn-'], { stdio: ['ignore', 'ignore', 'pipe'] });
    await until('three Ready nodes', async () => (await k(['get', 'nodes', '--no-headers'])).stdout.match(/^hn-\d\s+Ready\s/gm)?.length === 3);
});
after(async () => {
    sim?.kill('SIGTERM');
    client?.transport.close();
    await server?.dispose();
});
test('Pods the scheduler binds run on their node, with an IP from that node\'s Pod CIDR, and are deleted by it', async () => {
    for (let i = 0; i < 6; i++)
        assert.equal((await k(['run', `w${i}`, '--image=busybox', '--', 'sleep', '3600'])).code, 0);
    const running = await until('six Pods Running', async () => {
        const list = (await client.list(pods, 'default')).items.filter((p) => p.metadata.name?.startsWith('w'));
        return list.length === 6 && list.every((p) => p.status?.phase === 'Running') ? list : null;
    }, 30_000);
    for (const p of running) {
        const i = Number(p.spec.nodeName.slice('hn-'.length));
        assert.match(p.status.podIP, new RegExp(`^10\\.128\\.${i}\\.\\d+$`), `${p.metadata.name} on ${p.spec.nodeName}`);
        assert.equal(p.status?.containerStatuses?.[0]?.ready, true);
    }
    const d = await k(['delete', 'pod', 'w0', '--wait=true', '--timeout=30s']);
    assert.equal(d.code, 0, d.stderr);
    assert.match((await k(['get', 'pod', 'w0'])).stderr, /NotFound/);
});
test('each hollow node writes as system:node:<name>, and the node authorizer keeps it to its own Node', async () => {
    const pki = join(server.dataDir, 'pki');
    const [cert, key] = await Promise.all([readFile(join(pki, 'node-hn-0.crt')), readFile(join(pki, 'node-hn-0.key'))]);
    const asNode = new RestClient(new HttpsTransport({ ...(await loadKubeconfig(server.kubeconfig)), cert, key }));
    try {
        const patch = { metadata: { labels: { touched: 'yes' } } };
        await assert.rejects(asNode.patch(nodes, undefined, 'hn-1', 'merge', patch), (e) => isApiError(e, 'Forbidden'));
        await assert.rejects(asNode.list(pods, undefined, { fieldSelector: 'spec.nodeName=hn-1' }), (e) => isApiError(e, 'Forbidden'));
        assert.ok((await asNode.list(pods, undefined, { fieldSelector: 'spec.nodeName=hn-0' })).items);
    }
    finally {
        asNode.transport.close();
    }
});
test('berth sim without a data dir explains itself', async () => {
    const child = spawn(process.execPath, [BERTH_BIN, 'sim', '--nodes', '2'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c) => (err += c.toString()));
    const code = await new Promise((r) => child.on('exit', r));
    assert.equal(code, 1);
    assert.match(err, /Usage: berth sim --data-dir DIR --nodes N/);
});
//# sourceMappingURL=sim-hollow-nodes.test.js.map