// kubectl's client-side apply annotation as server-side apply keeps it (upstream's last-applied manager
// and updater): only for the field manager "kubectl", and only on objects that already carry it. An apply
// may take fields the annotation shows were applied client-side, and the annotation then follows it, so
// `kubectl apply` can move between client- and server-side apply without conflicts.

import type { KObject } from '../types.js';
import { deepEqual } from './json-patch.js';
import { fieldSetOf, valueAt, type FieldSet, type Path } from './field-set.js';
import type { Schema } from '../schema/definitions.js';
import { validateAnnotations } from '../validation/meta.js';
import { FieldPath } from '../validation/field.js';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** The manager kubectl's server-side apply uses by default: the only one the annotation is kept for. */
const KUBECTL = 'kubectl';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function lastAppliedOf(live: KObject | undefined): Obj | undefined {
  const text = live?.metadata.annotations?.[LAST_APPLIED];
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as unknown;
    return isObj(v) && v.apiVersion === live!.apiVersion ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The fields `manager` may take from others without forcing: those the annotation sets to the value the
 * live object still has. Empty unless the manager is kubectl and the annotation is there.
 */
export function conflictsAllowedByLastApplied(live: KObject | undefined, manager: string, schema: Schema | undefined): FieldSet | undefined {
  if (manager !== KUBECTL) return undefined;
  const last = lastAppliedOf(live);
  if (!last) return undefined;
  const set = fieldSetOf(last, schema);
  for (const p of [...set]) if (!sameAt(last, live!, p)) set.delete(p);
  return set;
}

function sameAt(a: unknown, b: unknown, p: Path): boolean {
  const x = valueAt(a, p);
  const y = valueAt(b, p);
  if (x === undefined || y === undefined) return false;
  return isObj(x) && isObj(y) ? true : deepEqual(x, y);
}

/** After kubectl's apply over `live`, the annotation (if live had one) becomes the applied configuration. */
export function syncLastApplied(live: KObject | undefined, merged: KObject, applied: KObject, manager: string): void {
  if (manager !== KUBECTL || !live?.metadata.annotations?.[LAST_APPLIED]) return;
  const config = structuredClone(applied) as Obj & KObject;
  const annotations = config.metadata?.annotations;
  if (annotations) delete annotations[LAST_APPLIED];
  const next: Record<string, string> = { ...merged.metadata.annotations, [LAST_APPLIED]: `${goJson(config)}\n` };
  // Left out when it would make the annotations invalid (too large), as upstream does.
  if (validateAnnotations(next, FieldPath.root('metadata').child('annotations')).length) delete next[LAST_APPLIED];
  merged.metadata.annotations = next;
}

/** JSON as Go's encoding/json writes a decoded map: keys sorted, and <, > and & escaped. */
export function goJson(v: unknown): string {
  const sortKeys = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sortKeys);
    if (!isObj(x)) return x;
    return Object.fromEntries(Object.keys(x).sort().map((k) => [k, sortKeys(x[k])]));
  };
  return JSON.stringify(sortKeys(v)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
