// batch/v1 defaults: Job (SetDefaults_Job) and CronJob. The Job's selector and the labels that go with
// it are not defaults but the registry's (they need the new object's uid): registry/kinds/job.ts.
import { defaultPodTemplate } from './apps.js';
export function defaultJob(job) {
    job.spec ??= {};
    const spec = job.spec;
    // A non-parallel Job may leave both unset; then both are 1. Unset completions alone means "until one succeeds".
    if (spec.completions === undefined && spec.parallelism === undefined)
        spec.completions = 1;
    spec.parallelism ??= 1;
    spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6;
    spec.completionMode ??= 'NonIndexed';
    spec.suspend ??= false;
    spec.manualSelector ??= false;
    for (const rule of spec.podFailurePolicy?.rules ?? [])
        for (const c of rule.onPodConditions ?? [])
            c.status ??= 'True';
    spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
    defaultPodTemplate(spec.template);
}
export function defaultCronJob(cj) {
    cj.spec ??= {};
    const spec = cj.spec;
    spec.concurrencyPolicy ??= 'Allow';
    spec.suspend ??= false;
    spec.successfulJobsHistoryLimit ??= 3;
    spec.failedJobsHistoryLimit ??= 1;
    if (spec.jobTemplate && typeof spec.jobTemplate === 'object')
        defaultPodTemplate(spec.jobTemplate.spec?.template);
}
//# sourceMappingURL=batch.js.map