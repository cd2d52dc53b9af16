// The strategy most kinds use: defaults and validation from api/, status (when the kind has one)
// owned by the /status subresource.

import { applyDefaults } from '../../../api/defaults/index.js';
import type { KObject } from '../../../api/types.js';
import { validateCreate, validateStatusUpdate, validateUpdate } from '../../../api/validation/index.js';
import type { Strategy } from '../strategy.js';

export interface GenericOptions {
  kind: string;
  /** The kind has a status only /status may change. */
  hasStatus?: boolean;
  /** create resets status (Pods: the kubelet reports it, clients don't). */
  resetStatusOnCreate?: boolean;
  allowCreateOnUpdate?: boolean;
}

/** An update of the main resource keeps the stored status (it is /status's to change). */
export function keepStatus(obj: KObject, old: KObject): void {
  if (old.status === undefined) delete obj.status;
  else obj.status = structuredClone(old.status);
}

/**
 * An update through /status: everything but status and metadata comes from the stored object, copied,
 * or shared (`copy` the identity) where the strategy changes nothing of obj's other members after this:
 * the stored object is never changed, so the two can hold them together (a Pod's spec, once).
 */
export function takeStatusOnly(obj: KObject, old: KObject, copy: <T>(v: T) => T = structuredClone): void {
  for (const k of Object.keys(obj)) if (k !== 'status' && k !== 'metadata' && k !== 'apiVersion' && k !== 'kind') delete obj[k];
  for (const k of Object.keys(old)) if (k !== 'status' && k !== 'metadata') obj[k] = copy(old[k]);
}

const shared = <T>(v: T): T => v;

export function genericStrategy(o: GenericOptions): Strategy {
  return {
    prepareForCreate(obj: KObject): void {
      if (o.resetStatusOnCreate) delete obj.status;
      applyDefaults(o.kind, obj);
    },
    validateCreate: (obj) => validateCreate(o.kind, obj),
    prepareForUpdate(obj: KObject, old: KObject): void {
      // Kubernetes defaults every object it decodes, updates included: a PUT of a manifest without the
      // defaulted fields (kubectl replace -f) keeps them instead of failing validation.
      applyDefaults(o.kind, obj);
      if (o.hasStatus) keepStatus(obj, old);
    },
    validateUpdate: (obj, old) => validateUpdate(o.kind, obj, old),
    prepareForStatusUpdate: (obj, old) => takeStatusOnly(obj, old, shared),
    validateStatusUpdate: (obj, old) => validateStatusUpdate(o.kind, obj, old),
    allowCreateOnUpdate: o.allowCreateOnUpdate ?? false,
    allowUnconditionalUpdate: true,
    deletionGrace: () => 0,
  };
}
