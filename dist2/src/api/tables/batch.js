// The rows of `kubectl get jobs|cronjobs`, with upstream's columns: STATUS / COMPLETIONS / DURATION
// for Jobs, SCHEDULE / TIMEZONE / SUSPEND / ACTIVE / LAST SCHEDULE for CronJobs, and -o wide's
// CONTAINERS, IMAGES and SELECTOR for both.
import { templateCells } from './apps.js';
import { ageColumn, column, doc, nameColumn } from './columns.js';
import { humanDuration, since } from './duration.js';
const batch = (type) => `io.k8s.api.batch.v1.${type}`;
function wideColumns() {
    return [
        column('Containers', 'Names of each container in the template.', { priority: 1 }),
        column('Images', 'Images referenced by each container in the template.', { priority: 1 }),
        column('Selector', doc(batch('JobSpec'), 'selector'), { priority: 1 }),
    ];
}
/** Containers, images and selector; a Job template without a selector prints `<none>` as upstream. */
function wideCells(spec) {
    const [names, images, selector] = templateCells(spec);
    return [names, images, selector || '<none>'];
}
const isTrue = (job, type) => (job.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
/** The STATUS cell: finished first, then what holds the Job, else Running. */
function jobStatus(job) {
    if (isTrue(job, 'Complete'))
        return 'Complete';
    if (isTrue(job, 'Failed'))
        return 'Failed';
    if (job.metadata.deletionTimestamp)
        return 'Terminating';
    for (const t of ['Suspended', 'FailureTarget', 'SuccessCriteriaMet'])
        if (isTrue(job, t))
            return t;
    return 'Running';
}
function completions(job) {
    const succeeded = job.status?.succeeded ?? 0;
    if (job.spec?.completions !== undefined)
        return `${succeeded}/${job.spec.completions}`;
    const parallelism = job.spec?.parallelism ?? 0;
    return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}
function jobDuration(job, now) {
    const start = job.status?.startTime;
    if (!start)
        return '';
    const end = job.status?.completionTime ? Date.parse(job.status.completionTime) : now.getTime();
    return humanDuration(end - Date.parse(start));
}
export function jobColumns() {
    return [
        nameColumn(),
        column('Status', 'Status of the job.'),
        column('Completions', doc(batch('JobStatus'), 'succeeded')),
        column('Duration', 'Time required to complete the job.'),
        ageColumn(),
        ...wideColumns(),
    ];
}
export function jobCells(o, now) {
    const job = o;
    return [o.metadata.name, jobStatus(job), completions(job), jobDuration(job, now), since(o.metadata.creationTimestamp, now), ...wideCells(job.spec)];
}
export function cronJobColumns() {
    return [
        nameColumn(),
        column('Schedule', doc(batch('CronJobSpec'), 'schedule')),
        column('Timezone', doc(batch('CronJobSpec'), 'timeZone')),
        column('Suspend', doc(batch('CronJobSpec'), 'suspend'), { type: 'boolean' }),
        column('Active', doc(batch('CronJobStatus'), 'active'), { type: 'integer' }),
        column('Last Schedule', doc(batch('CronJobStatus'), 'lastScheduleTime')),
        ageColumn(),
        ...wideColumns(),
    ];
}
export function cronJobCells(o, now) {
    const cj = o;
    const suspend = cj.spec?.suspend;
    const last = cj.status?.lastScheduleTime;
    return [
        o.metadata.name, cj.spec?.schedule ?? '', cj.spec?.timeZone ?? '<none>', suspend === undefined ? '<unset>' : suspend ? 'True' : 'False',
        cj.status?.active?.length ?? 0, last ? since(last, now) : '<none>', since(o.metadata.creationTimestamp, now), ...wideCells(cj.spec?.jobTemplate?.spec),
    ];
}
//# sourceMappingURL=batch.js.map