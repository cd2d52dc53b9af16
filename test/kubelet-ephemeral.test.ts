// The kubelet's rules for ephemeral containers, without a runtime: when one is started (once, in the
// ready sandbox, even during initialisation), that it is never restarted nor killed as a stray, what its
// runtime config asks for (the target's pid namespace), and the status it reports.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rfc3339 } from '../src/api/time.js';
import type { EphemeralContainer } from '../src/api/types.js';
import { ephemeralRuntimeFields } from '../src/kubelet/ephemeral.js';
import { ContainerError } from '../src/kubelet/errors.js';
import { computePodActions } from '../src/kubelet/podActions.js';
import { computePodStatus } from '../src/kubelet/podStatus.js';
import { T0, ctr, observed, pod, sandbox } from './kubelet-fixtures.js';

const dbg = (extra: Partial<EphemeralContainer> = {}): EphemeralContainer => ({ name: 'dbg', image: 'busybox', targetContainerName: 'app', ...extra });
const withDebugger = pod({ ephemeralContainers: [dbg()] });
const actions = (p = withDebugger, obs = observed([ctr('app', 'running')])) => computePodActions(p, obs, T0 + 1500, new Map());

test('an ephemeral container that never ran is started in the ready sandbox, beside nothing else to do', () => {
  const a = actions();
  assert.deepEqual([a.ephemeralContainersToStart, a.containersToStart, a.killPod], [['dbg'], [], false]);
});

test('it starts while the Pod is still initialising, and waits for a sandbox that is not ready', () => {
  const initialising = pod({ initContainers: [{ name: 'setup', image: 'busybox' }], ephemeralContainers: [dbg({ targetContainerName: 'setup' })] });
  const a = actions(initialising, observed([ctr('setup', 'running')]));
  assert.deepEqual([a.ephemeralContainersToStart, a.initContainersToStart], [['dbg'], []]);
  const noSandbox = actions(withDebugger, observed([], [sandbox('notready')]));
  assert.deepEqual([noSandbox.ephemeralContainersToStart, noSandbox.createSandbox], [[], true]);
});

test('once it ran it is never started again, whatever it exited with, and a running one is not killed as a stray', () => {
  for (const c of [ctr('dbg', 'exited', { exit: 1 }), ctr('dbg', 'exited', { exit: 0, sandboxId: 'old' }), ctr('dbg', 'running')]) {
    const a = actions(withDebugger, observed([ctr('app', 'running'), c]));
    assert.deepEqual([a.ephemeralContainersToStart, a.containersToKill], [[], []], c.state);
  }
});

test('its runtime config joins the running target\'s pid namespace; a target not running is a config error', () => {
  assert.deepEqual(ephemeralRuntimeFields(withDebugger, 'dbg', observed([ctr('app', 'running', { id: 'app-id' })])), { pidNamespaceOf: 'app-id' });
  assert.deepEqual(ephemeralRuntimeFields(pod({ ephemeralContainers: [dbg({ targetContainerName: undefined })] }), 'dbg', observed([])), {});
  assert.throws(() => ephemeralRuntimeFields(withDebugger, 'dbg', observed([ctr('app', 'exited')])), (e: unknown) =>
    e instanceof ContainerError && e.reason === 'CreateContainerConfigError' && e.message === 'target container "app" is not currently running');
});

test('ephemeralContainerStatuses: waiting, running, terminated; never ready, no started; the Pod\'s phase is its containers\'', () => {
  const status = (obs: ReturnType<typeof observed>) => computePodStatus(withDebugger, { observed: obs, waiting: new Map(), hostIP: '192.168.1.10', now: new Date(T0 + 2000) });
  const waiting = status(observed([ctr('app', 'running')]));
  assert.deepEqual(waiting.ephemeralContainerStatuses, [{ name: 'dbg', state: { waiting: { reason: 'ContainerCreating' } }, lastState: {}, ready: false, restartCount: 0, image: 'busybox', imageID: '' }]);
  const running = status(observed([ctr('app', 'running'), ctr('dbg', 'running')]));
  assert.deepEqual([running.ephemeralContainerStatuses![0]!.state, running.ephemeralContainerStatuses![0]!.ready, 'started' in running.ephemeralContainerStatuses![0]!], [{ running: { startedAt: rfc3339(T0) } }, false, false]);
  const done = status(observed([ctr('app', 'running'), ctr('dbg', 'exited', { exit: 0 })]));
  assert.equal(done.ephemeralContainerStatuses![0]!.state!.terminated!.reason, 'Completed');
  assert.equal(done.phase, 'Running');
  assert.equal(status(observed([ctr('app', 'running')])).containerStatuses!.length, 1);
  assert.equal(computePodStatus(pod(), { observed: observed([ctr('app', 'running')]), waiting: new Map(), hostIP: '192.168.1.10', now: new Date(T0) }).ephemeralContainerStatuses, undefined);
});
