// Jobs: the generic strategy, plus the selector the registry generates on create unless the client
// asked for a manual one — the new Job's uid under batch.kubernetes.io/controller-uid, which only its
// own Pods carry — and the labels that go with it on the template (both the prefixed and the legacy
// names, as upstream still writes both). The Job itself shows its template's labels when it has none.
import { CONTROLLER_UID_LABEL, JOB_NAME_LABEL, LEGACY_CONTROLLER_UID_LABEL, LEGACY_JOB_NAME_LABEL } from '../../../api/validation/batch.js';
import { genericStrategy } from './generic.js';
function generateSelector(job) {
    const tpl = job.spec?.template;
    if (!tpl || typeof tpl !== 'object')
        return;
    tpl.metadata ??= {};
    // Labels the client set itself are kept: a conflict is validation's to report.
    const labels = (tpl.metadata.labels ??= {});
    for (const key of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL])
        labels[key] ??= job.metadata.name;
    for (const key of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL])
        labels[key] ??= job.metadata.uid;
    job.spec.selector ??= {};
    job.spec.selector.matchLabels ??= {};
    job.spec.selector.matchLabels[CONTROLLER_UID_LABEL] ??= job.metadata.uid;
}
export function jobStrategy() {
    const generic = genericStrategy({ kind: 'Job', hasStatus: true, resetStatusOnCreate: true });
    return {
        ...generic,
        prepareForCreate(obj) {
            generic.prepareForCreate(obj);
            const job = obj;
            if (!job.spec || job.spec.manualSelector)
                return;
            generateSelector(job);
            const labels = job.spec.template?.metadata?.labels;
            if (labels && !Object.keys(job.metadata.labels ?? {}).length)
                job.metadata.labels = { ...labels };
        },
    };
}
//# sourceMappingURL=job.js.map