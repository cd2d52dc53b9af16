// Table columns for ResourceQuotas (used/hard per resource, limits apart), as kubectl prints them.
// (LimitRanges print with the default NAME / CREATED AT columns, as upstream.)
import type { KObject, ResourceQuota } from '../types.js';
import { since } from './duration.js';
import { ageColumn, column, nameColumn, type ColumnDefinition } from './columns.js';

export function resourceQuotaColumns(): ColumnDefinition[] {
  return [
    nameColumn(),
    ageColumn(),
    column('Request', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    column('Limit', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
  ];
}

export function resourceQuotaCells(o: KObject, now: Date): unknown[] {
  const q = o as ResourceQuota;
  const hard = q.status?.hard ?? {};
  const requests: string[] = [];
  const limits: string[] = [];
  for (const name of Object.keys(hard).sort()) {
    const cell = `${name}: ${q.status?.used?.[name] ?? '0'}/${hard[name]}`;
    (name.startsWith('limits') ? limits : requests).push(cell);
  }
  return [o.metadata.name, since(o.metadata.creationTimestamp, now), requests.join(', '), limits.join(', ')];
}
