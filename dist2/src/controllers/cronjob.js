// The CronJob controller: creates a Job named <cronjob>-<scheduled time in minutes> at each time the
// schedule names (read in spec.timeZone, else the controller's own zone), as upstream does — the most
// recent missed time only, none when it is older than startingDeadlineSeconds, and a warning when more
// than 100 were missed. Forbid skips a run while one is active; Replace deletes the active ones first.
// It keeps status.active, lastScheduleTime and lastSuccessfulTime, and deletes the oldest finished Jobs
// beyond the history limits. Its clock is injectable, so tests need not wait for a minute to turn.
import { nextAfter, parseSchedule, validZone } from '../api/cron.js';
import { isApiError } from '../api/errors.js';
import { rfc3339 } from '../api/time.js';
import { EventRecorder } from '../client/events.js';
import { keyOf } from '../client/informer.js';
import { cronJobs, jobs } from '../client/resources.js';
import { SharedInformers } from '../client/shared.js';
import { WorkQueue, runWorkers } from '../client/workqueue.js';
import { controllerOf, controllerRef } from './controllerref.js';
import { ignoreNotFound, writeStatus } from './writes.js';
export const SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
/** Past this many missed start times the controller says so (and still starts only the latest). */
const TOO_MANY_MISSED = 100;
/** The longest a CronJob waits before it is looked at again, whatever its schedule. */
const MAX_WAIT_MS = 24 * 3600_000;
/**
 * The latest time at or before now the schedule was due and not yet started, counting from the last
 * scheduled time (or the CronJob's creation), but no earlier than startingDeadlineSeconds ago.
 */
export function mostRecentScheduleTime(cj, schedule, zone, now) {
    let earliest = Date.parse(cj.status?.lastScheduleTime ?? cj.metadata.creationTimestamp ?? '');
    if (Number.isNaN(earliest))
        earliest = now;
    const deadline = cj.spec.startingDeadlineSeconds;
    if (deadline !== undefined)
        earliest = Math.max(earliest, now - deadline * 1000);
    const t1 = nextAfter(schedule, earliest, zone);
    if (t1 === undefined || t1 > now)
        return { tooMany: false };
    const t2 = nextAfter(schedule, t1, zone);
    if (t2 === undefined || t2 > now)
        return { scheduled: t1, tooMany: false };
    // Many are due: jump near the latest by the schedule's period, then walk to it.
    const period = Math.max(60_000, Math.round((t2 - t1) / 1000) * 1000);
    const missed = Math.floor((now - t1) / period) + 1;
    let latest = t1 + (missed - 1) * period;
    const aligned = nextAfter(schedule, latest - 1, zone);
    latest = aligned !== undefined && aligned <= now ? aligned : t1;
    for (let t = nextAfter(schedule, latest, zone); t !== undefined && t <= now; t = nextAfter(schedule, t, zone))
        latest = t;
    return { scheduled: latest, tooMany: missed > TOO_MANY_MISSED };
}
const finishedCondition = (j) => j.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
/** The Job a CronJob starts for a scheduled time. */
export function jobFromCronJob(cj, scheduled, zone) {
    const tpl = cj.spec.jobTemplate;
    const stamp = new Date(scheduled);
    const meta = {
        name: `${cj.metadata.name}-${Math.floor(scheduled / 60_000)}`,
        namespace: cj.metadata.namespace,
        labels: { ...(tpl.metadata?.labels ?? {}) },
        annotations: { ...(tpl.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP]: zonedRfc3339(stamp, zone) },
        ownerReferences: [controllerRef(cj, 'batch/v1', 'CronJob')],
    };
    return { apiVersion: 'batch/v1', kind: 'Job', metadata: meta, spec: structuredClone(tpl.spec) };
}
/** RFC 3339 with the zone's offset, as Go formats a time in a location. */
function zonedRfc3339(d, zone) {
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'longOffset' }).formatToParts(d).map((p) => [p.type, p.value]));
    // Go writes a zero offset as Z.
    const offset = parts.timeZoneName.replace('GMT', '').replace(/^(\+00:00)?$/, 'Z');
    return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}
export class CronJobController {
    #client;
    #cronJobs;
    #jobs;
    #queue = new WorkQueue();
    #events;
    #log;
    #workers;
    #now;
    #zone;
    constructor(client, opts = {}) {
        this.#client = client;
        this.#log = opts.log ?? ((l) => process.stderr.write(`cronjob: ${l}\n`));
        this.#workers = opts.workers ?? 2;
        this.#now = opts.now ?? Date.now;
        this.#zone = opts.zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
        const informers = opts.informers ?? new SharedInformers(client, (e) => this.#log(`watch: ${e.message}`));
        this.#cronJobs = informers.cronJobs();
        this.#jobs = informers.jobs();
        this.#events = new EventRecorder(client, { component: 'cronjob-controller' });
        this.#cronJobs.addHandlers({
            onAdd: (cj) => this.#queue.add(keyOf(cj)),
            onUpdate: (_o, cj) => this.#queue.add(keyOf(cj)),
            onDelete: (cj) => this.#queue.add(keyOf(cj)),
        });
        const jobChanged = (j) => {
            const ref = controllerOf(j);
            if (ref?.kind === 'CronJob')
                this.#queue.add(`${j.metadata.namespace}/${ref.name}`);
        };
        this.#jobs.addHandlers({ onAdd: jobChanged, onUpdate: (_o, j) => jobChanged(j), onDelete: jobChanged });
    }
    async run(signal) {
        const informers = Promise.all([this.#cronJobs.run(signal), this.#jobs.run(signal)]);
        await Promise.all([this.#cronJobs.waitForSync(), this.#jobs.waitForSync()]);
        await runWorkers(this.#queue, this.#workers, (k) => this.reconcile(k), signal, (k, e) => this.#log(`${k}: ${e.message}`));
        await informers;
    }
    /** Looks at every CronJob again now (a test that moved the clock calls this). */
    resync() {
        for (const cj of this.#cronJobs.list())
            this.#queue.add(keyOf(cj));
    }
    async reconcile(key) {
        const cj = this.#cronJobs.get(key);
        if (!cj || cj.metadata.deletionTimestamp)
            return;
        const owned = this.#jobs.byIndex('owner', cj.metadata.uid).filter((j) => controllerOf(j)?.uid === cj.metadata.uid);
        const status = structuredClone(cj.status ?? {});
        await this.#syncActive(cj, status, owned);
        await this.#cleanHistory(cj, owned);
        const wait = await this.#schedule(cj, status);
        await writeStatus(this.#client, cronJobs, cj, status);
        if (wait !== undefined)
            this.#queue.addAfter(key, Math.min(Math.max(wait, 0), MAX_WAIT_MS) + 100);
    }
    /** status.active: the owned Jobs still running, and lastSuccessfulTime from the ones that completed. */
    async #syncActive(cj, status, owned) {
        const byUid = new Map(owned.map((j) => [j.metadata.uid, j]));
        const active = (status.active ?? []).filter((ref) => {
            const j = byUid.get(ref.uid ?? '');
            if (!j) {
                this.#events.event(cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
                return false;
            }
            const done = finishedCondition(j);
            if (done)
                this.#events.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, condition: ${done.type}`);
            return !done;
        });
        for (const j of owned) {
            const done = finishedCondition(j);
            if (!done && !active.some((r) => r.uid === j.metadata.uid) && !(await this.#listedNow(cj, j))) {
                // Made by `kubectl create job --from`, or by us before a lost status write: said, not adopted, as upstream.
                this.#events.event(cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata.name}`);
            }
            const completed = done?.type === 'Complete' ? j.status?.completionTime : undefined;
            if (completed && (!status.lastSuccessfulTime || Date.parse(completed) > Date.parse(status.lastSuccessfulTime)))
                status.lastSuccessfulTime = completed;
        }
        if (active.length)
            status.active = active;
        else
            delete status.active;
    }
    /** Whether the CronJob as stored now (our informer copy may predate our own write) lists j as active. */
    async #listedNow(cj, j) {
        const fresh = await ignoreNotFound(this.#client.get(cronJobs, cj.metadata.namespace, cj.metadata.name));
        return !!fresh?.status?.active?.some((r) => r.uid === j.metadata.uid);
    }
    #refTo(j) {
        return { kind: 'Job', namespace: j.metadata.namespace, name: j.metadata.name, uid: j.metadata.uid, apiVersion: 'batch/v1', resourceVersion: j.metadata.resourceVersion };
    }
    /** Deletes the oldest finished Jobs beyond successfulJobsHistoryLimit and failedJobsHistoryLimit. */
    async #cleanHistory(cj, owned) {
        const startOf = (j) => Date.parse(j.status?.startTime ?? j.metadata.creationTimestamp ?? '') || 0;
        for (const [type, limit] of [['Complete', cj.spec.successfulJobsHistoryLimit], ['Failed', cj.spec.failedJobsHistoryLimit]]) {
            if (limit === undefined)
                continue;
            const done = owned.filter((j) => !j.metadata.deletionTimestamp && finishedCondition(j)?.type === type).sort((a, b) => startOf(a) - startOf(b));
            for (const j of done.slice(0, Math.max(0, done.length - limit)))
                await this.#deleteJob(cj, j);
        }
    }
    async #deleteJob(cj, j) {
        const gone = await ignoreNotFound(this.#client.delete(jobs, j.metadata.namespace, j.metadata.name, { propagationPolicy: 'Background', preconditions: { uid: j.metadata.uid } }));
        if (gone)
            this.#events.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`);
    }
    /** Starts the Job due now, if any; returns ms until the next scheduled time. */
    async #schedule(cj, status) {
        const zone = cj.spec.timeZone ?? this.#zone;
        if (!validZone(zone)) {
            this.#events.event(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: ${JSON.stringify(zone)}: unknown time zone ${zone}`);
            return undefined;
        }
        let schedule;
        try {
            schedule = parseSchedule(cj.spec.schedule);
        }
        catch (e) {
            this.#events.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(cj.spec.schedule)} : ${e.message}`);
            return undefined;
        }
        const now = this.#now();
        const untilNext = () => {
            const next = nextAfter(schedule, now, zone);
            return next === undefined ? undefined : next - now;
        };
        if (cj.spec.suspend)
            return undefined;
        const { scheduled, tooMany } = mostRecentScheduleTime(cj, schedule, zone, now);
        if (tooMany)
            this.#events.event(cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
        if (scheduled === undefined)
            return untilNext();
        const deadline = cj.spec.startingDeadlineSeconds;
        if (deadline !== undefined && scheduled + deadline * 1000 < now) {
            this.#events.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${zonedRfc3339(new Date(scheduled), zone)}`);
            return untilNext();
        }
        const job = jobFromCronJob(cj, scheduled, zone);
        if ((status.active ?? []).some((r) => r.name === job.metadata.name))
            return untilNext();
        const policy = cj.spec.concurrencyPolicy ?? 'Allow';
        if (policy === 'Forbid' && status.active?.length) {
            this.#events.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
            return untilNext();
        }
        if (policy === 'Replace') {
            for (const ref of status.active ?? []) {
                const j = this.#jobs.get(`${ref.namespace}/${ref.name}`);
                if (j)
                    await this.#deleteJob(cj, j);
            }
            delete status.active;
        }
        let created;
        try {
            created = await this.#client.create(jobs, cj.metadata.namespace, job);
            this.#events.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${created.metadata.name}`);
        }
        catch (e) {
            if (!isApiError(e, 'AlreadyExists')) {
                this.#events.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${e.message}`);
                throw e;
            }
            // Made on an earlier pass whose status write was lost: it is ours if it names us.
            const existing = await ignoreNotFound(this.#client.get(jobs, cj.metadata.namespace, job.metadata.name));
            if (!existing || controllerOf(existing)?.uid !== cj.metadata.uid)
                return untilNext();
            created = existing;
        }
        if (!finishedCondition(created) && !(status.active ?? []).some((r) => r.uid === created.metadata.uid))
            status.active = [...(status.active ?? []), this.#refTo(created)];
        status.lastScheduleTime = rfc3339(scheduled);
        return untilNext();
    }
}
//# sourceMappingURL=cronjob.js.map