// The Pod journey picture: steps in time order, each on its actor's lane.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CoreEvent, Pod } from '../src/api/types.js';
import { journeySteps, journeySvg } from '../src/ui/journey.js';

const pod: Pod = {
  metadata: { name: 'p', namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z' },
  spec: { containers: [{ name: 'c', image: 'busybox' }], nodeName: 'n1' },
  status: {
    phase: 'Succeeded',
    conditions: [{ type: 'Initialized', status: 'True', lastTransitionTime: '2026-01-01T00:00:01Z' }],
    containerStatuses: [{ name: 'c', ready: false, restartCount: 0, image: 'busybox', imageID: '', state: { terminated: { exitCode: 0, reason: 'Completed', finishedAt: '2026-01-01T00:00:03Z' } } }],
  },
};
const ev = (reason: string, at: string, message = ''): CoreEvent => ({ metadata: { name: reason }, involvedObject: {}, reason, message, firstTimestamp: at });

test('a pod journey lists its steps in time order with the seed actors', () => {
  const steps = journeySteps(pod, [ev('Started', '2026-01-01T00:00:00.400Z', 'Started container c'), ev('Scheduled', '2026-01-01T00:00:00.100Z'), ev('Pulled', '2026-01-01T00:00:00.200Z')]);
  assert.deepEqual(
    steps.map((s) => `${s.actor}:${s.label}:${s.at - steps[0].at}`),
    ['api server:stored (to the second):0', 'scheduler:Scheduled:100', 'kubelet:Pulled:200', 'runtime:Started c:400', 'kubelet:Initialized:1000', 'runtime:c Completed:3000'],
  );
  const svg = journeySvg(pod, steps);
  assert.match(svg, /^<svg /);
  assert.match(svg, /Pod default\/p — Succeeded on n1/);
  assert.equal((svg.match(/<circle /g) ?? []).length, steps.length);
});
