// The event recorder as client-go's correlator shapes it: repeats counted, similar events folded, and
// a flood about one object cut to what the store should hold, against a real server.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventCorrelator } from '../src/client/eventCorrelator.js';
import { EventRecorder } from '../src/client/events.js';
import { events } from '../src/client/resources.js';
import { RestClient } from '../src/client/rest.js';
import { withServer } from './support/suite.js';
const srv = withServer();
describe('EventCorrelator', () => {
    const draft = (message, extra = {}) => ({ source: 'kubelet/pod-a', type: 'Warning', reason: 'BackOff', message, ...extra });
    it('folds the tenth distinct message of one reason into a combined event, and keeps folding', () => {
        const c = new EventCorrelator();
        const keys = Array.from({ length: 9 }, (_, i) => c.correlate(draft(`m${i}`), 1000 + i).key);
        assert.equal(new Set(keys).size, 9, 'the first nine are events of their own');
        const tenth = c.correlate(draft('m9'), 2000);
        assert.equal(tenth.message, '(combined from similar events): m9');
        const eleventh = c.correlate(draft('m10'), 2001);
        assert.equal(eleventh.key, tenth.key, 'later similar events count on the combined one');
        assert.notEqual(c.correlate(draft('m0', { reason: 'Failed' }), 2002).key, tenth.key, 'another reason is not similar');
        // Ten minutes of quiet start the count again.
        const later = new EventCorrelator();
        for (let i = 0; i < 9; i++)
            later.correlate(draft(`m${i}`), 0);
        assert.equal(later.correlate(draft('late'), 600_001).message, 'late');
    });
    it('lets one source write 25 events about one object at once, then one per five minutes', () => {
        const c = new EventCorrelator();
        const allowed = Array.from({ length: 40 }, () => c.correlate(draft('same'), 0)).filter(Boolean).length;
        assert.equal(allowed, 25);
        assert.equal(c.correlate(draft('same'), 299_000), null, 'no token before five minutes');
        assert.ok(c.correlate(draft('same'), 300_000), 'one token after five minutes');
        assert.ok(c.correlate(draft('same', { source: 'kubelet/pod-b' }), 300_000), 'another object has its own bucket');
    });
});
describe('EventRecorder', () => {
    it('writes repeats as a count, folds similar events, and drops a flood past the burst', async () => {
        const client = await RestClient.fromKubeconfig(srv.server.kubeconfig);
        const rec = new EventRecorder(client, { component: 'test-recorder', host: 'n1' });
        const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'flood', namespace: 'default', uid: 'u-flood' } };
        for (let i = 0; i < 12; i++)
            rec.event(pod, 'Warning', 'BackOff', `attempt ${i}`);
        for (let i = 0; i < 20; i++)
            rec.event(pod, 'Warning', 'BackOff', 'again');
        rec.event(pod, 'Normal', 'Pulled', 'dropped too: the object is out of tokens');
        await rec.flush();
        const list = await client.list(events, 'default', { fieldSelector: 'involvedObject.name=flood' });
        const byMessage = new Map(list.items.map((e) => [e.message, e]));
        assert.equal(list.items.length, 11, list.items.map((e) => `${e.message} x${e.count}`).join('; '));
        for (let i = 0; i < 9; i++)
            assert.equal(byMessage.get(`attempt ${i}`)?.count, 1);
        const combined = list.items.find((e) => e.message?.startsWith('(combined from similar events): '));
        assert.equal(combined?.message, '(combined from similar events): again', 'the combined event shows the latest message');
        // Folding leaves nine messages remembered, so a repeat of one of them counts on its own event,
        // as upstream's. 25 events were let through: nine alone, four combined, twelve repeats.
        assert.equal(combined?.count, 4);
        assert.equal(byMessage.get('again')?.count, 12);
        assert.equal(byMessage.has('dropped too: the object is out of tokens'), false);
    });
});
//# sourceMappingURL=client-events.test.js.map