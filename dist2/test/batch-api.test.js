// batch/v1 Jobs and CronJobs as the API serves them, driven by the real kubectl against a server
// whose Job and CronJob controllers are off (so what is asserted is the API's own doing): defaults,
// the generated selector and labels, upstream's validation errors, immutability, Tables with upstream's
// columns, and the protobuf bodies of `kubectl create job|cronjob` and `kubectl create job --from`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kubectl } from './support/kubectl.js';
import { withServer } from './support/suite.js';
const srv = withServer({ args: ['--disable-controllers', 'job,cronjob'] });
const k = (args, input) => kubectl(srv.server.kubeconfig, args, input === undefined ? {} : { input });
const J = '/apis/batch/v1/namespaces/default/jobs';
const CJ = '/apis/batch/v1/namespaces/default/cronjobs';
const header = (s) => s.trimEnd().split('\n')[0].trim().split(/\s{2,}/);
function job(name, spec = {}, tpl = {}) {
    return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }], ...tpl } }, ...spec } };
}
function cronJob(name, spec = {}) {
    return { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name }, spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } }, ...spec } };
}
async function refused(path, body, want, method = 'POST') {
    const r = await srv.api.call(method, path, body);
    assert.equal(r.status, 422, `${JSON.stringify(body).slice(0, 200)} → ${r.status} ${JSON.stringify(r.body)}`);
    assert.equal(r.body.reason, 'Invalid');
    assert.match(r.body.message, want);
}
describe('batch/v1 Jobs', () => {
    it('kubectl create job (a protobuf body) stores upstream defaults and the generated selector and labels', async () => {
        const r = await k(['create', 'job', 'hello', '--image=busybox', '-v=8', '--', 'echo', 'hi']);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stderr, /POST .*\/apis\/batch\/v1\/namespaces\/default\/jobs[\s\S]*Content-Type: application\/vnd\.kubernetes\.protobuf/);
        assert.match(r.stdout, /^job\.batch\/hello created/);
        const j = (await srv.api.call('GET', `${J}/hello`)).body;
        const uid = j.metadata.uid;
        assert.equal(j.spec.parallelism, 1);
        assert.equal(j.spec.completions, 1);
        assert.equal(j.spec.backoffLimit, 6);
        assert.equal(j.spec.completionMode, 'NonIndexed');
        assert.equal(j.spec.suspend, false);
        assert.equal(j.spec.manualSelector, false);
        assert.equal(j.spec.podReplacementPolicy, 'TerminatingOrFailed');
        assert.deepEqual(j.spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
        const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'hello', 'controller-uid': uid, 'job-name': 'hello' };
        assert.deepEqual(j.spec.template.metadata.labels, labels);
        assert.deepEqual(j.metadata.labels, labels);
        assert.equal(j.spec.template.spec.restartPolicy, 'Never');
        assert.deepEqual(j.spec.template.spec.containers[0].command, ['echo', 'hi']);
        assert.equal(j.status, undefined);
    });
    it('leaves completions unset when only parallelism is given (a work queue), and keeps a manual selector', async () => {
        const r = await srv.api.call('POST', J, job('queue', { parallelism: 3 }));
        assert.equal(r.status, 201, JSON.stringify(r.body));
        assert.equal(r.body.spec.completions, undefined);
        assert.equal(r.body.spec.parallelism, 3);
        const manual = job('manual', { manualSelector: true, selector: { matchLabels: { app: 'm' } } });
        manual.spec.template.metadata = { labels: { app: 'm' } };
        const m = await srv.api.call('POST', J, manual);
        assert.equal(m.status, 201, JSON.stringify(m.body));
        assert.deepEqual(m.body.spec.selector, { matchLabels: { app: 'm' } });
        assert.deepEqual(m.body.spec.template.metadata.labels, { app: 'm' });
    });
    it('refuses what upstream refuses, with its messages', async () => {
        const cases = [
            [job('a', {}, { restartPolicy: 'Always' }), /spec\.template\.spec\.restartPolicy: Required value: valid values: "OnFailure", "Never"/],
            [job('b', { completions: -1 }), /spec\.completions: Invalid value: -1: must be greater than or equal to 0/],
            [job('c', { backoffLimit: -2 }), /spec\.backoffLimit: Invalid value: -2: must be greater than or equal to 0/],
            [job('d', { completionMode: 'Indexed', completions: undefined, parallelism: 2 }), /spec\.completions: Required value: when completion mode is Indexed/],
            [job('e', { completionMode: 'Sometimes' }), /spec\.completionMode: Unsupported value: "Sometimes": supported values: "NonIndexed", "Indexed"/],
            [job('f', { selector: { matchLabels: { app: 'x' } } }), /spec\.selector: Invalid value: .*`selector` not auto-generated/],
            [job('g', { podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [0] } }] } }), /spec\.podFailurePolicy\.rules\[0\]\.onExitCodes\.values\[0\]: Invalid value: 0: must not be 0 for the In operator/],
            [job('h', { podFailurePolicy: { rules: [{ action: 'Ignore' }] } }), /spec\.podFailurePolicy\.rules\[0\]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required/],
            [job('i', { podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [1] } }] } }, { restartPolicy: 'OnFailure' }), /spec\.template\.spec\.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified/],
            [job('j', { podFailurePolicy: { rules: [{ action: 'Explode', onExitCodes: { containerName: 'nope', operator: 'In', values: [2, 1] } }] } }), /rules\[0\]\.action: Unsupported value: "Explode": supported values: "Count", "FailIndex", "FailJob", "Ignore".*containerName: Invalid value: "nope": must be one of the container or initContainer names in the pod template.*values\[1\]: Invalid value: 1: must be ordered/],
            [job('l', { completionMode: 'Indexed', completions: 2, backoffLimitPerIndex: 1 }), /spec\.backoffLimitPerIndex: Forbidden: not supported by this server/],
            [job('k', { activeDeadlineSeconds: -1 }), /spec\.activeDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0/],
            [job(`${'x'.repeat(60)}`, { completionMode: 'Indexed', completions: 1000 }), /metadata\.name: Invalid value: "x+": will not able to create pod with invalid DNS label: x+-999/],
        ];
        for (const [body, want] of cases)
            await refused(J, body, want);
        const left = (await srv.api.call('GET', J)).body.items.map((j) => j.metadata.name).sort();
        assert.deepEqual(left, ['hello', 'manual', 'queue'], 'a refused Job is not stored');
    });
    it('keeps template, selector and completions immutable, but lets an Indexed Job scale elastically and a suspended, never started Job move', async () => {
        const j = (await srv.api.call('GET', `${J}/hello`)).body;
        const changed = structuredClone(j);
        changed.spec.template.spec.containers[0].image = 'busybox:1.36';
        changed.spec.completions = 2;
        const r = await srv.api.call('PUT', `${J}/hello`, changed);
        assert.equal(r.status, 422);
        assert.match(r.body.message, /spec\.completions: Invalid value: 2: field is immutable/);
        assert.match(r.body.message, /spec\.template: Invalid value: .*field is immutable/);
        const sel = structuredClone(j);
        sel.spec.selector.matchLabels.extra = 'x';
        assert.match((await srv.api.call('PUT', `${J}/hello`, sel)).body.message, /spec\.selector: Invalid value: .*field is immutable/);
        const idx = await srv.api.call('POST', J, job('elastic', { completionMode: 'Indexed', completions: 3, parallelism: 3 }));
        assert.equal(idx.status, 201);
        const grown = await srv.api.call('PATCH', `${J}/elastic`, { spec: { completions: 5, parallelism: 5 } });
        assert.equal(grown.status, 200, JSON.stringify(grown.body));
        const alone = await srv.api.call('PATCH', `${J}/elastic`, { spec: { completions: 4 } });
        assert.equal(alone.status, 422);
        assert.match(alone.body.message, /spec\.completions: Invalid value: 4: can only be modified in tandem with spec\.parallelism/);
        assert.equal((await srv.api.call('POST', J, job('parked', { suspend: true }))).status, 201);
        const moved = await srv.api.call('PATCH', `${J}/parked`, { spec: { template: { spec: { nodeSelector: { zone: 'b' } } } } });
        assert.equal(moved.status, 200, JSON.stringify(moved.body));
        const image = await srv.api.call('PATCH', `${J}/parked`, { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx' }] } } } });
        assert.equal(image.status, 422, 'only scheduling directives may move');
    });
    it('kubectl get jobs prints STATUS, COMPLETIONS, DURATION as upstream, from status the controller writes', async () => {
        const j = (await srv.api.call('GET', `${J}/hello`)).body;
        const start = new Date(Date.now() - 65_000).toISOString().replace(/\.\d+Z$/, 'Z');
        const end = new Date(Date.now() - 5_000).toISOString().replace(/\.\d+Z$/, 'Z');
        const s = await srv.api.call('PUT', `${J}/hello/status`, { ...j, status: { startTime: start, completionTime: end, succeeded: 1, conditions: [{ type: 'SuccessCriteriaMet', status: 'True' }, { type: 'Complete', status: 'True' }] } });
        assert.equal(s.status, 200, JSON.stringify(s.body));
        const bad = await srv.api.call('PUT', `${J}/hello/status`, { ...s.body, status: { ...s.body.status, failed: -1 } });
        assert.equal(bad.status, 422);
        assert.match(bad.body.message, /status\.failed: Invalid value: -1: must be greater than or equal to 0/);
        const r = await k(['get', 'jobs']);
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(header(r.stdout), ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE']);
        assert.match(r.stdout, /^hello\s+Complete\s+1\/1\s+60s\s+/m);
        assert.match(r.stdout, /^queue\s+Running\s+0\/1 of 3\s+\s/m);
        assert.match(r.stdout, /^parked\s+Running\s+0\/1\s/m);
        const wide = await k(['get', 'job', 'hello', '-o', 'wide']);
        assert.deepEqual(header(wide.stdout), ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
        assert.match(wide.stdout, new RegExp(`hello\\s.*\\shello\\s+busybox\\s+batch\\.kubernetes\\.io/controller-uid=${j.metadata.uid}`));
    });
});
describe('batch/v1 CronJobs', () => {
    it('kubectl create cronjob (protobuf) stores upstream defaults; kubectl create job --from=cronjob makes its Job', async () => {
        const r = await k(['create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/1 * * * *', '-v=8', '--', 'date']);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stderr, /POST .*\/apis\/batch\/v1\/namespaces\/default\/cronjobs[\s\S]*Content-Type: application\/vnd\.kubernetes\.protobuf/);
        const cj = (await srv.api.call('GET', `${CJ}/tick`)).body;
        assert.equal(cj.spec.concurrencyPolicy, 'Allow');
        assert.equal(cj.spec.suspend, false);
        assert.equal(cj.spec.successfulJobsHistoryLimit, 3);
        assert.equal(cj.spec.failedJobsHistoryLimit, 1);
        assert.equal(cj.spec.jobTemplate.spec.template.spec.restartPolicy, 'OnFailure');
        assert.equal(cj.spec.jobTemplate.spec.selector, undefined, 'a template has no selector until its Job is made');
        const from = await k(['create', 'job', 'tick-now', '--from=cronjob/tick']);
        assert.equal(from.code, 0, from.stderr);
        const j = (await srv.api.call('GET', `${J}/tick-now`)).body;
        assert.equal(j.metadata.annotations['cronjob.kubernetes.io/instantiate'], 'manual');
        assert.deepEqual(j.metadata.ownerReferences.map((o) => [o.kind, o.name, o.uid, o.controller]), [['CronJob', 'tick', cj.metadata.uid, true]]);
        assert.equal(j.spec.selector.matchLabels['batch.kubernetes.io/controller-uid'], j.metadata.uid);
        assert.deepEqual(j.spec.template.spec.containers[0].command, ['date']);
    });
    it('refuses bad schedules, time zones, policies and templates with upstream\'s messages', async () => {
        const cases = [
            [cronJob('a', { schedule: 'every minute' }), /spec\.schedule: Invalid value: "every minute": expected exactly 5 fields, found 2: \[every minute\]/],
            [cronJob('b', { schedule: '61 * * * *' }), /spec\.schedule: Invalid value: "61 \* \* \* \*": end of range \(61\) above maximum \(59\): 61/],
            [cronJob('c', { schedule: '@fortnightly' }), /unrecognized descriptor: @fortnightly/],
            [cronJob('d', { schedule: 'CRON_TZ=Europe/Paris 0 * * * *' }), /spec\.schedule: Invalid value: .*cannot use TZ or CRON_TZ in schedule, use timeZone field instead/],
            [cronJob('e', { timeZone: 'Mars/Olympus' }), /spec\.timeZone: Invalid value: "Mars\/Olympus": unknown time zone Mars\/Olympus/],
            [cronJob('f', { timeZone: 'Local' }), /timeZone must be an explicit time zone as defined in https:\/\/www\.iana\.org\/time-zones/],
            [cronJob('g', { concurrencyPolicy: 'Sometimes' }), /spec\.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"/],
            [cronJob('h', { startingDeadlineSeconds: -5 }), /spec\.startingDeadlineSeconds: Invalid value: -5: must be greater than or equal to 0/],
            [cronJob('x'.repeat(53)), /metadata\.name: Invalid value: "x+": must be no more than 52 characters/],
            [cronJob('i', { jobTemplate: { spec: { selector: { matchLabels: { a: 'b' } }, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } } }), /spec\.jobTemplate\.spec\.selector: Invalid value: .*`selector` will be auto-generated/],
            [cronJob('j', { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } } } }), /spec\.jobTemplate\.spec\.template\.spec\.restartPolicy: Required value: valid values: "OnFailure", "Never"/],
            [cronJob('k', { schedule: '' }), /spec\.schedule: Required value/],
        ];
        for (const [body, want] of cases)
            await refused(CJ, body, want);
        for (const ok of ['@hourly', '0 9 * * MON-FRI', '*/15 0-6 1,15 JAN-MAR ?', '@every 90m']) {
            const r = await srv.api.call('POST', CJ, cronJob(`ok-${Math.abs(hash(ok))}`, { schedule: ok, timeZone: 'America/New_York' }));
            assert.equal(r.status, 201, `${ok}: ${JSON.stringify(r.body)}`);
        }
    });
    it('kubectl get cronjobs (and cj) prints SCHEDULE, TIMEZONE, SUSPEND, ACTIVE, LAST SCHEDULE as upstream', async () => {
        const r = await k(['get', 'cj', 'tick']);
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(header(r.stdout), ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE']);
        assert.match(r.stdout, /^tick\s+\*\/1 \* \* \* \*\s+<none>\s+False\s+0\s+<none>\s+\d+s/m);
        const both = await k(['get', 'jobs,cronjobs']);
        assert.equal(both.code, 0, both.stderr);
        assert.match(both.stdout, /^job\.batch\/hello\s+Complete/m);
        assert.match(both.stdout, /^cronjob\.batch\/tick\s+\*\/1 \* \* \* \*/m);
        const all = await k(['get', 'all']);
        assert.match(all.stdout, /cronjob\.batch\/tick/);
        assert.match(all.stdout, /job\.batch\/hello/);
    });
});
function hash(s) {
    let h = 0;
    for (const c of s)
        h = (h * 31 + c.charCodeAt(0)) | 0;
    return h;
}
//# sourceMappingURL=batch-api.test.js.map