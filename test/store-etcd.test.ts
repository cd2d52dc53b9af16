// The Backend conformance and property suites (test/support/store-conformance.ts) on a real etcd,
// started once for this file; each harness is its own key prefix in it.

import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { connectEtcd } from '../src/store/etcd-connect.js';
import { EtcdBackend } from '../src/store/etcd.js';
import { startEtcd, type TestEtcd } from './support/etcd.js';
import { backendConformance } from './support/store-conformance.js';

let etcd: TestEtcd;
before(async () => {
  etcd = await startEtcd({ clientPort: 23790, peerPort: 23791 });
});
after(async () => {
  await etcd?.stop();
});

let harnesses = 0;
backendConformance('EtcdBackend', async () => {
  const keyPrefix = `/h${++harnesses}`;
  return {
    open: async (opts) => new EtcdBackend(await connectEtcd({ endpoints: [etcd.endpoint] }), { ...opts, keyPrefix }),
    issueOrder: false,
    // etcd's database file; its write-ahead log comes in preallocated 64 MB segments it purges itself.
    sizeBytes: async () => (await stat(join(etcd.dataDir, 'member', 'snap', 'db'))).size,
    dispose: async () => undefined,
  };
});
