// What upstream's Priority admission plugin and PriorityClass registry enforce: a Pod's priority and
// preemption policy come from its PriorityClass (or the global default class, or 0 without one); at most
// one class is the global default; the built-in system classes always exist and cannot be deleted.
import { ApiError, forbidden } from '../../api/errors.js';
import { SYSTEM_PRIORITY_CLASSES } from '../../api/validation/priorityclass.js';
const GROUP = 'scheduling.k8s.io';
/** The served PriorityClasses, as the Pod admission reads them. */
export class PriorityClasses {
    #storage;
    constructor(storage) {
        this.#storage = storage;
    }
    get(name) {
        return this.#storage.getEntry(undefined, name)?.obj;
    }
    /** The global default class; of several (written before the rule held), the lowest, as upstream. */
    globalDefault() {
        let best;
        for (const e of this.#storage.cache.scan(this.#storage.cache.prefix)) {
            const pc = e.obj;
            if (pc.globalDefault && (!best || pc.value < best.value))
                best = pc;
        }
        return best;
    }
    /** Creates the built-in classes that are missing. */
    async ensureSystemClasses(ctx) {
        for (const pc of SYSTEM_PRIORITY_CLASSES) {
            if (this.get(pc.metadata.name))
                continue;
            await this.#storage.create(undefined, structuredClone(pc), ctx).catch((e) => {
                if (!(e instanceof ApiError && e.code === 'AlreadyExists'))
                    throw e;
            });
        }
    }
    /** Admission of PriorityClass writes: one global default; the built-in classes stay. */
    admit(verb, obj, old) {
        if (verb === 'delete') {
            const name = old?.metadata.name ?? '';
            if (SYSTEM_PRIORITY_CLASSES.some((s) => s.metadata.name === name))
                throw forbidden('priorityclasses', name, 'this is a system priority class and cannot be deleted', GROUP);
            return;
        }
        const pc = obj;
        if (!pc?.globalDefault || (verb !== 'create' && verb !== 'update'))
            return;
        const current = this.globalDefault();
        if (current && (verb === 'create' || current.metadata.name !== pc.metadata.name)) {
            throw forbidden('priorityclasses', pc.metadata.name ?? '', `PriorityClass ${current.metadata.name} is already marked as default. Only one default can exist`, GROUP);
        }
    }
    /** Sets a created Pod's priority (and preemption policy) from its class, refusing what upstream refuses. */
    admitPod(pod) {
        const spec = pod.spec;
        const refuse = (why) => forbidden('pods', pod.metadata.name ?? '', why);
        let value = 0;
        let policy = 'PreemptLowerPriority';
        if (spec.priorityClassName) {
            const pc = this.get(spec.priorityClassName);
            if (!pc)
                throw refuse(`no PriorityClass with name ${spec.priorityClassName} was found`);
            value = pc.value;
            policy = pc.preemptionPolicy;
        }
        else {
            const pc = this.globalDefault();
            if (pc) {
                spec.priorityClassName = pc.metadata.name;
                value = pc.value;
                policy = pc.preemptionPolicy;
            }
        }
        if (spec.priority !== undefined && spec.priority !== value) {
            throw refuse(`the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`);
        }
        spec.priority = value;
        if (policy) {
            if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== policy) {
                throw refuse(`the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`);
            }
            spec.preemptionPolicy = policy;
        }
    }
}
//# sourceMappingURL=priority.js.map