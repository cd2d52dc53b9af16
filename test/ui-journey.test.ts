// A Pod's journey from Event streams recorded on a real berth (kubectl run or apply, then the Pod and
// its Events as the API gives them; a deleted Pod as its watch's DELETED event carried it):
// the steps, their order and timing, and why a Pod waits, in a learner's words.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { microTime } from '../src/api/time.js';
import type { CoreEvent, Pod } from '../src/api/types.js';
import { journeyOrigin, journeySteps, slowestStep } from '../src/ui/journeySteps.js';
import { journeyText } from '../src/ui/journeyText.js';
import { explainWait } from '../src/ui/journeyWait.js';

const recorded = (name: string): { pod: Pod; events: CoreEvent[] } => JSON.parse(readFileSync(new URL(`../../test/fixtures/journey/${name}.json`, import.meta.url), 'utf8'));

/** The recorded web Pod's steps, whichever precision its Time fields have. */
const WEB_STEPS = [
  'api server: stored (creationTimestamp: to the second)',
  'scheduler: bound to vm',
  'kubelet: seen by the kubelet on vm (startTime)',
  'runtime: sandbox ready, network attached (10.88.0.2)',
  'kubelet: pulling image busybox',
  'kubelet: image busybox present',
  'runtime: container web created',
  'runtime: container web running',
  'kubelet: all containers ready (probes passing)',
  'kubelet: Ready',
];

test('a running Pod: stored, bound, seen by the kubelet, sandbox, image, container, Ready, in the order they happened', () => {
  const { pod, events } = recorded('web');
  const steps = journeySteps(pod, events);
  assert.deepEqual(steps.map((s) => `${s.actor}: ${s.label}`), WEB_STEPS);
  // Only creationTimestamp is to the second; the origin is the first exact step, so no invented fractions.
  assert.deepEqual(steps.map((s) => s.precise), [false, true, true, true, true, true, true, true, true, true]);
  assert.equal(journeyOrigin(steps), steps[1].at);
  for (let i = 2; i < steps.length; i++) assert.ok(steps[i].at >= steps[i - 1].at, `${steps[i].label} after ${steps[i - 1].label}`);
  // "stored" lies in its second, and before the scheduler bound the Pod.
  assert.equal(steps[0].until, Math.min(steps[0].at + 1000, steps[1].at));
  // The Event times keep their microseconds.
  assert.notEqual(steps[1].at % 1, 0);
  assert.equal(steps[slowestStep(steps)].label, 'sandbox ready, network attached (10.88.0.2)');
  assert.equal(explainWait(pod, events, { now: Date.parse(pod.metadata.creationTimestamp!) + 60_000 }), undefined);
  const text = journeyText(pod, steps);
  assert.match(text, /^Pod default\/web — Running, Ready on vm\n/);
  assert.match(text, /\+23\.8 ms\s+kubelet\s+seen by the kubelet on vm \(startTime\)\s+23\.8 ms\n/);
  assert.match(text, /\+1\.47 s\s+runtime\s+sandbox ready, network attached \(10\.88\.0\.2\)\s+1\.44 s ◀ slowest/);
  assert.match(text, /\n\s+−1\.5…−0\.5 s\s+api server\s+stored/);
});

test('the moment the scheduler first saw the Pod, from the annotation its Binding carried', () => {
  const { pod, events } = recorded('web');
  const bound = journeySteps(pod, events)[1];
  const annotated = { ...pod, metadata: { ...pod.metadata, annotations: { 'scheduling.berth/seen-at': microTime(bound.at - 2.25) } } };
  const steps = journeySteps(annotated, events);
  assert.deepEqual(steps.slice(0, 3).map((s) => `${s.actor}: ${s.label}`), ['api server: stored (creationTimestamp: to the second)', 'scheduler: seen by the scheduler', 'scheduler: bound to vm']);
  assert.equal(steps[1].precise, true);
  assert.ok(Math.abs(steps[2].at - steps[1].at - 2.25) < 0.01, 'microseconds kept');
});

test('a container that exits is never drawn exiting before it started', () => {
  const { pod, events } = recorded('crash');
  // The runtime's startedAt, not the kubelet's later "Started" Event, dates the start.
  const exited = Date.parse(pod.status!.containerStatuses![0].lastState!.terminated!.finishedAt!);
  const late = events.map((e) => (e.reason === 'Started' ? { ...e, eventTime: new Date(exited + 1000).toISOString().replace('Z', '000Z') } : e));
  const labels = journeySteps(pod, late).map((s) => s.label);
  assert.ok(labels.indexOf('container crash running') < labels.indexOf('container crash exited 1 (Error)'), labels.join(', '));
  assert.ok(!labels.includes('container crash started'));
});

test('a container is created before it runs, though its start is stamped a fraction of a millisecond earlier', () => {
  const { pod, events } = recorded('web');
  const running = Date.parse(pod.status!.containerStatuses![0].state!.running!.startedAt!);
  // As recorded live: the Created Event (µs) 0.09 ms after the runtime's startedAt (ms).
  const created = events.map((e) => (e.reason === 'Created' ? { ...e, eventTime: new Date(running).toISOString().replace('Z', '090Z') } : e));
  const labels = journeySteps(pod, created).map((s) => s.label);
  assert.ok(labels.indexOf('container web created') < labels.indexOf('container web running'), labels.join(', '));
});

test('a crash-looping container is explained: how many exits, the last exit code, the next try', () => {
  const { pod, events } = recorded('crash');
  const finished = Date.parse(pod.status!.containerStatuses![0].lastState!.terminated!.finishedAt!);
  assert.equal(explainWait(pod, events, { now: finished + 5_000 }), 'container crash is in CrashLoopBackOff: it has exited three times (last exit code 1), next try in 15 s');
  assert.ok(journeySteps(pod, events).some((s) => s.warning && s.label === 'container crash crash-looping, backing off'));
});

test('an unschedulable Pod waits for a node, and says why', () => {
  const { pod, events } = recorded('huge');
  assert.equal(explainWait(pod, events, { now: Date.now() }), 'waiting for a node: 0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
  const steps = journeySteps(pod, events);
  assert.deepEqual(steps.map((s) => s.actor), ['api server', 'scheduler']);
  assert.match(steps[1].label, /^no node fits: 0\/1 nodes are available/);
});

test('a Pod on a silent node: how long ago the node last reported', () => {
  const { pod, events } = recorded('web');
  const now = Date.parse('2026-12-06T03:00:00Z');
  const silent: Pod = { ...pod, status: { ...pod.status, phase: 'Unknown' } };
  const lease = { metadata: { name: 'vm' }, spec: { renewTime: '2026-12-06T02:59:08.000000Z' } };
  assert.equal(explainWait(silent, events, { now, lease }), 'node vm stopped reporting 52 s ago: phase Unknown');
});

test('a Pod pulling its image says which image, how far it has come, or for how long', () => {
  const { pod, events } = recorded('web');
  const pulling = events.filter((e) => e.reason !== 'Pulled' && e.reason !== 'Created' && e.reason !== 'Started');
  const waiting: Pod = { ...pod, status: { phase: 'Pending', containerStatuses: [{ name: 'web', ready: false, restartCount: 0, image: 'busybox', imageID: '', state: { waiting: { reason: 'ContainerCreating' } } }] } };
  const pull = pulling.find((e) => e.reason === 'Pulling')!;
  const at = Date.parse(pull.eventTime!);
  assert.equal(explainWait(waiting, pulling, { now: at + 12_400 }), 'pulling image busybox (for 12 s)');
  // The kubelet's PullProgress Event (at each fifth of the bytes) says how far.
  const progress: CoreEvent = { ...pull, metadata: { name: 'p' }, reason: 'PullProgress', message: 'Pulling image "busybox": 12 MB of 48 MB', eventTime: new Date(at + 3000).toISOString().replace('Z', '000Z') };
  assert.equal(explainWait(waiting, [...pulling, progress], { now: at + 12_400 }), 'pulling image busybox (12 MB of 48 MB)');
});

test('a deleted Pod: init containers in order, postStart, the deletion request, preStop, SIGTERM, exit', () => {
  const { pod, events } = recorded('hooks-deleted');
  const labels = journeySteps(pod, events).map((s) => s.label);
  const order = [
    'init container init running', 'init container init exited 0 (Completed)', 'container app created', 'container app running',
    'container app postStart hook done', 'deletion requested (grace 10 s)', 'stopping app: its preStop hook runs',
    'app preStop hook done: SIGTERM sent', 'container app exited 0 (Completed)',
  ];
  const at = order.map((l) => labels.indexOf(l));
  assert.ok(at.every((i, k) => i >= 0 && (k === 0 || i > at[k - 1])), labels.join(', '));
  assert.equal(labels.at(-1), 'container app exited 0 (Completed)');
});

test('a Pod being deleted says whether its preStop hook still runs, then that SIGTERM was sent', () => {
  const { pod, events } = recorded('hooks-deleted');
  const app = pod.status!.containerStatuses![0];
  const running: Pod = { ...pod, status: { ...pod.status, phase: 'Running', containerStatuses: [{ ...app, state: { running: { startedAt: app.state!.terminated!.startedAt } } }] } };
  const deadline = Date.parse(pod.metadata.deletionTimestamp!);
  const inHook = events.filter((e) => e.reason !== 'CompletedPreStopHook');
  assert.equal(explainWait(running, inHook, { now: deadline - 9_000 }), "being deleted: container app's preStop hook is running; then SIGTERM, and it is killed in 9 s if still running");
  assert.equal(explainWait(running, events, { now: deadline - 8_000 }), 'being deleted: SIGTERM sent to app; it is killed in 8 s if still running');
  assert.equal(explainWait(pod, events, { now: deadline - 7_000 }), 'being deleted: its containers have stopped; the kubelet removes it');
});

/** The recording as today's API gives it: Time fields (recorded to the millisecond) in whole seconds; MicroTimes (six digits) kept. */
const asServed = <T>(v: T): T => JSON.parse(JSON.stringify(v), (_k, x) => (typeof x === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(x) ? x.replace(/\.\d{3}Z$/, 'Z') : x));

test('with Time fields in whole seconds, the steps keep the flow order, exact where a MicroTime dates them, else a span the flow narrows', () => {
  const { pod, events } = asServed(recorded('web'));
  const steps = journeySteps(pod, events);
  assert.deepEqual(steps.map((s) => `${s.actor}: ${s.label}`), WEB_STEPS);
  // Exact: the Events' eventTime (the scheduler's taken when the binding succeeded); the rest lie in spans.
  assert.deepEqual(steps.map((s) => s.precise), [false, true, false, false, true, true, true, false, false, false]);
  assert.equal(steps[1].at, Date.parse('2026-12-06T02:27:26.499Z') + 0.206);
  // Seen by the kubelet in second :26, after the binding; sandbox ready in :27, before the image pull at :28.020912.
  assert.equal(steps[2].at, steps[1].at);
  assert.equal(steps[2].until, Date.parse('2026-12-06T02:27:27Z'));
  assert.equal(steps[3].at, Date.parse('2026-12-06T02:27:27Z'));
  assert.equal(steps[3].until, Date.parse('2026-12-06T02:27:28Z'));
  // Running, ContainersReady and Ready: in :28, after the container was created (:28.677238), to the second's end.
  for (const s of steps.slice(7)) {
    assert.equal(s.at, steps[6].at, s.label);
    assert.equal(s.until, Date.parse('2026-12-06T02:27:29Z'), s.label);
  }
  const text = journeyText(pod, steps);
  assert.match(text, /\s0…\+501 ms\s+kubelet\s+seen by the kubelet on vm \(startTime\)/);
});

test('with Time fields in whole seconds, a deleted Pod keeps its order: postStart, deletion, preStop, SIGTERM, exit', () => {
  const { pod, events } = asServed(recorded('hooks-deleted'));
  const labels = journeySteps(pod, events).map((s) => s.label);
  const order = ['container app created', 'container app postStart hook done', 'deletion requested (grace 10 s)', 'stopping app: its preStop hook runs', 'app preStop hook done: SIGTERM sent', 'container app exited 0 (Completed)'];
  const at = order.map((l) => labels.indexOf(l));
  assert.ok(at.every((i, k) => i >= 0 && (k === 0 || i > at[k - 1])), labels.join(', '));
  assert.ok(labels.indexOf('init container init running') < labels.indexOf('init container init exited 0 (Completed)'), labels.join(', '));
});
