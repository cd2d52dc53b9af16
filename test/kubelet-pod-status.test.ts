import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computePodStatus, type WaitingNote } from '../src/kubelet/podStatus.js';
import type { ObservedPod } from '../src/kubelet/observed.js';
import type { Pod, PodPhase } from '../src/api/types.js';
import { rfc3339 } from '../src/api/time.js';
import { T0, ctr, iso, observed, pod, sandbox } from './kubelet-fixtures.js';

const now = new Date(T0 + 60_000);
const status = (p: Pod, obs: ObservedPod, waiting: Record<string, WaitingNote> = {}, podIsTerminal = false) =>
  computePodStatus(p, { observed: obs, waiting: new Map(Object.entries(waiting)), hostIP: '192.168.1.10', now, podIsTerminal });

const withInit = { initContainers: [{ name: 'init', image: 'busybox' }] };
const two = { containers: [{ name: 'a', image: 'busybox' }, { name: 'b', image: 'busybox' }] };
const crash = { reason: 'CrashLoopBackOff', message: 'back-off 10s restarting failed container=app pod=web_default(uid-1)' };

const phases: { name: string; pod: Pod; obs: ObservedPod; waiting?: Record<string, WaitingNote>; terminal?: boolean; phase: PodPhase }[] = [
  { name: 'nothing yet', pod: pod(), obs: observed([], []), phase: 'Pending' },
  { name: 'running', pod: pod(), obs: observed([ctr('app', 'running')]), phase: 'Running' },
  { name: 'one of two waiting', pod: pod(two), obs: observed([ctr('a', 'running')]), phase: 'Pending' },
  { name: 'init running', pod: pod(withInit), obs: observed([ctr('init', 'running')]), phase: 'Pending' },
  { name: 'init failed, Never', pod: pod({ ...withInit, restartPolicy: 'Never' }), obs: observed([ctr('init', 'exited', { exit: 1 })]), phase: 'Failed' },
  { name: 'init failed, backing off, Always', pod: pod(withInit), obs: observed([ctr('init', 'exited', { exit: 1 })]), waiting: { init: crash }, phase: 'Pending' },
  { name: 'Always, exited 0 awaiting restart', pod: pod(), obs: observed([ctr('app', 'exited', { exit: 0 })]), phase: 'Running' },
  { name: 'Always, crash looping', pod: pod(), obs: observed([ctr('app', 'exited', { exit: 1 })]), waiting: { app: crash }, phase: 'Running' },
  { name: 'OnFailure, all 0', pod: pod({ restartPolicy: 'OnFailure' }), obs: observed([ctr('app', 'exited', { exit: 0 })]), phase: 'Succeeded' },
  { name: 'OnFailure, one failed', pod: pod({ restartPolicy: 'OnFailure' }), obs: observed([ctr('app', 'exited', { exit: 3 })]), phase: 'Running' },
  { name: 'Never, failed', pod: pod({ restartPolicy: 'Never' }), obs: observed([ctr('app', 'exited', { exit: 3 })]), phase: 'Failed' },
  { name: 'Never, one done one running', pod: pod({ ...two, restartPolicy: 'Never' }), obs: observed([ctr('a', 'exited', { exit: 0 }), ctr('b', 'running')]), phase: 'Running' },
  { name: 'deleted Always pod, all 0', pod: pod(), obs: observed([ctr('app', 'exited', { exit: 0 })]), terminal: true, phase: 'Succeeded' },
  { name: 'deleted Always pod, killed', pod: pod(), obs: observed([ctr('app', 'exited', { exit: 137 })]), terminal: true, phase: 'Failed' },
  { name: 'terminal phase never reverts', pod: pod({}, { status: { phase: 'Succeeded' } }), obs: observed([ctr('app', 'running')]), phase: 'Succeeded' },
];

for (const r of phases) {
  test(`phase: ${r.name} → ${r.phase}`, () => {
    assert.equal(status(r.pod, r.obs, r.waiting, r.terminal).phase, r.phase);
  });
}

test('running container: ids, image, conditions, IPs', () => {
  const c = ctr('app', 'running', { restart: 2 });
  c.labels['io.berth.image.name'] = 'docker.io/library/busybox:latest';
  c.labels['io.berth.image.id'] = 'docker.io/library/busybox@sha256:1';
  const s = status(pod(), observed([c, ctr('app', 'exited', { restart: 1, exit: 1, id: 'prev' })]));
  assert.deepEqual(s.containerStatuses, [{
    name: 'app',
    state: { running: { startedAt: rfc3339(T0) } },
    lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: rfc3339(T0), finishedAt: rfc3339(T0 + 1000), containerID: 'runc://prev' } },
    ready: true,
    restartCount: 2,
    image: 'docker.io/library/busybox:latest',
    imageID: 'docker.io/library/busybox@sha256:1',
    containerID: 'runc://app-2',
    started: true,
  }]);
  assert.equal(s.podIP, '10.244.0.5');
  assert.deepEqual(s.podIPs, [{ ip: '10.244.0.5' }]);
  assert.equal(s.hostIP, '192.168.1.10');
  assert.equal(s.startTime, rfc3339(now));
  assert.deepEqual(s.conditions?.map((c) => `${c.type}=${c.status}`), ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True']);
});

test('waiting reasons: ContainerCreating, PodInitializing, notes with lastState', () => {
  assert.deepEqual(status(pod(), observed([], []))?.containerStatuses?.[0]?.state, { waiting: { reason: 'ContainerCreating' } });
  const init = status(pod(withInit), observed([]));
  assert.deepEqual(init.initContainerStatuses?.[0]?.state, { waiting: { reason: 'PodInitializing' } });
  assert.deepEqual(init.containerStatuses?.[0]?.state, { waiting: { reason: 'PodInitializing' } });
  const pull = status(pod(), observed([]), { app: { reason: 'ErrImagePull', message: 'not found' } });
  assert.deepEqual(pull.containerStatuses?.[0]?.state, { waiting: { reason: 'ErrImagePull', message: 'not found' } });
  const loop = status(pod(), observed([ctr('app', 'exited', { exit: 2, restart: 3 })]), { app: crash });
  assert.deepEqual(loop.containerStatuses?.[0]?.state, { waiting: crash });
  assert.equal(loop.containerStatuses?.[0]?.lastState?.terminated?.exitCode, 2);
  assert.equal(loop.containerStatuses?.[0]?.restartCount, 3);
  assert.equal(loop.containerStatuses?.[0]?.ready, false);
});

test('terminated reasons: Completed, Error, OOMKilled', () => {
  const s = status(pod({ ...two, containers: [...two.containers, { name: 'c', image: 'x' }], restartPolicy: 'Never' }),
    observed([ctr('a', 'exited', { exit: 0 }), ctr('b', 'exited', { exit: 1 }), ctr('c', 'exited', { exit: 137, reason: 'OOMKilled' })]));
  assert.deepEqual(s.containerStatuses?.map((c) => c.state?.terminated?.reason), ['Completed', 'Error', 'OOMKilled']);
});

test('a container whose exit was lost: terminated ContainerStatusUnknown/137 with the runtime\'s message', () => {
  const message = 'The container could not be located when the pod was terminated';
  const s = status(pod({ restartPolicy: 'Never' }), observed([{ ...ctr('app', 'exited', { exit: 137, reason: 'ContainerStatusUnknown' }), message }]));
  assert.deepEqual(s.containerStatuses?.[0]?.state?.terminated, {
    exitCode: 137, reason: 'ContainerStatusUnknown', message, startedAt: rfc3339(T0), finishedAt: rfc3339(T0 + 1000), containerID: 'runc://app-0',
  });
  assert.equal(s.phase, 'Failed');
});

test('not-ready conditions name the containers; Succeeded says PodCompleted', () => {
  const s = status(pod(two), observed([ctr('a', 'running')]));
  const ready = s.conditions?.find((c) => c.type === 'Ready');
  assert.equal(ready?.reason, 'ContainersNotReady');
  assert.equal(ready?.message, 'containers with unready status: [b]');
  const init = status(pod(withInit), observed([ctr('init', 'running')]));
  assert.deepEqual(init.conditions?.find((c) => c.type === 'Initialized'), {
    type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [init]', lastProbeTime: null, lastTransitionTime: rfc3339(now),
  });
  const done = status(pod({ restartPolicy: 'Never' }), observed([ctr('app', 'exited')]));
  assert.equal(done.conditions?.find((c) => c.type === 'ContainersReady')?.reason, 'PodCompleted');
  assert.equal(status(pod(), observed([ctr('app', 'running')], [sandbox('notready')])).conditions?.[0]?.status, 'False');
});

test('PodReadyToStartContainers turns True when the sandbox came up, not when the status is computed', () => {
  const up = new Date(T0 + 1234);
  const at = (s: ReturnType<typeof status>) => s.conditions?.find((c) => c.type === 'PodReadyToStartContainers')?.lastTransitionTime;
  const first = computePodStatus(pod(), { observed: observed([ctr('app', 'running')]), waiting: new Map(), hostIP: '192.168.1.10', now, sandboxReadyAt: up });
  assert.equal(at(first), rfc3339(up));
  // Without the kubelet's own sighting (a restart found the sandbox running), the computation's time.
  assert.equal(at(status(pod(), observed([ctr('app', 'running')]))), rfc3339(now));
});

test('conditions keep lastTransitionTime while unchanged; PodScheduled kept', () => {
  const old = iso(T0);
  const p = pod({}, { status: { startTime: old, conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: old }, { type: 'Ready', status: 'True', lastTransitionTime: old }] } });
  const s = status(p, observed([ctr('app', 'running')]));
  assert.equal(s.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime, old);
  assert.equal(s.conditions?.find((c) => c.type === 'Initialized')?.lastTransitionTime, rfc3339(now));
  assert.equal(s.conditions?.at(-1)?.type, 'PodScheduled');
  assert.equal(s.startTime, old);
});

test('readiness gate holds Ready until its condition is True', () => {
  const p = pod({ readinessGates: [{ conditionType: 'example.com/lb' }] });
  assert.equal(status(p, observed([ctr('app', 'running')])).conditions?.find((c) => c.type === 'Ready')?.status, 'False');
  p.status = { conditions: [{ type: 'example.com/lb', status: 'True' }] };
  assert.equal(status(p, observed([ctr('app', 'running')])).conditions?.find((c) => c.type === 'Ready')?.status, 'True');
});

test('hostNetwork pod takes the host IP', () => {
  const s = status(pod({ hostNetwork: true }), observed([ctr('app', 'running')]));
  assert.equal(s.podIP, '192.168.1.10');
});

test('a container whose exit is not yet recorded keeps its last known state', () => {
  const p = pod({}, { status: { containerStatuses: [{ name: 'app', state: { running: { startedAt: iso(T0) } }, ready: true, restartCount: 0, image: 'busybox', imageID: '' }] } });
  const s = status(p, observed([ctr('app', 'unknown')]));
  assert.deepEqual(s.containerStatuses?.[0]?.state, { running: { startedAt: iso(T0) } });
  assert.equal(s.phase, 'Running');
  assert.deepEqual(status(pod(), observed([ctr('app', 'unknown')])).containerStatuses?.[0]?.state, { waiting: { reason: 'ContainerCreating' } });
});
