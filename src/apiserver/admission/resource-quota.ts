// What upstream's ResourceQuota admission plugin does: a new object's usage (custom resources' included,
// as `count/<plural>.<group>`), or what an update adds to the old one's (a Pod's resize, a Service's or
// claim's update, as upstream's evaluators charge updates), is added to each covering quota's
// status.used and refused (403) when that passes spec.hard, or when a Pod leaves unset a compute
// resource the quota limits. The charge is written to the quota's status before the object is stored,
// one request per namespace at a time and retried on a conflict with the quota controller, so
// concurrent writes cannot both pass the last unit. The controller later recounts.

import { ApiError, forbidden } from '../../api/errors.js';
import { addQuantities, compareQuantities, formatQuantity, parseQuantity, type Quantity } from '../../api/quantity.js';
import { quotaCovers, unspecifiedCompute, usageIncrease, usageOf, type Usage } from '../../api/quota/usage.js';
import type { ResourceInfo } from '../../api/schema/resources.js';
import type { KObject, Pod, ResourceQuota } from '../../api/types.js';
import type { RequestContext } from '../registry/context.js';
import type { RestStorage } from '../registry/rest.js';
import { sleep } from '../../util/sleep.js';

const MAX_ATTEMPTS = 5;

/** `a=1,b=2`, sorted by name, as upstream prints resource lists. */
function pretty(list: Map<string, Quantity>): string {
  return [...list.keys()].sort().map((k) => `${k}=${formatQuantity(list.get(k)!)}`).join(',');
}

/** The updates upstream's evaluators charge: a Pod's through pods/resize, a Service's or claim's own. */
function chargesUpdate(r: ResourceInfo, subresource: string | undefined): boolean {
  if (r.group !== '') return false;
  if (r.plural === 'pods') return subresource === 'resize';
  return (r.plural === 'services' || r.plural === 'persistentvolumeclaims') && !subresource;
}

export class ResourceQuotas {
  readonly #storage: RestStorage;
  readonly #ctx: RequestContext;
  /** The tail of each namespace's queue of charges. */
  readonly #queues = new Map<string, Promise<void>>();

  constructor(storage: RestStorage, ctx: RequestContext) {
    this.#storage = storage;
    this.#ctx = ctx;
  }

  #inNamespace(ns: string): ResourceQuota[] {
    return [...this.#storage.cache.scan(`${this.#storage.cache.prefix}${ns}/`)].map((e) => e.obj as ResourceQuota);
  }

  /** Charges obj (of resource r, being created) to its namespace's quotas, or throws Forbidden. */
  admitCreate(r: ResourceInfo, obj: KObject, ctx: RequestContext): Promise<void> {
    return this.#admit(r, obj, () => usageOf(r.plural, r.group, obj), ctx);
  }

  /** Charges what an update of obj adds to old's usage, for the updates upstream charges; or throws Forbidden. */
  admitUpdate(r: ResourceInfo, obj: KObject, old: KObject, ctx: RequestContext, subresource?: string): Promise<void> {
    if (!chargesUpdate(r, subresource)) return Promise.resolve();
    return this.#admit(r, obj, () => usageIncrease(usageOf(r.plural, r.group, old), usageOf(r.plural, r.group, obj)), ctx);
  }

  async #admit(r: ResourceInfo, obj: KObject, usageFn: () => Usage, ctx: RequestContext): Promise<void> {
    const ns = obj.metadata.namespace;
    if (!ns || !this.#inNamespace(ns).some((q) => q.spec?.hard && Object.keys(q.spec.hard).length)) return;
    const usage = usageFn();
    if (!usage.size) return;
    const prev = this.#queues.get(ns) ?? Promise.resolve();
    const mine = prev.then(() => this.#charge(r, obj, usage, ctx));
    const tail = mine.catch(() => undefined);
    this.#queues.set(ns, tail);
    try {
      await mine;
    } finally {
      if (this.#queues.get(ns) === tail) this.#queues.delete(ns);
    }
  }

  async #charge(r: ResourceInfo, obj: KObject, usage: Usage, ctx: RequestContext): Promise<void> {
    const name = obj.metadata.name ?? '';
    const refuse = (why: string) => forbidden(r.plural, name, why, r.group);
    const charged = new Set<string>();
    for (let attempt = 1; ; attempt++) {
      const writes: ResourceQuota[] = [];
      for (const quota of this.#inNamespace(obj.metadata.namespace ?? '')) {
        const qname = quota.metadata.name ?? '';
        const hard = quota.spec?.hard ?? {};
        if (charged.has(qname) || !quotaCovers(quota, r.plural, r.group, obj)) continue;
        if (r.group === '' && r.plural === 'pods') {
          const missing = unspecifiedCompute(obj as Pod, Object.keys(hard));
          if (missing.size) throw refuse(`failed quota: ${qname}: must specify ${[...missing.keys()].sort().map((k) => `${k} for: ${missing.get(k)!.join(',')}`).join('; ')}`);
        }
        const covered = [...usage.keys()].filter((k) => k in hard);
        if (!covered.length) continue;
        const unknown = covered.filter((k) => quota.status?.hard?.[k] === undefined || quota.status?.used?.[k] === undefined).sort();
        if (unknown.length) throw refuse(`status unknown for quota: ${qname}, resources: ${unknown.join(',')}`);
        const requested = new Map<string, Quantity>();
        const used = new Map<string, Quantity>();
        const limited = new Map<string, Quantity>();
        const next = { ...quota.status!.used };
        for (const k of covered) {
          const was = parseQuantity(String(quota.status!.used![k]));
          const now = addQuantities(was, usage.get(k)!);
          const max = parseQuantity(String(hard[k]));
          next[k] = formatQuantity(now);
          if (compareQuantities(now, max) > 0) {
            requested.set(k, usage.get(k)!);
            used.set(k, was);
            limited.set(k, max);
          }
        }
        if (requested.size) throw refuse(`exceeded quota: ${qname}, requested: ${pretty(requested)}, used: ${pretty(used)}, limited: ${pretty(limited)}`);
        writes.push({ ...quota, status: { ...quota.status, used: next } });
      }
      if (ctx.dryRun) return;
      try {
        for (const q of writes) {
          await this.#storage.update(q.metadata.namespace, q.metadata.name!, q, this.#ctx, 'status');
          charged.add(q.metadata.name!);
        }
        return;
      } catch (e) {
        // The controller recounted meanwhile: charge again against what it wrote.
        if (!(e instanceof ApiError && e.code === 'Conflict') || attempt >= MAX_ATTEMPTS) throw e;
        await sleep(10);
      }
    }
  }
}
