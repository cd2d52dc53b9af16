// Lease rules (coordination.k8s.io): node heartbeats and leader election.
import type { Cause } from '../errors.js';
import type { Lease } from '../types.js';
import { FieldPath, NONNEGATIVE, invalidValue } from './field.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';

function validateLeaseSpec(lease: Lease): Cause[] {
  const spec = FieldPath.root('spec');
  const causes: Cause[] = [];
  const duration = lease.spec?.leaseDurationSeconds;
  if (duration !== undefined && duration <= 0) causes.push(invalidValue(spec.child('leaseDurationSeconds'), duration, 'must be greater than 0'));
  const transitions = lease.spec?.leaseTransitions;
  if (transitions !== undefined && transitions < 0) causes.push(invalidValue(spec.child('leaseTransitions'), transitions, NONNEGATIVE));
  return causes;
}

export function validateLease(lease: Lease): Cause[] {
  return [...validateObjectMeta(lease.metadata, { namespaced: true, nameRule: nameIsDNSSubdomain }), ...validateLeaseSpec(lease)];
}

export function validateLeaseUpdate(lease: Lease, old: Lease): Cause[] {
  return [...validateObjectMetaUpdate(lease.metadata, old.metadata), ...validateLeaseSpec(lease)];
}
