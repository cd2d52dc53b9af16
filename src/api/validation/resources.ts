// A container's resource requests and limits: known resource names, well-formed non-negative
// quantities, and requests no larger than limits.
import type { Cause } from '../errors.js';
import { isApiError } from '../errors.js';
import { compareQuantities, formatQuantity, parseQuantity, type Quantity } from '../quantity.js';
import type { ResourceRequirements } from '../types.js';
import { FieldPath, NONNEGATIVE, invalidEach, invalidValue } from './field.js';
import { isQualifiedName } from './names.js';

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

function isStandardContainerResource(name: string): boolean {
  return STANDARD_CONTAINER_RESOURCES.has(name) || name.startsWith('hugepages-');
}

/** Resources without a '/' are Kubernetes' own; extended ones (`vendor.com/gpu`) are counted in integers. */
function validateResourceName(name: string, path: FieldPath): Cause[] {
  const errs = invalidEach(path, name, isQualifiedName(name));
  if (errs.length) return errs;
  if (!name.includes('/') && !isStandardContainerResource(name)) return [invalidValue(path, name, 'must be a standard resource for containers')];
  return [];
}

/** Parses a quantity or reports it at `path`; undefined when it is malformed. */
export function quantityAt(text: string, path: FieldPath, causes: Cause[]): Quantity | undefined {
  try {
    return parseQuantity(text);
  } catch (e) {
    if (!isApiError(e)) throw e;
    causes.push(invalidValue(path, text, e.message));
    return undefined;
  }
}

function validateAmounts(list: Record<string, string> | undefined, path: FieldPath, causes: Cause[]): Map<string, Quantity> {
  const parsed = new Map<string, Quantity>();
  for (const [name, text] of Object.entries(list ?? {})) {
    const at = path.key(name);
    causes.push(...validateResourceName(name, at));
    const q = quantityAt(String(text), at, causes);
    if (!q) continue;
    if (q.nanos < 0n) causes.push(invalidValue(at, formatQuantity(q), NONNEGATIVE));
    if (name.includes('/') && q.nanos % 1_000_000_000n !== 0n) causes.push(invalidValue(at, formatQuantity(q), 'must be an integer'));
    parsed.set(name, q);
  }
  return parsed;
}

export function validateResourceRequirements(res: ResourceRequirements | undefined, path: FieldPath): Cause[] {
  const causes: Cause[] = [];
  const limits = validateAmounts(res?.limits, path.child('limits'), causes);
  const requestsPath = path.child('requests');
  const requests = validateAmounts(res?.requests, requestsPath, causes);
  for (const [name, request] of requests) {
    const limit = limits.get(name);
    if (limit && compareQuantities(request, limit) > 0) {
      causes.push(invalidValue(requestsPath, formatQuantity(request), `must be less than or equal to ${name} limit of ${formatQuantity(limit)}`));
    }
  }
  return causes;
}
