// Debian's python3-kubernetes (run by Debian's /usr/bin/python3, not whatever python3 is first on PATH)
// as a second client beside kubectl, against `berth server` with its kubelet (real runc): the
// watch=True, follow=True and stdout=True it sends are honoured (they were once read as false, so its
// watches, log follows and execs ended at once with no error).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { disposeNodeServer, startNodeServer, untilNodeReady } from './support/node-server.js';
const PYTHON = '/usr/bin/python3';
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'fixtures', 'python-client.py');
let server;
before(async () => {
    server = await startNodeServer(await mkdtemp(join(tmpdir(), 'berth-python-')));
    await untilNodeReady(server);
});
after(() => disposeNodeServer(server));
test('python3-kubernetes: create, watch until Running, follow logs, exec, delete', { skip: !existsSync(PYTHON) && 'no /usr/bin/python3' }, async () => {
    const out = await new Promise((resolve, reject) => {
        execFile(PYTHON, [SCRIPT, server.kubeconfig, 'py-client'], { timeout: 120_000 }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)));
    });
    const seen = JSON.parse(out);
    assert.equal(seen.phases.at(-1), 'Running', `the watch saw ${seen.phases.join(' → ')}`);
    assert.deepEqual(seen.logs, Array.from({ length: 10 }, (_, i) => `line${i + 1}`), 'followed until line10, printed 3 s in');
    // stdout and stderr are separate channels: their order in the joined output is not fixed.
    assert.deepEqual(seen.exec.split('\n').sort(), ['', 'exec-ok', 'to-stderr']);
    assert.equal(seen.deleteEvents.at(-1), 'DELETED', `the watch saw ${seen.deleteEvents.join(', ')}`);
});
//# sourceMappingURL=python-client-e2e.test.js.map