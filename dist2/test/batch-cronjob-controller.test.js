// The CronJob controller over the real API, on a clock the test moves: the server runs with its own
// Job and CronJob controllers off, and this test runs the real CronJob controller in-process with an
// injected clock, so a schedule fires when the test says the minute has come. The Jobs it makes are
// finished by the test through the status API where a run must end. Plus the schedule parser itself:
// descriptors, day-of-month/day-of-week, time zones across daylight saving.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { nextAfter, parseSchedule } from '../src/api/cron.js';
import { RestClient } from '../src/client/rest.js';
import { CronJobController, mostRecentScheduleTime } from '../src/controllers/cronjob.js';
import { apiFor } from './support/api.js';
import { kubectl } from './support/kubectl.js';
import { startServer } from './support/server.js';
import { until } from './support/wait.js';
let server;
let api;
let controller;
const stop = new AbortController();
let running;
let clock = Date.now();
const k = (args, input) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });
const J = '/apis/batch/v1/namespaces/default/jobs';
const CJ = '/apis/batch/v1/namespaces/default/cronjobs';
const MIN = 60_000;
before(async () => {
    server = await startServer({ args: ['--disable-controllers', 'job,cronjob'] });
    api = await apiFor(server.kubeconfig);
    const client = await RestClient.fromKubeconfig(server.kubeconfig);
    controller = new CronJobController(client, { now: () => clock, zone: 'UTC', log: () => { } });
    running = controller.run(stop.signal).catch(() => { });
});
after(async () => {
    stop.abort();
    await running;
    api.close();
    await server.dispose();
});
/** Moves the clock to `at` and has the controller look at every CronJob. */
function tick(at) {
    clock = at;
    controller.resync();
}
async function create(name, spec) {
    clock = Date.now(); // back to the CronJob's creation, so a clock moved on by an earlier test fires nothing yet
    const body = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name }, spec: { jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } }, ...spec } };
    const r = await api.call('POST', CJ, body);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body;
}
const jobsOf = async (cj) => (await api.call('GET', J)).body.items.filter((j) => j.metadata.ownerReferences?.[0]?.name === cj).map((j) => j.metadata.name).sort();
const getCj = async (name) => (await api.call('GET', `${CJ}/${name}`)).body;
/** The next whole `period` (ms) after the CronJob's creation: when a `*\/n` schedule first fires. */
const firstFire = (cj, period) => Math.floor(Date.parse(cj.metadata.creationTimestamp) / period) * period + period;
const eventsFor = async (name) => (await api.call('GET', `/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3D${name}`)).body.items.map((e) => `${e.reason}: ${e.message}`);
async function complete(name) {
    const j = (await api.call('GET', `${J}/${name}`)).body;
    const t = new Date(clock).toISOString().replace(/\.\d+Z$/, 'Z');
    const r = await api.call('PUT', `${J}/${name}/status`, { ...j, status: { startTime: t, completionTime: t, succeeded: 1, conditions: [{ type: 'SuccessCriteriaMet', status: 'True' }, { type: 'Complete', status: 'True' }] } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
}
describe('CronJob controller (injected clock)', () => {
    it('creates <name>-<minutes> at the scheduled time, with the scheduled-timestamp annotation, and records it', async () => {
        const cj = await create('every5', { schedule: '*/5 * * * *' });
        const first = firstFire(cj, 5 * MIN);
        tick(first - 1_000);
        await new Promise((r) => setTimeout(r, 300));
        assert.deepEqual(await jobsOf('every5'), [], 'not before its time');
        tick(first + 2_000);
        const name = `every5-${first / MIN}`;
        await until('job created', async () => (await jobsOf('every5')).includes(name));
        const j = (await api.call('GET', `${J}/${name}`)).body;
        assert.equal(j.metadata.annotations['batch.kubernetes.io/cronjob-scheduled-timestamp'], new Date(first).toISOString().replace(/\.\d+Z$/, 'Z'));
        assert.deepEqual(j.metadata.ownerReferences.map((o) => [o.kind, o.name, o.controller]), [['CronJob', 'every5', true]]);
        const s = await until('status', async () => {
            const c = await getCj('every5');
            return c.status?.active?.length === 1 ? c : undefined;
        });
        assert.equal(s.status.lastScheduleTime, new Date(first).toISOString().replace(/\.\d+Z$/, 'Z'));
        assert.equal(s.status.active[0].name, name);
        const get = await k(['get', 'cronjob', 'every5']);
        assert.match(get.stdout, /^every5\s+\*\/5 \* \* \* \*\s+<none>\s+False\s+1\s+\S+\s/m);
        // Allow: the next run starts while this one is active.
        tick(first + 5 * MIN + 2_000);
        await until('second job', async () => (await jobsOf('every5')).length === 2);
        await complete(name);
        await until('completed job leaves active, lastSuccessfulTime set', async () => {
            const c = await getCj('every5');
            return c.status?.active?.length === 1 && c.status.lastSuccessfulTime ? c : undefined;
        });
    });
    it('Forbid skips a run while the previous one is active, then starts the one due', async () => {
        const cj = await create('forbid', { schedule: '*/5 * * * *', concurrencyPolicy: 'Forbid' });
        const first = firstFire(cj, 5 * MIN);
        tick(first + 1_000);
        await until('first job', async () => (await jobsOf('forbid')).length === 1);
        await until('active recorded', async () => (await getCj('forbid')).status?.active?.length === 1);
        tick(first + 5 * MIN + 1_000);
        await until('event', async () => (await eventsFor('forbid')).some((e) => e === 'JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid'));
        assert.deepEqual(await jobsOf('forbid'), [`forbid-${first / MIN}`]);
        await complete(`forbid-${first / MIN}`);
        await until('the due run starts once the previous is done', async () => (await jobsOf('forbid')).includes(`forbid-${first / MIN + 5}`));
    });
    it('Replace deletes the active run and starts the new one', async () => {
        const cj = await create('replace', { schedule: '*/5 * * * *', concurrencyPolicy: 'Replace' });
        const first = firstFire(cj, 5 * MIN);
        tick(first + 1_000);
        await until('first job', async () => (await jobsOf('replace')).length === 1);
        await until('active recorded', async () => (await getCj('replace')).status?.active?.length === 1);
        tick(first + 5 * MIN + 1_000);
        await until('replaced', async () => JSON.stringify(await jobsOf('replace')) === JSON.stringify([`replace-${first / MIN + 5}`]));
        const c = await until('active is the new one', async () => {
            const c = await getCj('replace');
            return c.status?.active?.length === 1 && c.status.active[0].name === `replace-${first / MIN + 5}` ? c : undefined;
        });
        assert.ok(c);
    });
    it('startingDeadlineSeconds: a start missed by more than the deadline is skipped with MissSchedule', async () => {
        const cj = await create('late', { schedule: '*/5 * * * *', startingDeadlineSeconds: 30 });
        const first = firstFire(cj, 5 * MIN);
        tick(first + 2 * MIN);
        await new Promise((r) => setTimeout(r, 500));
        assert.deepEqual(await jobsOf('late'), [], 'too late to start');
        tick(first + 5 * MIN + 10_000);
        await until('the next start within its deadline', async () => (await jobsOf('late')).length === 1);
    });
    it('more than 100 missed starts: warns TooManyMissedTimes and starts only the latest', async () => {
        const cj = await create('missed', { schedule: '* * * * *' });
        const created = Date.parse(cj.metadata.creationTimestamp);
        const at = created + 150 * MIN;
        tick(at);
        const latest = Math.floor(at / MIN);
        await until('latest started', async () => (await jobsOf('missed')).includes(`missed-${latest}`));
        assert.equal((await jobsOf('missed')).length, 1);
        await until('warning', async () => (await eventsFor('missed')).some((e) => e.startsWith('TooManyMissedTimes: too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew')));
    });
    it('keeps successfulJobsHistoryLimit finished Jobs, deleting the oldest', async () => {
        const cj = await create('history', { schedule: '*/5 * * * *', successfulJobsHistoryLimit: 1 });
        const first = firstFire(cj, 5 * MIN);
        for (let i = 0; i < 3; i++) {
            tick(first + i * 5 * MIN + 1_000);
            const name = `history-${first / MIN + i * 5}`;
            await until(`run ${i}`, async () => (await jobsOf('history')).includes(name));
            await complete(name);
        }
        controller.resync();
        await until('only the newest kept', async () => JSON.stringify(await jobsOf('history')) === JSON.stringify([`history-${first / MIN + 10}`]));
    });
    it('reads the schedule in spec.timeZone; a suspended CronJob starts nothing', async () => {
        const cj = await create('tokyo', { schedule: '0 9 * * *', timeZone: 'Asia/Tokyo' });
        // 09:00 in Tokyo is 00:00 UTC.
        const midnight = Math.floor(Date.parse(cj.metadata.creationTimestamp) / (24 * 60 * MIN)) * 24 * 60 * MIN + 24 * 60 * MIN;
        tick(midnight + 1_000);
        await until('tokyo run', async () => (await jobsOf('tokyo')).includes(`tokyo-${midnight / MIN}`));
        const j = (await api.call('GET', `${J}/tokyo-${midnight / MIN}`)).body;
        assert.match(j.metadata.annotations['batch.kubernetes.io/cronjob-scheduled-timestamp'], /T09:00:00\+09:00$/);
        assert.match((await k(['get', 'cj', 'tokyo'])).stdout, /^tokyo\s+0 9 \* \* \*\s+Asia\/Tokyo\s+False\s/m);
        const s = await create('asleep', { schedule: '* * * * *', suspend: true });
        tick(Date.parse(s.metadata.creationTimestamp) + 10 * MIN);
        await new Promise((r) => setTimeout(r, 500));
        assert.deepEqual(await jobsOf('asleep'), []);
    });
});
describe('cron schedules', () => {
    const utc = (s) => Date.parse(s);
    const next = (spec, after, zone = 'UTC') => new Date(nextAfter(parseSchedule(spec), utc(after), zone)).toISOString();
    it('descriptors, names, steps and ranges', () => {
        assert.equal(next('@hourly', '2026-03-01T10:15:00Z'), '2026-03-01T11:00:00.000Z');
        assert.equal(next('@daily', '2026-03-01T10:15:00Z'), '2026-03-02T00:00:00.000Z');
        assert.equal(next('@weekly', '2026-03-04T10:15:00Z'), '2026-03-08T00:00:00.000Z');
        assert.equal(next('0 9 * * MON-FRI', '2026-03-06T10:00:00Z'), '2026-03-09T09:00:00.000Z');
        assert.equal(next('*/20 * * * *', '2026-03-01T10:41:00Z'), '2026-03-01T11:00:00.000Z');
        assert.equal(next('5/20 * * * *', '2026-03-01T10:26:00Z'), '2026-03-01T10:45:00.000Z');
        assert.equal(next('0 0 29 2 *', '2026-03-01T00:00:00Z'), '2028-02-29T00:00:00.000Z');
    });
    it('day of month OR day of week when both are restricted, AND when one is *', () => {
        assert.equal(next('0 0 13 * FRI', '2026-03-01T00:00:00Z'), '2026-03-06T00:00:00.000Z', 'Friday 6th, before the 13th');
        assert.equal(next('0 0 13 * *', '2026-03-01T00:00:00Z'), '2026-03-13T00:00:00.000Z');
    });
    it('follows the zone across daylight saving (New York springs forward 2026-03-08)', () => {
        assert.equal(next('0 9 * * *', '2026-03-07T15:00:00Z', 'America/New_York'), '2026-03-08T13:00:00.000Z');
        assert.equal(next('0 9 * * *', '2026-03-06T15:00:00Z', 'America/New_York'), '2026-03-07T14:00:00.000Z');
        // A CRON_TZ prefix (kept on CronJobs stored before timeZone existed) wins over the zone given.
        assert.equal(next('CRON_TZ=Asia/Kolkata 30 5 * * *', '2026-03-01T00:00:00Z', 'America/New_York'), '2026-03-02T00:00:00.000Z');
    });
    it('finds the most recent missed time by jumping, not walking, and counts too many', () => {
        const cj = { metadata: { creationTimestamp: '2026-01-01T00:00:00Z' }, spec: {} };
        const r = mostRecentScheduleTime(cj, parseSchedule('*/2 * * * *'), 'UTC', utc('2026-01-01T10:07:30Z'));
        assert.equal(new Date(r.scheduled).toISOString(), '2026-01-01T10:06:00.000Z');
        assert.equal(r.tooMany, true);
        const few = mostRecentScheduleTime(cj, parseSchedule('0 * * * *'), 'UTC', utc('2026-01-01T03:30:00Z'));
        assert.deepEqual([new Date(few.scheduled).toISOString(), few.tooMany], ['2026-01-01T03:00:00.000Z', false]);
        const none = mostRecentScheduleTime(cj, parseSchedule('0 * * * *'), 'UTC', utc('2026-01-01T00:30:00Z'));
        assert.equal(none.scheduled, undefined);
    });
});
//# sourceMappingURL=batch-cronjob-controller.test.js.map