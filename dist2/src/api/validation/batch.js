// batch/v1 rules for Jobs and CronJobs, worded as pkg/apis/batch/validation: a template whose Pods never
// restart Always, counts that are not negative, an Indexed Job with its completions, a podFailurePolicy
// that can match something, the generated selector left as generated, a schedule upstream's cron parser
// accepts in a zone that exists, and a Job whose template, selector and completions do not change once
// it runs (but for the few changes upstream allows).
import { CronError, parseSchedule, validZone } from '../cron.js';
import { fromLabelSelectorObject, matchLabels } from '../selectors/labels.js';
import { validateLabelSelector } from './apps.js';
import { FieldPath, NONNEGATIVE, duplicateValue, forbidden, immutable, invalidEach, invalidValue, requiredValue, unsupportedValue } from './field.js';
import { validateAnnotations, validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { isDNS1123Label, isQualifiedName, maxLenError, nameIsDNSSubdomain } from './names.js';
import { validatePodSpec } from './pod.js';
/** The labels the registry generates a Job's selector from, and their pre-1.27 twins it still adds. */
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const LEGACY_JOB_NAME_LABEL = 'job-name';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
const MAX_INDEXED = 100_000;
const POD_FAILURE_ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'];
const CONDITION_STATUSES = ['False', 'True', 'Unknown'];
function nonNegative(value, path) {
    return value !== undefined && value < 0 ? [invalidValue(path, value, NONNEGATIVE)] : [];
}
function validateTemplate(template, path) {
    if (!template)
        return [requiredValue(path)];
    const meta = path.child('metadata');
    return [...validateLabels(template.metadata?.labels, meta.child('labels')), ...validateAnnotations(template.metadata?.annotations, meta.child('annotations')), ...validatePodSpec(template.spec, path.child('spec'))];
}
function validateExitCodes(rule, path, containers) {
    const causes = [];
    if (rule.containerName !== undefined && !containers.has(rule.containerName)) {
        causes.push(invalidValue(path.child('containerName'), rule.containerName, 'must be one of the container or initContainer names in the pod template'));
    }
    if (!rule.operator)
        causes.push(requiredValue(path.child('operator'), 'valid values: ["In" "NotIn"]'));
    else if (rule.operator !== 'In' && rule.operator !== 'NotIn')
        causes.push(unsupportedValue(path.child('operator'), rule.operator, ['In', 'NotIn']));
    const values = rule.values ?? [];
    if (!values.length)
        causes.push(invalidValue(path.child('values'), values, 'at least one value is required'));
    const seen = new Set();
    values.forEach((v, i) => {
        const at = path.child('values').index(i);
        if (v === 0 && rule.operator === 'In')
            causes.push(invalidValue(at, v, 'must not be 0 for the In operator'));
        if (seen.has(v))
            causes.push(duplicateValue(at, v));
        if (i > 0 && values[i - 1] > v)
            causes.push(invalidValue(at, v, 'must be ordered'));
        seen.add(v);
    });
    return causes;
}
function validatePodFailurePolicy(spec, path) {
    const causes = [];
    const tpl = spec.template?.spec;
    const containers = new Set([...(tpl?.containers ?? []), ...(tpl?.initContainers ?? [])].map((c) => c.name));
    (spec.podFailurePolicy?.rules ?? []).forEach((rule, i) => {
        const at = path.child('rules').index(i);
        if (!rule.action)
            causes.push(requiredValue(at.child('action'), `valid values: [${POD_FAILURE_ACTIONS.map((a) => JSON.stringify(a)).join(' ')}]`));
        else if (rule.action === 'FailIndex') {
            if (spec.backoffLimitPerIndex === undefined)
                causes.push(invalidValue(at.child('action'), rule.action, 'requires the backoffLimitPerIndex to be set'));
        }
        else if (!POD_FAILURE_ACTIONS.includes(rule.action))
            causes.push(unsupportedValue(at.child('action'), rule.action, POD_FAILURE_ACTIONS));
        if (rule.onExitCodes)
            causes.push(...validateExitCodes(rule.onExitCodes, at.child('onExitCodes'), containers));
        (rule.onPodConditions ?? []).forEach((c, j) => {
            const cp = at.child('onPodConditions').index(j);
            causes.push(...invalidEach(cp.child('type'), c.type, isQualifiedName(c.type ?? '')));
            if (!CONDITION_STATUSES.includes(c.status ?? ''))
                causes.push(unsupportedValue(cp.child('status'), c.status ?? '', CONDITION_STATUSES));
        });
        const conditions = rule.onPodConditions?.length ?? 0;
        if (rule.onExitCodes && conditions)
            causes.push({ reason: 'FieldValueInvalid', field: at.toString(), message: 'Invalid value: specifying both OnExitCodes and OnPodConditions is not supported' });
        if (!rule.onExitCodes && !conditions)
            causes.push({ reason: 'FieldValueInvalid', field: at.toString(), message: 'Invalid value: specifying one of OnExitCodes and OnPodConditions is required' });
    });
    return causes;
}
/** validateJobSpec: what a Job and a CronJob's jobTemplate share. */
function validateJobSpecCommon(spec, path) {
    if (!spec)
        return [requiredValue(path)];
    const causes = [
        ...nonNegative(spec.parallelism, path.child('parallelism')),
        ...nonNegative(spec.completions, path.child('completions')),
        ...nonNegative(spec.activeDeadlineSeconds, path.child('activeDeadlineSeconds')),
        ...nonNegative(spec.backoffLimit, path.child('backoffLimit')),
        ...nonNegative(spec.ttlSecondsAfterFinished, path.child('ttlSecondsAfterFinished')),
    ];
    const mode = spec.completionMode;
    if (mode !== undefined && mode !== 'NonIndexed' && mode !== 'Indexed')
        causes.push(unsupportedValue(path.child('completionMode'), mode, ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed') {
        if (spec.completions === undefined)
            causes.push(requiredValue(path.child('completions'), 'when completion mode is Indexed'));
        else if (spec.completions > MAX_INDEXED)
            causes.push(invalidValue(path.child('completions'), spec.completions, `must be less than or equal to ${MAX_INDEXED} when completion mode is Indexed`));
        if ((spec.parallelism ?? 0) > MAX_INDEXED)
            causes.push(invalidValue(path.child('parallelism'), spec.parallelism, `must be less than or equal to ${MAX_INDEXED} when completion mode is Indexed`));
    }
    if (spec.backoffLimitPerIndex !== undefined && mode !== 'Indexed')
        causes.push(invalidValue(path.child('backoffLimitPerIndex'), spec.backoffLimitPerIndex, 'requires indexed completion mode'));
    // Refused rather than accepted and ignored: berth's Job controller does not implement them (yet).
    for (const field of ['backoffLimitPerIndex', 'maxFailedIndexes', 'successPolicy']) {
        if (spec[field] !== undefined)
            causes.push(forbidden(path.child(field), 'not supported by this server (berth has no per-index backoff or success policy)'));
    }
    if (spec.podReplacementPolicy !== undefined && spec.podReplacementPolicy !== 'TerminatingOrFailed' && spec.podReplacementPolicy !== 'Failed') {
        causes.push(unsupportedValue(path.child('podReplacementPolicy'), spec.podReplacementPolicy, ['Failed', 'TerminatingOrFailed']));
    }
    if (spec.podFailurePolicy) {
        causes.push(...validatePodFailurePolicy(spec, path.child('podFailurePolicy')));
        if (spec.podReplacementPolicy === 'TerminatingOrFailed')
            causes.push(invalidValue(path.child('podReplacementPolicy'), spec.podReplacementPolicy, 'must be Failed when podFailurePolicy is used'));
    }
    causes.push(...validateTemplate(spec.template, path.child('template')));
    const restart = spec.template?.spec?.restartPolicy;
    const restartPath = path.child('template').child('spec').child('restartPolicy');
    // An unset restartPolicy was defaulted to Always, so both read as "not chosen".
    if (restart === 'Always' || !restart)
        causes.push(requiredValue(restartPath, 'valid values: "OnFailure", "Never"'));
    else if (restart !== 'OnFailure' && restart !== 'Never')
        causes.push(unsupportedValue(restartPath, restart, ['OnFailure', 'Never']));
    else if (spec.podFailurePolicy && restart !== 'Never')
        causes.push(invalidValue(restartPath, restart, 'only "Never" is supported when podFailurePolicy is specified'));
    return causes;
}
/** ValidateGeneratedSelector: a generated selector selects this Job's uid, and the template carries its labels. */
function validateGeneratedSelector(job) {
    const spec = job.spec;
    if (spec?.manualSelector || !spec?.selector)
        return [];
    const causes = [];
    const meta = FieldPath.root('spec').child('template').child('metadata');
    const labels = spec.template?.metadata?.labels ?? {};
    for (const [key, want] of [[CONTROLLER_UID_LABEL, job.metadata.uid ?? ''], [JOB_NAME_LABEL, job.metadata.name ?? '']]) {
        if (labels[key] === undefined)
            causes.push(requiredValue(meta.child('labels').key(key)));
        else if (labels[key] !== want)
            causes.push(invalidValue(meta, labels, `must be '${want}'`));
    }
    try {
        if (!matchLabels(fromLabelSelectorObject(spec.selector), { [CONTROLLER_UID_LABEL]: job.metadata.uid ?? '' })) {
            causes.push(invalidValue(FieldPath.root('spec').child('selector'), spec.selector, '`selector` not auto-generated'));
        }
    }
    catch {
        // a malformed selector is reported by the selector's own validation
    }
    return causes;
}
export function validateJob(job) {
    const spec = FieldPath.root('spec');
    const s = job.spec;
    const causes = [...validateObjectMeta(job.metadata, { namespaced: true, nameRule: nameIsDNSSubdomain }), ...validateGeneratedSelector(job), ...validateJobSpecCommon(s, spec)];
    if (!s)
        return causes;
    if (!s.selector)
        causes.push(requiredValue(spec.child('selector')));
    else {
        const selCauses = validateLabelSelector(s.selector, spec.child('selector'));
        causes.push(...selCauses);
        if (!selCauses.length && !matchLabels(fromLabelSelectorObject(s.selector), s.template?.metadata?.labels ?? {})) {
            causes.push(invalidValue(spec.child('template').child('metadata').child('labels'), s.template?.metadata?.labels ?? {}, '`selector` does not match template `labels`'));
        }
    }
    // An Indexed Job's last Pod is named (and hostnamed) <job>-<completions-1>: that must be a DNS label.
    if (s.completionMode === 'Indexed' && (s.completions ?? 0) > 0 && job.metadata.name) {
        const host = `${job.metadata.name}-${s.completions - 1}`;
        if (isDNS1123Label(host).length)
            causes.push(invalidValue(FieldPath.root('metadata').child('name'), job.metadata.name, `will not able to create pod with invalid DNS label: ${host}`));
    }
    return causes;
}
/** The template with the scheduling directives a suspended, never-started Job may still change taken from `from`. */
function withDirectives(template, from) {
    const t = structuredClone(template);
    t.metadata = { ...(t.metadata ?? {}), labels: from.metadata?.labels, annotations: from.metadata?.annotations };
    for (const k of ['nodeSelector', 'affinity', 'tolerations', 'schedulingGates'])
        t.spec[k] = from.spec?.[k];
    return t;
}
export function validateJobUpdate(job, old) {
    const spec = FieldPath.root('spec');
    const s = job.spec ?? {};
    const o = old.spec ?? {};
    const causes = [...validateObjectMetaUpdate(job.metadata, old.metadata), ...validateJob(job).filter((c) => !c.field?.startsWith('metadata'))];
    const elastic = s.completionMode === 'Indexed' && s.completions !== undefined && s.completions === s.parallelism && o.completions === o.parallelism;
    if (!elastic && s.completions !== o.completions) {
        causes.push(s.completionMode === 'Indexed' ? invalidValue(spec.child('completions'), s.completions, 'can only be modified in tandem with spec.parallelism') : immutable(spec.child('completions'), s.completions, o.completions)[0]);
    }
    causes.push(...immutable(spec.child('selector'), s.selector, o.selector));
    causes.push(...immutable(spec.child('completionMode'), s.completionMode, o.completionMode));
    causes.push(...immutable(spec.child('podFailurePolicy'), s.podFailurePolicy, o.podFailurePolicy));
    causes.push(...immutable(spec.child('backoffLimitPerIndex'), s.backoffLimitPerIndex, o.backoffLimitPerIndex));
    // A suspended Job that never started may still move: its scheduling directives are not yet in any Pod.
    const mayMove = o.suspend === true && !old.status?.startTime;
    if (s.template && o.template)
        causes.push(...immutable(spec.child('template'), mayMove ? withDirectives(s.template, o.template) : s.template, o.template));
    return causes;
}
const JOB_STATUS_COUNTS = ['active', 'succeeded', 'failed', 'ready', 'terminating'];
export function validateJobStatusUpdate(job, old) {
    const causes = validateObjectMetaUpdate(job.metadata, old.metadata);
    const path = FieldPath.root('status');
    for (const k of JOB_STATUS_COUNTS)
        causes.push(...nonNegative(job.status?.[k], path.child(k)));
    return causes;
}
const TZ_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;
function validateTimeZone(zone, path) {
    if (zone === undefined)
        return [];
    if (!zone)
        return [invalidValue(path, zone, 'timeZone must be nil or non-empty string')];
    if (zone.split('/').some((p) => p === '.' || p === '..' || p.startsWith('-') || !TZ_PART.test(p)))
        return [invalidValue(path, zone, `unknown time zone ${zone}`)];
    if (zone.toLowerCase() === 'local')
        return [invalidValue(path, zone, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones')];
    return validZone(zone) ? [] : [invalidValue(path, zone, `unknown time zone ${zone}`)];
}
function validateSchedule(schedule, zone, allowTZ, path) {
    if (!schedule)
        return [requiredValue(path)];
    const causes = [];
    try {
        parseSchedule(schedule);
    }
    catch (e) {
        if (!(e instanceof CronError))
            throw e;
        causes.push(invalidValue(path, schedule, e.message));
    }
    if (allowTZ && schedule.includes('TZ') && zone !== undefined)
        causes.push(invalidValue(path, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
    else if (!allowTZ && schedule.includes('TZ'))
        causes.push(invalidValue(path, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
    return causes;
}
function validateCronJobSpec(cj, allowTZ) {
    const path = FieldPath.root('spec');
    const s = cj.spec ?? {};
    const causes = [
        ...validateSchedule(s.schedule, s.timeZone, allowTZ, path.child('schedule')),
        ...validateTimeZone(s.timeZone, path.child('timeZone')),
        ...nonNegative(s.startingDeadlineSeconds, path.child('startingDeadlineSeconds')),
        ...nonNegative(s.successfulJobsHistoryLimit, path.child('successfulJobsHistoryLimit')),
        ...nonNegative(s.failedJobsHistoryLimit, path.child('failedJobsHistoryLimit')),
    ];
    const policy = path.child('concurrencyPolicy');
    if (!s.concurrencyPolicy)
        causes.push(requiredValue(policy));
    else if (!CONCURRENCY_POLICIES.includes(s.concurrencyPolicy))
        causes.push(unsupportedValue(policy, s.concurrencyPolicy, CONCURRENCY_POLICIES));
    const tpl = path.child('jobTemplate');
    const jt = s.jobTemplate;
    if (!jt)
        return [...causes, requiredValue(tpl)];
    causes.push(...validateLabels(jt.metadata?.labels, tpl.child('metadata').child('labels')), ...validateAnnotations(jt.metadata?.annotations, tpl.child('metadata').child('annotations')));
    causes.push(...validateJobSpecCommon(jt.spec, tpl.child('spec')));
    if (jt.spec?.selector)
        causes.push(invalidValue(tpl.child('spec').child('selector'), jt.spec.selector, '`selector` will be auto-generated'));
    if (jt.spec?.manualSelector)
        causes.push(unsupportedValue(tpl.child('spec').child('manualSelector'), jt.spec.manualSelector, ['nil', 'false']));
    return causes;
}
/** Room for the `-<minutes>` suffix of the Jobs it creates within a 63-character label value. */
const CRONJOB_NAME_MAX = 52;
export function validateCronJob(cj) {
    const causes = validateObjectMeta(cj.metadata, { namespaced: true, nameRule: nameIsDNSSubdomain });
    const name = cj.metadata?.name ?? '';
    if (name.length > CRONJOB_NAME_MAX)
        causes.push(invalidValue(FieldPath.root('metadata').child('name'), name, maxLenError(CRONJOB_NAME_MAX)));
    return [...causes, ...validateCronJobSpec(cj, false)];
}
export function validateCronJobUpdate(cj, old) {
    // A schedule stored with CRON_TZ before the timeZone field existed may stay.
    return [...validateObjectMetaUpdate(cj.metadata, old.metadata), ...validateCronJobSpec(cj, old.spec?.schedule?.includes('TZ') ?? false)];
}
export function validateCronJobStatusUpdate(cj, old) {
    return validateObjectMetaUpdate(cj.metadata, old.metadata);
}
//# sourceMappingURL=batch.js.map