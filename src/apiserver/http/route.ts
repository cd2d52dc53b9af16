// Parses a resource URL into its parts, the way kube-apiserver's RequestInfo does.

import { ApiError } from '../../api/errors.js';
import { findResource, type ResourceInfo } from '../../api/schema/resources.js';

export interface ResourceRoute {
  resource: ResourceInfo;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** A malformed escape (`%E0%A4%A`, a lone `%`) is the client's error, not the server's. */
function decodeSegment(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    throw new ApiError('BadRequest', `malformed escape in the request path: ${JSON.stringify(s.slice(0, 100))}`);
  }
}

/** Finds a resource not in the built-in list (the custom resources served now). */
export type ResourceLookup = (group: string, version: string, plural: string) => ResourceInfo | undefined;

/** null when the path is not a resource path (discovery, health, …). */
export function parseResourcePath(pathname: string, custom?: ResourceLookup): ResourceRoute | null {
  const parts: string[] = [];
  for (const s of pathname.split('/')) if (s) parts.push(decodeSegment(s));
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  } else {
    return null;
  }
  let namespace: string | undefined;
  // /namespaces/<ns>/<resource>… is namespaced; /namespaces/<ns>[/status|/finalize] is the Namespace itself.
  const namespaceItself = rest[0] === 'namespaces' && rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize');
  if (rest[0] === 'namespaces' && rest.length >= 3 && !namespaceItself) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, subresource, ...extra] = rest;
  const resource = findResource(group, version, plural) ?? custom?.(group, version, plural);
  if (!resource || extra.length) throw new ApiError('NotFound', 'the server could not find the requested resource');
  if (namespace !== undefined && !resource.namespaced) throw new ApiError('NotFound', 'the server could not find the requested resource');
  if (subresource !== undefined && !resource.subresources.includes(subresource)) {
    throw new ApiError('NotFound', 'the server could not find the requested resource');
  }
  return { resource, namespace, name, subresource };
}
