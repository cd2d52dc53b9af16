// Namespace lifecycle: the system namespaces always exist, nothing is created in a missing or
// terminating namespace, and deleting one removes what is in it before the namespace itself goes.

import { ApiError, notFound } from '../../api/errors.js';
import type { KObject } from '../../api/types.js';
import type { RequestContext } from './context.js';
import { INTERNAL, type NamespaceGate, type RestStorage } from './rest.js';
import { rfc3339 } from '../../api/time.js';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export class NamespaceLifecycle implements NamespaceGate {
  readonly #namespaces: RestStorage;
  readonly #contents: RestStorage[];
  readonly #ctx: RequestContext;
  readonly #finishing = new Set<string>();

  constructor(namespaces: RestStorage, contents: RestStorage[], systemCtx: RequestContext) {
    this.#namespaces = namespaces;
    this.#contents = contents;
    this.#ctx = systemCtx;
  }

  checkCreate(ns: string): void {
    const e = this.#namespaces.getEntry(undefined, ns);
    if (!e) throw notFound('namespaces', ns);
    if (e.obj.metadata.deletionTimestamp) {
      throw new ApiError('Forbidden', `unable to create new content in namespace ${ns} because it is being terminated`, { name: ns, kind: 'namespaces' });
    }
  }

  /** Creates the system namespaces and resumes deletions interrupted by a restart. */
  async start(): Promise<void> {
    for (const name of SYSTEM_NAMESPACES) {
      if (!this.#namespaces.getEntry(undefined, name)) {
        await this.#namespaces.create(undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, this.#ctx).catch((e) => {
          if (!(e instanceof ApiError && e.code === 'AlreadyExists')) throw e;
        });
      }
    }
    for (const e of this.#namespaces.cache.scan(this.#namespaces.cache.prefix)) {
      if (e.obj.metadata.deletionTimestamp) void this.finish(e.obj.metadata.name!);
    }
  }

  /** DELETE of a namespace: mark it Terminating, then empty it in the background. */
  async delete(name: string, ctx: RequestContext): Promise<KObject> {
    if (SYSTEM_NAMESPACES.includes(name)) {
      throw new ApiError('Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`, { name, kind: 'namespaces' });
    }
    const obj = await this.#namespaces.modify(undefined, name, ctx, (ns) => {
      if (!ns.metadata.deletionTimestamp) {
        ns.metadata.deletionTimestamp = rfc3339();
        ns.metadata.deletionGracePeriodSeconds = 0;
      }
      ns.status = { ...(ns.status as object), phase: 'Terminating' };
      return ns;
    }, INTERNAL);
    if (!ctx.dryRun) void this.finish(name);
    return obj;
  }

  async finish(name: string): Promise<void> {
    if (this.#finishing.has(name)) return;
    this.#finishing.add(name);
    try {
      for (let delay = 100; ; delay = Math.min(delay * 2, 2000)) {
        let left = 0;
        for (const storage of this.#contents) {
          for (const entry of [...storage.cache.scan(`${storage.cache.prefix}${name}/`)]) {
            left++;
            if (entry.obj.metadata.deletionTimestamp) continue;
            await storage.delete(name, entry.obj.metadata.name!, {}, this.#ctx).catch(() => undefined);
          }
        }
        if (left === 0) break;
        await new Promise((r) => setTimeout(r, delay));
      }
      const e = this.#namespaces.getEntry(undefined, name);
      if (e) await this.#namespaces.delete(undefined, name, {}, this.#ctx).catch(() => undefined);
    } finally {
      this.#finishing.delete(name);
    }
  }
}
