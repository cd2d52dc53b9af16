// Lease-based leader election against a real berth server: of two candidates exactly one leads, the
// Lease names it, and a leader that stops hands over (it releases the Lease) to the other, whose term
// then starts, counted in leaseTransitions. And the --leader-elect-* flags are checked as upstream's.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Lease } from '../src/api/types.js';
import { runLeaderElected } from '../src/client/leader-election.js';
import { leases } from '../src/client/resources.js';
import { RestClient } from '../src/client/rest.js';
import { leaderElectionFrom } from '../src/cli/leader-elect-flags.js';
import { startServer, type TestServer } from './support/server.js';
import { until } from './support/wait.js';

describe('leader election', () => {
  let server: TestServer;
  let client: RestClient;
  before(async () => {
    server = await startServer();
    client = await RestClient.fromKubeconfig(server.kubeconfig);
  });
  after(async () => {
    client?.transport.close();
    await server?.dispose();
  });

  it('lets one candidate lead at a time and hands over when the leader stops', async () => {
    // A stopping leader releases the Lease, so the hand-over does not wait out the duration: it can be
    // long enough that a leader starved of CPU for a few seconds (two test files at once, load 8) keeps it.
    const timings = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 200 };
    const leading = new Set<string>();
    let overlap = false;
    const candidate = (identity: string) => {
      const stop = new AbortController();
      const done = runLeaderElected({ ...timings, client, name: 'test-component', identity, log: () => {} }, (term) => {
        if (leading.size) overlap = true;
        leading.add(identity);
        term.addEventListener('abort', () => leading.delete(identity), { once: true });
      }, stop.signal);
      return { stop, done };
    };
    const a = candidate('a');
    await until('a to lead', () => leading.has('a'), 60_000);
    const b = candidate('b');
    // b keeps trying for a few of its retry periods and does not get in while a renews.
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual([...leading], ['a']);
    assert.equal((await client.get<Lease>(leases, 'kube-system', 'test-component')).spec?.holderIdentity, 'a');
    a.stop.abort();
    await a.done;
    await until('b to lead', () => leading.has('b'), 60_000);
    const lease = await client.get<Lease>(leases, 'kube-system', 'test-component');
    assert.equal(lease.spec?.holderIdentity, 'b');
    assert.equal(lease.spec?.leaseTransitions, 1);
    assert.equal(overlap, false, 'never two leaders at once');
    b.stop.abort();
    await b.done;
  });
});

describe('--leader-elect-* flags', () => {
  it('elect only on a shared datastore, with upstream defaults, and refuse timings that cannot work', () => {
    assert.equal(leaderElectionFrom({}), undefined);
    assert.deepEqual(leaderElectionFrom({ 'datastore-endpoint': 'http://127.0.0.1:2379' }), { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 });
    assert.throws(() => leaderElectionFrom({ 'leader-elect-lease-duration': '3s' }), /--leader-elect-\* apply with --datastore-endpoint/);
    assert.throws(() => leaderElectionFrom({ 'datastore-endpoint': 'http://127.0.0.1:2379', 'leader-elect-renew-deadline': '20s' }), /--leader-elect-lease-duration must be greater than --leader-elect-renew-deadline/);
    assert.throws(() => leaderElectionFrom({ 'datastore-endpoint': 'http://127.0.0.1:2379', 'leader-elect-retry-period': '9s' }), /renew-deadline must be greater than 1\.2 × --leader-elect-retry-period/);
  });
});
