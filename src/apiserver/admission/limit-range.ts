// What upstream's LimitRanger admission plugin does to a created Pod: each Container item of the
// namespace's LimitRanges fills in the default limits and requests its containers leave out (noted in
// the kubernetes.io/limit-ranger annotation), then every item's min, max and maxLimitRequestRatio are
// checked, per container (Container) or summed over the Pod (Pod); breaches refuse it with 403.

import { forbidden } from '../../api/errors.js';
import { formatQuantity, parseQuantity, type Quantity } from '../../api/quantity.js';
import type { Container, LimitRange, LimitRangeItem, Pod, ResourceRequirements } from '../../api/types.js';
import { containerAmount, podAmount } from '../../api/quota/usage.js';
import type { RestStorage } from '../registry/rest.js';

const ANNOTATION = 'kubernetes.io/limit-ranger';

type Amounts = Record<string, string> | undefined;

/** The Pod's containers, init ones first; admission runs before validation, so null entries are passed over. */
function allContainers(pod: Pod): Container[] {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].filter((c) => c);
}

/** Fills what the container leaves out from the item's defaults; returns what it set, for the annotation. */
function applyDefaults(c: Container, item: LimitRangeItem): string[] {
  const notes: string[] = [];
  const fill = (field: keyof ResourceRequirements, from: Amounts, what: string) => {
    const set: string[] = [];
    for (const [k, v] of Object.entries(from ?? {})) {
      const res = (c.resources ??= {});
      const list = (res[field] ??= {});
      if (list[k] === undefined) {
        list[k] = v;
        set.push(k);
      }
    }
    if (set.length) notes.push(`${set.join(', ')} ${what} for container ${c.name}`);
  };
  fill('requests', item.defaultRequest, 'request');
  fill('limits', item.default, 'limit');
  return notes;
}

/** One resource's request and limit, where the item's rules are checked. */
interface Observed {
  request: Quantity | undefined;
  limit: Quantity | undefined;
}

/** Upstream's min/max/ratio messages for one resource of one container (or Pod). */
function breaches(kind: string, item: LimitRangeItem, observed: (resource: string) => Observed): string[] {
  const out: string[] = [];
  for (const [res, text] of Object.entries(item.min ?? {})) {
    const min = parseQuantity(String(text));
    const { request, limit } = observed(res);
    const shown = formatQuantity(min);
    if (!request) out.push(`minimum ${res} usage per ${kind} is ${shown}.  No request is specified`);
    else if (request.nanos < min.nanos) out.push(`minimum ${res} usage per ${kind} is ${shown}, but request is ${formatQuantity(request)}`);
    else if (limit && limit.nanos < min.nanos) out.push(`minimum ${res} usage per ${kind} is ${shown}, but limit is ${formatQuantity(limit)}`);
  }
  for (const [res, text] of Object.entries(item.max ?? {})) {
    const max = parseQuantity(String(text));
    const { request, limit } = observed(res);
    const shown = formatQuantity(max);
    if (!limit) out.push(`maximum ${res} usage per ${kind} is ${shown}.  No limit is specified`);
    else if (limit.nanos > max.nanos) out.push(`maximum ${res} usage per ${kind} is ${shown}, but limit is ${formatQuantity(limit)}`);
    else if (request && request.nanos > max.nanos) out.push(`maximum ${res} usage per ${kind} is ${shown}, but request is ${formatQuantity(request)}`);
  }
  for (const [res, text] of Object.entries(item.maxLimitRequestRatio ?? {})) {
    const ratio = parseQuantity(String(text));
    const { request, limit } = observed(res);
    const shown = formatQuantity(ratio);
    if (!request || request.nanos === 0n) out.push(`${res} max limit to request ratio per ${kind} is ${shown}, but no request is specified or request is 0`);
    else if (!limit || limit.nanos === 0n) out.push(`${res} max limit to request ratio per ${kind} is ${shown}, but no limit is specified or limit is 0`);
    else {
      const observedRatio = Number(limit.nanos) / Number(request.nanos);
      if (observedRatio > Number(ratio.nanos) / 1e9) out.push(`${res} max limit to request ratio per ${kind} is ${shown}, but provided ratio is ${observedRatio.toFixed(6)}`);
    }
  }
  return out;
}

/** The namespace's LimitRanges, as the Pod admission reads them. */
export class LimitRanges {
  readonly #storage: RestStorage;

  constructor(storage: RestStorage) {
    this.#storage = storage;
  }

  #inNamespace(ns: string): LimitRange[] {
    return [...this.#storage.cache.scan(`${this.#storage.cache.prefix}${ns}/`)].map((e) => e.obj as LimitRange);
  }

  /** Defaults then checks a Pod being created; throws Forbidden with every breach, as upstream aggregates them. */
  admitPod(pod: Pod): void {
    const ranges = this.#inNamespace(pod.metadata.namespace ?? '');
    if (!ranges.length) return;
    const notes: string[] = [];
    for (const lr of ranges) {
      for (const item of lr.spec?.limits ?? []) {
        if (item.type === 'Container') for (const c of allContainers(pod)) notes.push(...applyDefaults(c, item));
      }
    }
    if (notes.length) pod.metadata.annotations = { ...pod.metadata.annotations, [ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` };
    const errs: string[] = [];
    for (const lr of ranges) {
      for (const item of lr.spec?.limits ?? []) {
        if (item.type === 'Container') {
          for (const c of allContainers(pod)) errs.push(...breaches('Container', item, (res) => ({ request: containerAmount(c, 'requests', res), limit: containerAmount(c, 'limits', res) })));
        } else if (item.type === 'Pod') {
          errs.push(...breaches('Pod', item, (res) => ({ request: podAmount(pod, 'requests', res), limit: podAmount(pod, 'limits', res) })));
        }
      }
    }
    if (errs.length) throw forbidden('pods', pod.metadata.name ?? '', errs.length === 1 ? errs[0]! : `[${errs.join(', ')}]`);
  }
}
