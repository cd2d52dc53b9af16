// The pods/eviction subresource: a deletion that honours PodDisruptionBudgets as upstream's does. A Pod
// that is not running (Pending, finished) or already being deleted goes at once; one guarded by a budget
// goes only if the budget allows a disruption, which the eviction takes (disruptionsAllowed - 1, the Pod
// noted in disruptedPods for the disruption controller) before the Pod is deleted. Otherwise 429, which
// `kubectl drain` retries.
import { budgetsCovering, DISRUPTION_BUDGET_CAUSE, podIsReady } from '../../api/disruption.js';
import { ApiError, forbidden } from '../../api/errors.js';
import { rfc3339 } from '../../api/time.js';
/** Upstream's cap on evictions the disruption controller has not confirmed yet. */
const MAX_DISRUPTED_PODS = 2000;
function tooManyRequests(why, retryAfterSeconds) {
    return new ApiError('TooManyRequests', "Cannot evict pod as it would violate the pod's disruption budget.", {
        ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
        causes: [{ reason: DISRUPTION_BUDGET_CAUSE, message: why }],
    });
}
/** A Pod a budget need not protect: not running, or on its way out already. */
function canIgnoreBudget(pod) {
    const phase = pod.status?.phase;
    return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata.deletionTimestamp;
}
/** Takes one disruption from pdb for pod (the status write), or throws what upstream answers. */
async function takeDisruption(pdbs, pdb, pod, ctx) {
    const ns = pdb.metadata.namespace;
    await pdbs.modify(ns, pdb.metadata.name, ctx, (cur) => {
        const fresh = cur;
        const s = fresh.status;
        if ((s?.observedGeneration ?? 0) < (fresh.metadata.generation ?? 0) || !s)
            throw tooManyRequests(`The disruption budget ${fresh.metadata.name} is still being processed by the server.`, 10);
        if (s.disruptionsAllowed < 0)
            throw forbidden('poddisruptionbudget', fresh.metadata.name, 'pdb disruptions allowed is negative', 'policy');
        if (Object.keys(s.disruptedPods ?? {}).length > MAX_DISRUPTED_PODS)
            throw forbidden('poddisruptionbudget', fresh.metadata.name, 'DisruptedPods map too big - too many evictions not confirmed by PDB controller', 'policy');
        if (s.disruptionsAllowed === 0)
            throw tooManyRequests(`The disruption budget ${fresh.metadata.name} needs ${s.desiredHealthy} healthy pods and has ${s.currentHealthy} currently`);
        s.disruptionsAllowed--;
        if (s.disruptionsAllowed === 0) {
            const old = s.conditions?.find((c) => c.type === 'DisruptionAllowed');
            const condition = { type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods', message: '', observedGeneration: fresh.metadata.generation ?? 0, lastTransitionTime: old?.status === 'False' ? old.lastTransitionTime : rfc3339() };
            s.conditions = [...(s.conditions ?? []).filter((c) => c.type !== 'DisruptionAllowed'), condition];
        }
        s.disruptedPods = { ...s.disruptedPods, [pod.metadata.name]: rfc3339() };
        return fresh;
    }, 'status');
}
/**
 * Evicts a Pod. `systemCtx` writes the Pod's DisruptionTarget condition (the server's own note, as
 * upstream's eviction adds it); the deletion itself runs as the caller.
 */
export async function evictPod(pods, pdbs, ns, name, opts, ctx, systemCtx) {
    const pod = pods.get(ns, name);
    let deleteOpts = { ...opts, subresource: 'eviction' };
    if (!canIgnoreBudget(pod)) {
        const covering = budgetsCovering([...pdbs.cache.scan(`${pdbs.cache.prefix}${ns}/`)].map((e) => e.obj), pod);
        if (covering.length > 1)
            throw new ApiError('InternalError', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
        const pdb = covering[0];
        if (pdb) {
            const s = pdb.status;
            const unhealthyMayGo = !podIsReady(pod) && (pdb.spec.unhealthyPodEvictionPolicy === 'AlwaysAllow' || (!!s && s.currentHealthy >= s.desiredHealthy && s.desiredHealthy > 0));
            if (unhealthyMayGo) {
                // Only the Pod as it was judged: one that became Ready meanwhile is judged again.
                deleteOpts = { ...deleteOpts, preconditions: { ...opts.preconditions, resourceVersion: pod.metadata.resourceVersion } };
            }
            else {
                await takeDisruption(pdbs, pdb, pod, ctx);
            }
        }
    }
    if (ctx.dryRun)
        return void (await pods.delete(ns, name, deleteOpts, ctx));
    await markDisruptionTarget(pods, pod, 'EvictionByEvictionAPI', 'Eviction API: evicting', systemCtx);
    await pods.delete(ns, name, deleteOpts, ctx);
}
/** Adds the DisruptionTarget condition to a Pod about to be deleted (eviction, preemption). */
export async function markDisruptionTarget(pods, pod, reason, message, systemCtx) {
    if (pod.metadata.deletionTimestamp)
        return;
    await pods.modify(pod.metadata.namespace, pod.metadata.name, systemCtx, (cur) => {
        const p = cur;
        const conditions = (p.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
        conditions.push({ type: 'DisruptionTarget', status: 'True', reason, message, lastTransitionTime: rfc3339() });
        p.status = { ...p.status, conditions };
        return p;
    }, 'status').catch((e) => {
        if (!(e instanceof ApiError && e.code === 'NotFound'))
            throw e;
    });
}
//# sourceMappingURL=eviction.js.map