// The Job controller over the real API, driven by the real kubectl, without a kubelet. The server runs
// with its own Job controller off and this test runs the real one in-process with a short failure
// backoff (100 ms doubling instead of 10 s), so retries take moments. The test plays the node: it marks
// each Pod Running then Succeeded or Failed (with the exit code and conditions a kubelet would report)
// as each Job's script says, and removes Pods being deleted — which stay while they hold the
// job-tracking finalizer, as on a real cluster.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RestClient } from '../src/client/rest.js';
import { JobController } from '../src/controllers/job.js';
import { apiFor, type Api } from './support/api.js';
import { kubectl } from './support/kubectl.js';
import { startServer, type TestServer } from './support/server.js';
import { until } from './support/wait.js';

let server: TestServer;
let api: Api;
const stop = new AbortController();
let running: Promise<unknown>;
const k = (args: string[], input?: string) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });
const P = '/api/v1/namespaces/default/pods';
const J = '/apis/batch/v1/namespaces/default/jobs';
const BACKOFF_MS = 100;

/** What a Pod does once running: nothing (stay Running), succeed, or fail with an exit code and conditions. */
type Fate = { end: 'Succeeded' } | { end: 'Failed'; exitCode: number; conditions?: { type: string; status: string }[] } | { end: 'Running' };
/** Per Job: the fate of its n-th Pod (0-based, in the order the node first saw them). */
const scripts = new Map<string, (n: number, pod: any) => Fate>();
/** When the node first saw each Pod, per Job, in order. */
const seen = new Map<string, { name: string; at: number }[]>();

const iso = (ms: number) => new Date(ms).toISOString();

async function node(signal: AbortSignal): Promise<void> {
  const firstSeen = new Map<string, number>();
  const removing = new Set<string>();
  while (!signal.aborted) {
    const list = (await api.call('GET', P)).body.items ?? [];
    const now = Date.now();
    for (const p of list) {
      const name = p.metadata.name as string;
      const job = p.metadata.labels?.['batch.kubernetes.io/job-name'] as string | undefined;
      if (p.metadata.deletionTimestamp) {
        if (!removing.has(name)) await api.call('DELETE', `${P}/${name}`, { gracePeriodSeconds: 0 });
        removing.add(name);
        continue;
      }
      if (!job || ['Succeeded', 'Failed'].includes(p.status?.phase)) continue;
      if (!firstSeen.has(name)) {
        firstSeen.set(name, now);
        const list = seen.get(job) ?? [];
        list.push({ name, at: now });
        seen.set(job, list);
      }
      const age = now - firstSeen.get(name)!;
      const n = seen.get(job)!.findIndex((s) => s.name === name);
      const fate = scripts.get(job)?.(n, p) ?? { end: 'Running' };
      if (p.status?.phase !== 'Running' && age > 30) {
        await api.call('PATCH', `${P}/${name}/status`, { status: { phase: 'Running', startTime: iso(now), conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: iso(now).replace(/\.\d+Z$/, 'Z') }] } });
      } else if (p.status?.phase === 'Running' && fate.end !== 'Running' && age > 120) {
        const failed = fate.end === 'Failed';
        const exitCode = failed ? fate.exitCode : 0;
        const containerStatuses = [{ name: 'c', image: 'busybox', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode, reason: failed ? 'Error' : 'Completed', finishedAt: iso(now) } } }];
        const conditions = [{ type: 'Ready', status: 'False', lastTransitionTime: iso(now).replace(/\.\d+Z$/, 'Z') }, ...(failed ? fate.conditions ?? [] : [])];
        await api.call('PATCH', `${P}/${name}/status`, { status: { phase: fate.end, containerStatuses, conditions } });
      }
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

before(async () => {
  server = await startServer({ args: ['--disable-controllers', 'job,cronjob'] });
  api = await apiFor(server.kubeconfig);
  const client = await RestClient.fromKubeconfig(server.kubeconfig);
  const controller = new JobController(client, { backoffBaseMs: BACKOFF_MS, backoffMaxMs: 1_000, log: process.env.JOB_LOG ? (l) => console.error(l) : () => {} });
  running = Promise.all([controller.run(stop.signal), node(stop.signal)]).catch(() => {});
});
after(async () => {
  stop.abort();
  await running;
  api.close();
  await server.dispose();
});

function job(name: string, spec: Record<string, unknown>, podSpec: Record<string, unknown> = {}): string {
  return JSON.stringify({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }], ...podSpec } }, ...spec } });
}

const getJob = async (name: string) => (await api.call('GET', `${J}/${name}`)).body;
const podsOf = async (name: string) => (await api.call('GET', `${P}?labelSelector=batch.kubernetes.io%2Fjob-name%3D${name}`)).body.items as any[];
const conditions = (j: any) => (j.status?.conditions ?? []).filter((c: any) => c.status === 'True').map((c: any) => [c.type, c.reason]);
const finished = (name: string, type: 'Complete' | 'Failed') => until(`job ${name} ${type}`, async () => {
  const j = await getJob(name);
  return j.status?.conditions?.some((c: any) => c.type === type && c.status === 'True') ? j : undefined;
}, 90_000).catch(async (e) => {
  // What the Job and its Pods looked like, so a failure under load says where it stuck.
  throw new Error(`${(e as Error).message}\njob: ${JSON.stringify((await getJob(name)).status)}\npods: ${JSON.stringify((await podsOf(name)).map((p) => [p.metadata.name, p.status?.phase, p.metadata.finalizers, p.metadata.deletionTimestamp]))}`);
});

describe('Job controller', () => {
  it('runs 10 completions 3 at a time, retrying the Pods that fail, and counts each Pod once', async () => {
    scripts.set('work', (n) => (n === 1 || n === 4 ? { end: 'Failed', exitCode: 1 } : { end: 'Succeeded' }));
    let maxActive = 0;
    const ac = new AbortController();
    const events = await api.watch(`${P}?watch=true&labelSelector=batch.kubernetes.io%2Fjob-name%3Dwork`, ac.signal);
    const live = new Map<string, any>();
    const watching = (async () => {
      for await (const ev of events) {
        if (ev.type === 'DELETED') live.delete(ev.object.metadata.name);
        else live.set(ev.object.metadata.name, ev.object);
        const running = [...live.values()].filter((p) => !p.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(p.status?.phase));
        maxActive = Math.max(maxActive, running.length);
      }
    })().catch(() => {});
    const r = await k(['apply', '-f', '-'], job('work', { completions: 10, parallelism: 3 }));
    assert.equal(r.code, 0, r.stderr);
    const wait = await k(['wait', '--for=condition=complete', 'job/work', '--timeout=60s']);
    assert.equal(wait.code, 0, wait.stderr);
    assert.match(wait.stdout, /job\.batch\/work condition met/);
    ac.abort();
    await watching;
    const j = await getJob('work');
    assert.equal(j.status.succeeded, 10);
    assert.equal(j.status.failed, 2);
    assert.equal(j.status.active, undefined);
    assert.equal(j.status.ready, 0);
    assert.deepEqual(j.status.uncountedTerminatedPods, {});
    assert.ok(j.status.startTime && j.status.completionTime);
    assert.deepEqual(conditions(j), [['SuccessCriteriaMet', 'CompletionsReached'], ['Complete', 'CompletionsReached']]);
    assert.ok(maxActive <= 3, `never more than parallelism Pods running (saw ${maxActive})`);
    assert.equal(maxActive, 3, 'parallelism was used');
    const pods = await podsOf('work');
    assert.equal(pods.length, 12, 'ten successes and two failures, each its own Pod');
    assert.ok(pods.every((p) => !p.metadata.finalizers?.includes('batch.kubernetes.io/job-tracking')), 'every counted Pod is released');
    assert.ok(pods.every((p) => p.metadata.ownerReferences[0].kind === 'Job' && p.metadata.ownerReferences[0].uid === j.metadata.uid));
    const get = await k(['get', 'job', 'work']);
    assert.match(get.stdout, /^work\s+Complete\s+10\/10\s/m);
  });

  it('holds each replacement back by a doubling backoff and fails the Job past backoffLimit', async () => {
    scripts.set('flaky', () => ({ end: 'Failed', exitCode: 3 }));
    assert.equal((await k(['apply', '-f', '-'], job('flaky', { backoffLimit: 2 }))).code, 0);
    const j = await finished('flaky', 'Failed');
    assert.equal(j.status.failed, 3);
    assert.deepEqual(conditions(j), [['FailureTarget', 'BackoffLimitExceeded'], ['Failed', 'BackoffLimitExceeded']]);
    assert.equal(j.status.conditions.find((c: any) => c.type === 'Failed').message, 'Job has reached the specified backoff limit');
    assert.equal(j.status.completionTime, undefined);
    const starts = seen.get('flaky')!.map((s) => s.at);
    assert.equal(starts.length, 3);
    // Each replacement waits BACKOFF_MS × 2^(failures-1) after the last failure, on top of the Pod's own run.
    assert.ok(starts[2]! - starts[1]! >= 2 * BACKOFF_MS + 120, `second retry waited twice the backoff (${starts[2]! - starts[1]!} ms)`);
    const get = await k(['get', 'job', 'flaky']);
    assert.match(get.stdout, /^flaky\s+Failed\s+0\/1\s/m);
  });

  it('gives each Indexed Pod its index (annotation, label, env, hostname) and retries a failed index', async () => {
    scripts.set('idx', (n, p) => (p.metadata.annotations['batch.kubernetes.io/job-completion-index'] === '1' && n < 3 ? { end: 'Failed', exitCode: 1 } : { end: 'Succeeded' }));
    assert.equal((await k(['apply', '-f', '-'], job('idx', { completions: 3, parallelism: 3, completionMode: 'Indexed' }))).code, 0);
    const j = await finished('idx', 'Complete');
    assert.equal(j.status.completedIndexes, '0-2');
    assert.equal(j.status.succeeded, 3);
    assert.equal(j.status.failed, 1);
    const pods = await podsOf('idx');
    assert.equal(pods.length, 4);
    for (const p of pods) {
      const ix = p.metadata.annotations['batch.kubernetes.io/job-completion-index'];
      assert.match(ix, /^[0-2]$/);
      assert.equal(p.metadata.labels['batch.kubernetes.io/job-completion-index'], ix);
      assert.match(p.metadata.name, new RegExp(`^idx-${ix}-[a-z0-9]{5}$`));
      assert.equal(p.spec.hostname, `idx-${ix}`);
      assert.deepEqual(p.spec.containers[0].env, [{ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } }]);
    }
    assert.equal(pods.filter((p) => p.metadata.annotations['batch.kubernetes.io/job-completion-index'] === '1').length, 2);
  });

  it('applies podFailurePolicy: Ignore a disruption without counting it, FailJob on a matching exit code', async () => {
    scripts.set('policy', (n) => (n === 0 ? { end: 'Failed', exitCode: 137, conditions: [{ type: 'DisruptionTarget', status: 'True' }] } : { end: 'Failed', exitCode: 42 }));
    const policy = { rules: [{ action: 'FailJob', onExitCodes: { containerName: 'c', operator: 'In', values: [42] } }, { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] };
    assert.equal((await k(['apply', '-f', '-'], job('policy', { podFailurePolicy: policy, backoffLimit: 6 }))).code, 0);
    const j = await finished('policy', 'Failed');
    assert.equal(j.spec.podReplacementPolicy, 'Failed');
    assert.equal(j.status.failed, 1, 'the disrupted Pod is not counted');
    const failedCond = j.status.conditions.find((c: any) => c.type === 'Failed');
    assert.equal(failedCond.reason, 'PodFailurePolicy');
    const second = seen.get('policy')![1]!.name;
    assert.equal(failedCond.message, `Container c for pod default/${second} failed with exit code 42 matching FailJob rule at index 0`);
    assert.equal(seen.get('policy')!.length, 2);
  });

  it('suspends (no Pods, Suspended) and resumes (Pods, startTime anew); suspending again deletes the running Pods', async () => {
    scripts.set('nap', () => ({ end: 'Running' }));
    assert.equal((await k(['apply', '-f', '-'], job('nap', { suspend: true, parallelism: 2, completions: 2 }))).code, 0);
    const s = await until('Suspended', async () => {
      const j = await getJob('nap');
      return j.status?.conditions?.some((c: any) => c.type === 'Suspended' && c.status === 'True') ? j : undefined;
    });
    assert.equal(s.status.conditions[0].reason, 'JobSuspended');
    assert.equal(s.status.startTime, undefined);
    assert.equal((await podsOf('nap')).length, 0);
    assert.match((await k(['get', 'job', 'nap'])).stdout, /^nap\s+Suspended\s/m);

    assert.equal((await k(['patch', 'job', 'nap', '--type=merge', '-p', '{"spec":{"suspend":false}}'])).code, 0);
    const resumed = await until('2 ready', async () => {
      const j = await getJob('nap');
      return j.status?.ready === 2 ? j : undefined;
    });
    const cond = resumed.status.conditions.find((c: any) => c.type === 'Suspended');
    assert.deepEqual([cond.status, cond.reason, cond.message], ['False', 'JobResumed', 'Job resumed']);
    assert.ok(resumed.status.startTime);

    assert.equal((await k(['patch', 'job', 'nap', '--type=merge', '-p', '{"spec":{"suspend":true}}'])).code, 0);
    await until('pods gone', async () => (await podsOf('nap')).length === 0);
    const again = await until('suspended again', async () => {
      const j = await getJob('nap');
      return j.status?.conditions?.some((c: any) => c.type === 'Suspended' && c.status === 'True') && j.status.active === undefined ? j : undefined;
    });
    assert.equal(again.status.startTime, undefined);
  });

  it('fails a Job past activeDeadlineSeconds and deletes its Pods', async () => {
    scripts.set('slow', () => ({ end: 'Running' }));
    assert.equal((await k(['apply', '-f', '-'], job('slow', { activeDeadlineSeconds: 1 }))).code, 0);
    const j = await finished('slow', 'Failed');
    assert.deepEqual(conditions(j), [['FailureTarget', 'DeadlineExceeded'], ['Failed', 'DeadlineExceeded']]);
    assert.equal(j.status.conditions.find((c: any) => c.type === 'Failed').message, 'Job was active longer than specified deadline');
    await until('pods gone', async () => (await podsOf('slow')).length === 0);
  });

  it('deletes a finished Job ttlSecondsAfterFinished later, and its Pods with it', async () => {
    scripts.set('brief', () => ({ end: 'Succeeded' }));
    assert.equal((await k(['apply', '-f', '-'], job('brief', { ttlSecondsAfterFinished: 1 }))).code, 0);
    const done = await finished('brief', 'Complete');
    await until('job deleted', async () => (await api.call('GET', `${J}/brief`)).status === 404, 60_000);
    assert.ok(Date.now() >= Date.parse(done.status.completionTime) + 1000, 'not before its TTL');
    await until('pods deleted', async () => (await podsOf('brief')).length === 0, 60_000);
  });

  it('lets go of the Pods of a deleted Job, so they do not linger on its finalizer', async () => {
    scripts.set('gone', () => ({ end: 'Running' }));
    assert.equal((await k(['apply', '-f', '-'], job('gone', { parallelism: 2, completions: 4 }))).code, 0);
    await until('2 pods', async () => (await podsOf('gone')).length === 2);
    const d = await k(['delete', 'job', 'gone']);
    assert.equal(d.code, 0, d.stderr);
    await until('pods gone', async () => (await podsOf('gone')).length === 0, 60_000);
  });
});
