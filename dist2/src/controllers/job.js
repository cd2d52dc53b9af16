// The Job controller: runs a Job's Pods to completion. It keeps up to spec.parallelism Pods active until
// spec.completions have succeeded (for Indexed Jobs, one per index, the index in each Pod), replaces
// failed Pods after an exponential backoff, and fails the Job past backoffLimit, past
// activeDeadlineSeconds, or when a podFailurePolicy rule says so. Every Pod carries the job-tracking
// finalizer until its end is in status: first its uid goes to uncountedTerminatedPods, then the
// finalizer comes off, then the uid moves into the succeeded/failed counts — so a Pod is counted once
// even if the controller dies between steps. A finishing Job gets SuccessCriteriaMet or FailureTarget,
// its remaining Pods are deleted, and Complete or Failed follows once none is left running. Suspended
// Jobs have no Pods; finished Jobs with ttlSecondsAfterFinished are deleted when it runs out.
import { isApiError } from '../api/errors.js';
import { fromLabelSelectorObject, matchLabels } from '../api/selectors/labels.js';
import { rfc3339 } from '../api/time.js';
import { EventRecorder } from '../client/events.js';
import { keyOf } from '../client/informer.js';
import { jobs, pods } from '../client/resources.js';
import { SharedInformers } from '../client/shared.js';
import { WorkQueue, runWorkers } from '../client/workqueue.js';
import { adopt, controllerOf, controllerRef } from './controllerref.js';
import { Expectations } from './expectations.js';
import { JOB_TRACKING_FINALIZER, completionIndex, finishedAt, formatIndexes, isTerminal, matchFailurePolicy, parseIndexes, podFromJob } from './jobpods.js';
import { deletionOrder, isActive, isReady } from './podstate.js';
import { PodControl } from './podcontrol.js';
import { ignoreNotFound } from './writes.js';
/** Most Pods created or deleted in one pass (upstream's burst). */
const BURST = 500;
const ORPHAN = 'pod:';
const isFinished = (j) => (j.status?.conditions ?? []).some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
const conditionOf = (j, type) => j.status?.conditions?.find((c) => c.type === type && c.status === 'True');
export class JobController {
    #client;
    #jobs;
    #pods;
    #queue = new WorkQueue();
    #expectations = new Expectations();
    #events;
    #podControl;
    #log;
    #workers;
    #now;
    #backoffBase;
    #backoffMax;
    /**
     * Pods whose finalizer this controller took off and whose informer copy may still show it: they are
     * counted already, and counting them again from the stale copy is what the finalizer is there to prevent.
     */
    #released = new Set();
    /**
     * Per Job, the resourceVersion of the status this controller last wrote: an informer copy older than
     * that would count from stale numbers (and start Pods already done), so it waits for the newer one.
     * (berth's resourceVersions are store revisions, so they compare as numbers.)
     */
    #wrote = new Map();
    constructor(client, opts = {}) {
        this.#client = client;
        this.#log = opts.log ?? ((l) => process.stderr.write(`job: ${l}\n`));
        this.#workers = opts.workers ?? 4;
        this.#now = opts.now ?? Date.now;
        this.#backoffBase = opts.backoffBaseMs ?? 10_000;
        this.#backoffMax = opts.backoffMaxMs ?? 360_000;
        const informers = opts.informers ?? new SharedInformers(client, (e) => this.#log(`watch: ${e.message}`));
        this.#jobs = informers.jobs();
        this.#pods = informers.pods();
        this.#events = new EventRecorder(client, { component: 'job-controller' });
        this.#podControl = new PodControl(client, this.#events, this.#expectations);
        this.#jobs.addHandlers({
            onAdd: (j) => this.#queue.add(keyOf(j)),
            onUpdate: (_o, j) => this.#queue.add(keyOf(j)),
            onDelete: (j) => {
                this.#expectations.forget(keyOf(j));
                this.#wrote.delete(keyOf(j));
                this.#queue.add(keyOf(j));
            },
        });
        this.#pods.addHandlers({
            onAdd: (p) => this.#podChanged(p, true),
            onUpdate: (_o, p) => this.#podChanged(p, false),
            onDelete: (p) => {
                this.#released.delete(p.metadata.uid);
                const job = this.#owner(p);
                if (!job)
                    return;
                this.#expectations.deletionObserved(keyOf(job), keyOf(p));
                this.#queue.add(keyOf(job));
            },
        });
    }
    /** The Job that controls p, if this controller knows it. */
    #owner(p) {
        const ref = controllerOf(p);
        if (ref?.kind !== 'Job')
            return undefined;
        const job = this.#jobs.get(`${p.metadata.namespace}/${ref.name}`);
        return job?.metadata.uid === ref.uid ? job : undefined;
    }
    #podChanged(p, added) {
        if (!p.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER))
            this.#released.delete(p.metadata.uid);
        const job = this.#owner(p);
        if (job) {
            if (added)
                this.#expectations.creationObserved(keyOf(job));
            if (p.metadata.deletionTimestamp)
                this.#expectations.deletionObserved(keyOf(job), keyOf(p));
            this.#queue.add(keyOf(job));
        }
        else if (p.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER) && controllerOf(p)?.kind === 'Job') {
            // Its Job is gone: nobody will count it, so nothing may hold it.
            this.#queue.add(ORPHAN + keyOf(p));
        }
        else if (!controllerOf(p)) {
            for (const j of this.#jobs.byIndex('namespace', p.metadata.namespace ?? ''))
                if (j.spec.manualSelector && this.#selects(j, p))
                    this.#queue.add(keyOf(j));
        }
    }
    /** Asks the API, not the cache: a Job created a moment ago may not be in the informer yet. */
    async #ownerStillExists(p) {
        const ref = controllerOf(p);
        const job = await ignoreNotFound(this.#client.get(jobs, p.metadata.namespace, ref.name));
        return job?.metadata.uid === ref.uid;
    }
    #selects(job, p) {
        try {
            return matchLabels(fromLabelSelectorObject(job.spec.selector), p.metadata.labels);
        }
        catch {
            return false;
        }
    }
    async run(signal) {
        const informers = Promise.all([this.#jobs.run(signal), this.#pods.run(signal)]);
        await Promise.all([this.#jobs.waitForSync(), this.#pods.waitForSync()]);
        await runWorkers(this.#queue, this.#workers, (k) => this.reconcile(k), signal, (k, e) => this.#log(`${k}: ${e.message}`));
        await informers;
    }
    async reconcile(key) {
        if (key.startsWith(ORPHAN)) {
            const p = this.#pods.get(key.slice(ORPHAN.length));
            if (p && !this.#owner(p) && !(await this.#ownerStillExists(p)))
                await this.#releaseFinalizers([p]);
            return;
        }
        const job = this.#jobs.get(key);
        if (!job) {
            this.#expectations.forget(key);
            return;
        }
        const managedBy = job.spec.managedBy;
        if (managedBy !== undefined && managedBy !== 'kubernetes.io/job-controller')
            return;
        const owned = await this.#claimPods(job);
        if (job.metadata.deletionTimestamp || isFinished(job)) {
            await this.#releaseFinalizers(owned);
            if (!job.metadata.deletionTimestamp)
                await this.#expireAfterTtl(job);
            return;
        }
        await this.#sync(job, owned);
    }
    /** The Pods job controls, adopting matching orphans when its selector is the user's own. */
    async #claimPods(job) {
        const uid = job.metadata.uid;
        const owned = this.#pods.byIndex('owner', uid).filter((p) => controllerOf(p)?.uid === uid && this.#selects(job, p));
        if (!job.spec.manualSelector || job.metadata.deletionTimestamp)
            return owned;
        for (const p of this.#pods.byIndex('namespace', job.metadata.namespace ?? '')) {
            if (controllerOf(p) || p.metadata.deletionTimestamp || !this.#selects(job, p))
                continue;
            const adopted = await ignoreNotFound(adopt(this.#client, pods, p, controllerRef(job, 'batch/v1', 'Job')));
            if (adopted)
                owned.push(adopted);
        }
        return owned;
    }
    /** Takes the tracking finalizer off each Pod that has it; resolves with the uids it is now off (or gone). */
    async #releaseFinalizers(list) {
        const done = new Set();
        await Promise.all(list.map(async (p) => {
            const finalizers = p.metadata.finalizers ?? [];
            if (!finalizers.includes(JOB_TRACKING_FINALIZER))
                return void done.add(p.metadata.uid);
            const rest = finalizers.filter((f) => f !== JOB_TRACKING_FINALIZER);
            try {
                await this.#client.patch(pods, p.metadata.namespace, p.metadata.name, 'merge', { metadata: { finalizers: rest.length ? rest : null, resourceVersion: p.metadata.resourceVersion } });
                this.#released.add(p.metadata.uid); // until the informer shows it without (or gone)
                done.add(p.metadata.uid);
            }
            catch (e) {
                if (isApiError(e, 'NotFound'))
                    done.add(p.metadata.uid);
                else if (!isApiError(e, 'Conflict'))
                    throw e; // a newer copy comes with its own event
            }
        }));
        return done;
    }
    async #expireAfterTtl(job) {
        const ttl = job.spec.ttlSecondsAfterFinished;
        if (ttl === undefined)
            return;
        const finished = conditionOf(job, 'Complete') ?? conditionOf(job, 'Failed');
        const at = Date.parse(job.status?.completionTime ?? finished?.lastTransitionTime ?? '') + ttl * 1000;
        const wait = at - this.#now();
        if (wait > 0)
            return this.#queue.addAfter(keyOf(job), wait);
        await ignoreNotFound(this.#client.delete(jobs, job.metadata.namespace, job.metadata.name, { propagationPolicy: 'Foreground', preconditions: { uid: job.metadata.uid } }));
    }
    /** A failed Pod counts against backoffLimit unless its podFailurePolicy rule says Ignore. */
    #failureCounts(job, p) {
        return matchFailurePolicy(job, p)?.rule.action !== 'Ignore';
    }
    /**
     * A Pod that has ended as far as counting goes: terminal, or being deleted when nothing waits for it
     * to reach a phase (no podFailurePolicy to read it, or the Job no longer wants it: suspended or ending).
     */
    #ended(job, p, ending) {
        if (p.status?.phase === 'Succeeded')
            return 'Succeeded';
        if (p.status?.phase === 'Failed')
            return 'Failed';
        const replaceTerminating = job.spec.podReplacementPolicy !== 'Failed' && !job.spec.podFailurePolicy;
        return p.metadata.deletionTimestamp && (replaceTerminating || ending || job.spec.suspend) ? 'Failed' : undefined;
    }
    async #sync(job, owned) {
        const key = keyOf(job);
        if (Number(job.metadata.resourceVersion) < (this.#wrote.get(key) ?? 0))
            return;
        const now = this.#now();
        const spec = job.spec;
        const status = structuredClone(job.status ?? {});
        const uncounted = { succeeded: new Set(status.uncountedTerminatedPods?.succeeded ?? []), failed: new Set(status.uncountedTerminatedPods?.failed ?? []) };
        // A FailJob match ends the Job whichever pass sees it (a pass may start from a Job copy older than its Pods).
        let outcome = this.#pendingOutcome(job) ?? this.#failJobMatch(job, owned);
        // Step 1: Pods that ended and still hold the finalizer are recorded as uncounted.
        const toRelease = [];
        const holds = (p) => !!p.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER) && !this.#released.has(p.metadata.uid);
        for (const p of owned) {
            if (!holds(p))
                continue;
            const uid = p.metadata.uid;
            const ended = this.#ended(job, p, outcome !== undefined);
            if (uncounted.succeeded.has(uid) || uncounted.failed.has(uid))
                toRelease.push(p);
            else if (ended === 'Succeeded') {
                uncounted.succeeded.add(uid);
                toRelease.push(p);
            }
            else if (ended === 'Failed' || (outcome && !outcome.success)) {
                if (ended !== 'Failed' || matchFailurePolicy(job, p)?.rule.action !== 'Ignore')
                    uncounted.failed.add(uid);
                toRelease.push(p);
            }
        }
        const recorded = uncounted.succeeded.size + uncounted.failed.size !== (status.uncountedTerminatedPods?.succeeded?.length ?? 0) + (status.uncountedTerminatedPods?.failed?.length ?? 0);
        status.uncountedTerminatedPods = this.#uncountedOf(uncounted);
        let current = job;
        if (recorded)
            current = (await this.#writeStatus(job, status)) ?? job;
        if (current === job && recorded)
            return; // stale: the fresh Job brings another pass
        // Step 2: the finalizers come off; step 3: what came off moves into the counts.
        const released = await this.#releaseFinalizers(toRelease);
        // An uncounted uid whose Pod no longer holds the finalizer (released now, or gone) is counted.
        const held = new Set(owned.filter((p) => holds(p) && !released.has(p.metadata.uid)).map((p) => p.metadata.uid));
        for (const uid of [...uncounted.succeeded])
            if (!held.has(uid) && uncounted.succeeded.delete(uid))
                status.succeeded = (status.succeeded ?? 0) + 1;
        for (const uid of [...uncounted.failed])
            if (!held.has(uid) && uncounted.failed.delete(uid))
                status.failed = (status.failed ?? 0) + 1;
        status.uncountedTerminatedPods = this.#uncountedOf(uncounted);
        const active = owned.filter(isActive);
        const terminating = owned.filter((p) => p.metadata.deletionTimestamp && !isTerminal(p));
        const indexed = spec.completionMode === 'Indexed';
        const completions = spec.completions;
        let completed = new Set();
        if (indexed) {
            completed = parseIndexes(status.completedIndexes);
            for (const p of owned) {
                const ix = completionIndex(p);
                if (p.status?.phase === 'Succeeded' && ix !== undefined && ix < (completions ?? 0))
                    completed.add(ix);
            }
            status.completedIndexes = formatIndexes(completed);
        }
        const succeeded = indexed ? completed.size : (status.succeeded ?? 0) + uncounted.succeeded.size;
        const failed = (status.failed ?? 0) + uncounted.failed.size;
        // What ends the Job, if nothing already does.
        const suspended = spec.suspend === true;
        if (!outcome && !suspended)
            outcome = this.#decide(job, status, active, succeeded, failed, now);
        let next;
        if (outcome) {
            this.#setCondition(status, outcome.success ? 'SuccessCriteriaMet' : 'FailureTarget', outcome.reason, outcome.message, now);
            await this.#deletePods(job, active);
            // The end is final once no Pod of the Job still runs or awaits counting.
            const settled = active.length === 0 && terminating.length === 0 && uncounted.succeeded.size + uncounted.failed.size === 0;
            if (settled)
                this.#finish(job, status, outcome, now);
        }
        else if (suspended) {
            await this.#deletePods(job, active);
            if (!conditionOf(job, 'Suspended')) {
                this.#setCondition(status, 'Suspended', 'JobSuspended', 'Job suspended', now);
                this.#events.event(job, 'Normal', 'Suspended', 'Job suspended');
            }
            delete status.startTime;
        }
        else {
            if (conditionOf(job, 'Suspended')) {
                this.#setCondition(status, 'Suspended', 'JobResumed', 'Job resumed', now, 'False');
                this.#events.event(job, 'Normal', 'Resumed', 'Job resumed');
                status.startTime = rfc3339(now);
            }
            status.startTime ??= rfc3339(now);
            if (spec.activeDeadlineSeconds !== undefined)
                next = Date.parse(status.startTime) + spec.activeDeadlineSeconds * 1000 - now;
            if (this.#expectations.satisfied(key)) {
                const wait = await this.#manage(job, owned, active, terminating, completed, succeeded, now);
                if (wait !== undefined)
                    next = next === undefined ? wait : Math.min(next, wait);
            }
        }
        const stillActive = outcome || suspended ? [] : active;
        status.active = stillActive.length;
        status.ready = stillActive.filter(isReady).length;
        status.terminating = terminating.length;
        // The counts hold what left uncountedTerminatedPods; the uids still there are added when they leave it.
        if (indexed)
            status.succeeded = completed.size;
        this.#tidy(status);
        await this.#writeStatus(current, status);
        if (next !== undefined)
            this.#queue.addAfter(key, Math.max(next, 0) + 50);
    }
    #uncountedOf(u) {
        return { ...(u.succeeded.size ? { succeeded: [...u.succeeded] } : {}), ...(u.failed.size ? { failed: [...u.failed] } : {}) };
    }
    #failJobMatch(job, owned) {
        if (!job.spec.podFailurePolicy)
            return undefined;
        for (const p of owned) {
            const match = p.status?.phase === 'Failed' ? matchFailurePolicy(job, p) : undefined;
            if (match?.rule.action === 'FailJob')
                return { success: false, reason: 'PodFailurePolicy', message: match.message };
        }
        return undefined;
    }
    /** A finish already decided (the interim condition is in status) and waiting for its Pods. */
    #pendingOutcome(job) {
        const target = conditionOf(job, 'FailureTarget');
        if (target)
            return { success: false, reason: target.reason ?? '', message: target.message ?? '' };
        const met = conditionOf(job, 'SuccessCriteriaMet');
        if (met)
            return { success: true, reason: met.reason ?? '', message: met.message ?? '' };
        return undefined;
    }
    #decide(job, status, active, succeeded, failed, now) {
        const spec = job.spec;
        // With OnFailure the kubelet restarts containers in place: their restarts count as failures too.
        const restarts = spec.template.spec.restartPolicy === 'OnFailure' ? active.reduce((n, p) => n + (p.status?.containerStatuses ?? []).reduce((m, c) => m + (c.restartCount ?? 0), 0), 0) : 0;
        if (failed + restarts > (spec.backoffLimit ?? 6))
            return { success: false, reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
        if (spec.activeDeadlineSeconds !== undefined && status.startTime && now - Date.parse(status.startTime) >= spec.activeDeadlineSeconds * 1000) {
            return { success: false, reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
        }
        const done = spec.completions === undefined ? succeeded > 0 && active.length === 0 : succeeded >= spec.completions;
        return done ? { success: true, reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' } : undefined;
    }
    #finish(job, status, outcome, now) {
        if (outcome.success) {
            this.#setCondition(status, 'Complete', outcome.reason, outcome.message, now);
            status.completionTime = rfc3339(now);
            this.#events.event(job, 'Normal', 'Completed', 'Job completed');
        }
        else {
            this.#setCondition(status, 'Failed', outcome.reason, outcome.message, now);
            this.#events.event(job, 'Warning', outcome.reason, outcome.message);
        }
        if (job.spec.ttlSecondsAfterFinished !== undefined)
            this.#queue.addAfter(keyOf(job), job.spec.ttlSecondsAfterFinished * 1000 + 50);
    }
    #setCondition(status, type, reason, message, now, value = 'True') {
        const conditions = (status.conditions ??= []);
        const old = conditions.find((c) => c.type === type);
        if (old && old.status === value && old.reason === reason)
            return;
        const c = { type, status: value, lastProbeTime: rfc3339(now), lastTransitionTime: rfc3339(now), reason, message };
        if (old)
            Object.assign(old, c);
        else
            conditions.push(c);
    }
    /** Status as upstream serves it: zero counts left out, ready and terminating always there. */
    #tidy(status) {
        for (const k of ['active', 'succeeded', 'failed'])
            if (!status[k])
                delete status[k];
        if (!status.completedIndexes)
            delete status.completedIndexes;
    }
    /**
     * Creates or deletes Pods toward what the Job wants now; returns in how many ms to look again when
     * the failure backoff holds creation back.
     */
    async #manage(job, owned, active, terminating, completed, succeeded, now) {
        const spec = job.spec;
        const parallelism = spec.parallelism ?? 1;
        // With podReplacementPolicy Failed a terminating Pod still holds its place.
        const holding = spec.podReplacementPolicy === 'Failed' || spec.podFailurePolicy ? [...active, ...terminating] : active;
        let create = [];
        let remove = [];
        if (spec.completionMode === 'Indexed') {
            const completions = spec.completions ?? 0;
            const seen = new Set();
            for (const p of [...holding].sort((a, b) => (completionIndex(a) ?? -1) - (completionIndex(b) ?? -1))) {
                const ix = completionIndex(p);
                // A Pod without a valid index, for an index done, or a second one for an index, is surplus.
                if (ix === undefined || ix >= completions || completed.has(ix) || seen.has(ix)) {
                    if (isActive(p))
                        remove.push(p);
                }
                else
                    seen.add(ix);
            }
            const room = Math.max(0, parallelism - seen.size);
            for (let ix = 0; ix < completions && create.length < room; ix++)
                if (!completed.has(ix) && !seen.has(ix))
                    create.push(ix);
            const kept = holding.filter((p) => !remove.includes(p) && isActive(p));
            if (kept.length > parallelism)
                remove.push(...kept.sort((a, b) => (completionIndex(b) ?? 0) - (completionIndex(a) ?? 0)).slice(0, kept.length - parallelism));
        }
        else {
            const want = spec.completions === undefined ? (succeeded > 0 ? 0 : parallelism) : Math.max(0, Math.min(parallelism, spec.completions - succeeded));
            const diff = want - holding.length;
            if (diff > 0)
                create = Array.from({ length: diff }, () => undefined);
            else if (diff < 0)
                remove = [...active].sort(deletionOrder).slice(0, -diff);
        }
        if (remove.length)
            await this.#deletePods(job, remove.slice(0, BURST));
        if (!create.length)
            return undefined;
        const wait = this.#backoffRemaining(job, owned, now);
        if (wait > 0)
            return wait;
        await this.#createPods(job, create.slice(0, BURST));
        return undefined;
    }
    /** ms until the next replacement may start: 10 s doubling per failure since the last success, capped. */
    #backoffRemaining(job, owned, now) {
        const lastSuccess = Math.max(0, ...owned.filter((p) => p.status?.phase === 'Succeeded').map((p) => finishedAt(p, now)));
        const failures = owned.filter((p) => p.status?.phase === 'Failed' && this.#failureCounts(job, p)).map((p) => finishedAt(p, now)).filter((t) => t > lastSuccess);
        if (!failures.length)
            return 0;
        const delay = Math.min(this.#backoffBase * 2 ** (failures.length - 1), this.#backoffMax);
        return Math.max(...failures) + delay - now;
    }
    async #createPods(job, indexes) {
        const failure = await this.#podControl.create(job, keyOf(job), indexes.map((ix) => podFromJob(job, ix)));
        if (failure)
            throw failure;
    }
    async #deletePods(job, victims) {
        if (!victims.length)
            return;
        const failure = await this.#podControl.delete(job, keyOf(job), victims);
        if (failure)
            throw failure;
    }
    /** Writes status; the stored Job, or undefined when our copy was stale (the fresh one brings a pass). */
    async #writeStatus(job, status) {
        if (JSON.stringify(status) === JSON.stringify(job.status ?? {}))
            return job;
        try {
            const stored = await this.#client.update(jobs, job.metadata.namespace, { ...job, status }, { subresource: 'status' });
            this.#wrote.set(keyOf(job), Number(stored.metadata.resourceVersion));
            return stored;
        }
        catch (e) {
            if (isApiError(e, 'Conflict') || isApiError(e, 'NotFound'))
                return undefined;
            throw e;
        }
    }
}
//# sourceMappingURL=job.js.map