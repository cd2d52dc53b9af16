// The custom resources the server serves, kept in step with the CustomResourceDefinition watch cache
// (an index of it, told of every CRD event before any watcher): an established CRD's versions get a
// RestStorage each over the one store prefix, so routing, discovery and OpenAPI see them at once, with
// no restart; a CRD being deleted has its objects removed, then its finalizer, then it is served no more.

import type { ResourceInfo } from '../../api/schema/resources.js';
import type { CustomResourceDefinition, KObject } from '../../api/types.js';
import { ApiError } from '../../api/errors.js';
import type { Backend } from '../../store/types.js';
import type { CacheEvent, CacheIndex, Entry } from '../watchcache/cache.js';
import type { RequestContext } from '../registry/context.js';
import { RestStorage, type NamespaceGate } from '../registry/rest.js';
import { apiVersionOf } from '../../api/schema/resources.js';
import { CLEANUP_FINALIZER, isEstablished, servedVersions, type ServedVersion } from './served.js';
import { customResourceStrategy } from './strategy.js';
import type { Strategy } from '../registry/strategy.js';
import type { NameConflicts } from './definition-strategy.js';
import { openApiExtras, type OpenApiExtras } from './openapi.js';
import { provideCustomDefinitions } from '../../api/schema/definitions.js';
import { sleep } from '../../util/sleep.js';

interface Served {
  crd: CustomResourceDefinition;
  /** What the storages were built from: names, scope, versions and their subresources. */
  shape: string;
  versions: { served: ServedVersion; storage: RestStorage }[];
  started: Promise<void>;
  cleaning?: Promise<void>;
}

function shapeOf(crd: CustomResourceDefinition): string {
  const { names, scope, versions } = crd.spec;
  return JSON.stringify([crd.status?.acceptedNames ?? names, scope, versions.map((v) => [v.name, v.served, v.storage, v.subresources, v.schema, v.additionalPrinterColumns, v.selectableFields])]);
}

export class CustomResources implements CacheIndex {
  readonly #backend: Backend;
  readonly #historySize: number | undefined;
  readonly #ctx: RequestContext;
  #gate: NamespaceGate | undefined;
  #definitions: RestStorage | undefined;
  /** Every CRD by name, established or not (for name conflicts). */
  readonly #all = new Map<string, CustomResourceDefinition>();
  readonly #served = new Map<string, Served>();
  /** Served resources by group/version/plural. */
  readonly #routes = new Map<string, { served: Served; info: ResourceInfo; storage: RestStorage; version: ServedVersion }>();
  #generation = 0;
  /** Admission every custom resource write also passes (the ValidatingAdmissionPolicies), set by the registry. */
  policyAdmission: ((r: ResourceInfo, ...args: Parameters<NonNullable<Strategy['admit']>>) => void) | undefined;
  /** The ResourceQuota charge of a namespaced custom resource's create (`count/<plural>.<group>`), set by the registry. */
  quotaAdmission: ((r: ResourceInfo, obj: KObject, ctx: RequestContext) => Promise<void>) | undefined;

  constructor(backend: Backend, ctx: RequestContext, historySize?: number) {
    this.#backend = backend;
    this.#ctx = ctx;
    this.#historySize = historySize;
    // Server-side apply reads custom resources' list types and map keys from the same model as built-ins'.
    provideCustomDefinitions(() => this.openapi().definitions);
  }

  /** Wires the CRD storage and the namespace gate (both made after this catalog). */
  attach(definitions: RestStorage, gate: NamespaceGate): void {
    this.#definitions = definitions;
    this.#gate = gate;
    definitions.cache.addIndex(this);
  }

  /** Bumped whenever what is served changes (OpenAPI documents are cached per generation). */
  get generation(): number {
    return this.#generation;
  }

  reset(entries: Iterable<Entry>): void {
    const seen = new Set<string>();
    for (const e of entries) {
      seen.add(e.obj.metadata.name!);
      this.#upsert(e.obj as CustomResourceDefinition);
    }
    for (const name of [...this.#all.keys()]) if (!seen.has(name)) this.#remove(name);
  }

  apply(ev: CacheEvent): void {
    if (ev.type === 'DELETED') this.#remove(ev.entry.obj.metadata.name!);
    else this.#upsert(ev.entry.obj as CustomResourceDefinition);
  }

  #upsert(crd: CustomResourceDefinition): void {
    const name = crd.metadata.name!;
    this.#all.set(name, crd);
    const current = this.#served.get(name);
    if (!isEstablished(crd)) {
      if (current) this.#remove(name, true);
      return;
    }
    const shape = shapeOf(crd);
    if (current && current.shape === shape) {
      current.crd = crd;
    } else {
      if (current) this.#unserve(current);
      this.#serve(crd, shape);
    }
    const served = this.#served.get(name)!;
    if (crd.metadata.deletionTimestamp && !served.cleaning) served.cleaning = this.#cleanup(served);
  }

  #serve(crd: CustomResourceDefinition, shape: string): void {
    const served: Served = { crd, shape, versions: [], started: Promise.resolve() };
    const terminating = () => !!served.crd.metadata.deletionTimestamp;
    for (const v of servedVersions(crd)) {
      const apiVersion = apiVersionOf(v.resource);
      const convert = (obj: KObject): KObject => {
        obj.apiVersion = apiVersion;
        return obj;
      };
      const strategy = customResourceStrategy(v, terminating);
      const own = strategy.admit!;
      strategy.admit = (...args) => {
        own(...args);
        this.policyAdmission?.(v.resource, ...args);
      };
      if (v.resource.namespaced) strategy.admitValidated = async (obj, ctx) => this.quotaAdmission?.(v.resource, obj, ctx);
      const storage = new RestStorage(v.resource, this.#backend, strategy, this.#historySize, convert);
      if (v.resource.namespaced && this.#gate) storage.namespaceGate = this.#gate;
      served.versions.push({ served: v, storage });
      this.#routes.set(`${v.resource.group}/${v.resource.version}/${v.resource.plural}`, { served, info: v.resource, storage, version: v });
    }
    served.started = Promise.all(served.versions.map((x) => x.storage.cache.start())).then(() => undefined);
    served.started.catch((e) => console.error(`berth apiserver: serving ${crd.metadata.name}:`, e));
    this.#served.set(crd.metadata.name!, served);
    this.#generation++;
  }

  #unserve(served: Served): void {
    for (const { served: v, storage } of served.versions) {
      this.#routes.delete(`${v.resource.group}/${v.resource.version}/${v.resource.plural}`);
      storage.cache.stop();
    }
    this.#served.delete(served.crd.metadata.name!);
    this.#generation++;
  }

  #remove(name: string, keepDefinition = false): void {
    if (!keepDefinition) this.#all.delete(name);
    const served = this.#served.get(name);
    if (served) this.#unserve(served);
  }

  /**
   * Deletes every object of a CRD being deleted (objects with finalizers are waited for), then drops
   * the CRD's cleanup finalizer so the store removes it.
   */
  async #cleanup(served: Served): Promise<void> {
    const name = served.crd.metadata.name!;
    try {
      await served.started;
      const storage = served.versions.find((v) => v.served.storage)?.storage ?? served.versions[0]?.storage;
      for (let round = 0; storage; round++) {
        const entries = [...storage.cache.scan(storage.cache.prefix)];
        if (!entries.length) break;
        for (const e of entries) {
          const m = e.obj.metadata;
          await storage.delete(storage.resource.namespaced ? m.namespace : undefined, m.name!, {}, this.#ctx).catch((err) => {
            if (!(err instanceof ApiError && err.code === 'NotFound')) throw err;
          });
        }
        if (round > 0) await sleep(Math.min(1000, 50 * round));
        if (!this.#served.has(name)) return;
      }
      await this.#definitions!.guaranteedUpdate(undefined, name, this.#ctx, (crd) => {
        crd.metadata.finalizers = (crd.metadata.finalizers ?? []).filter((f) => f !== CLEANUP_FINALIZER);
        return crd;
      });
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 'NotFound')) console.error(`berth apiserver: removing the objects of ${name}:`, e);
      served.cleaning = undefined;
    }
  }

  /** The served custom resource at group/version/plural. */
  find(group: string, version: string, plural: string): ResourceInfo | undefined {
    return this.#routes.get(`${group}/${version}/${plural}`)?.info;
  }

  storage(r: ResourceInfo): RestStorage | undefined {
    const route = this.#routes.get(`${r.group}/${r.version}/${r.plural}`);
    return route?.info === r ? route.storage : undefined;
  }

  /** The CRD version r is served from (its selectable fields, schema, …). */
  servedVersion(r: ResourceInfo): ServedVersion | undefined {
    const route = this.#routes.get(`${r.group}/${r.version}/${r.plural}`);
    return route?.info === r ? route.version : undefined;
  }

  /** Resolves once r's storage has its objects (a CRD just created is served within milliseconds). */
  async whenServed(r: ResourceInfo): Promise<void> {
    await this.#routes.get(`${r.group}/${r.version}/${r.plural}`)?.served.started;
  }

  #extras: OpenApiExtras | undefined;

  /** The OpenAPI definitions and paths of what is served now. */
  openapi(): OpenApiExtras {
    if (this.#extras?.generation !== this.#generation) this.#extras = openApiExtras(this.versions(), this.#generation);
    return this.#extras;
  }

  /** Every served custom resource version, with its schema. */
  versions(): ServedVersion[] {
    return [...this.#served.values()].flatMap((s) => s.versions.map((v) => v.served));
  }

  resources(): ResourceInfo[] {
    return this.versions().map((v) => v.resource);
  }

  /** Resolves once every served CRD's storages are filled (server start). */
  async ready(): Promise<void> {
    await Promise.all([...this.#served.values()].map((s) => s.started));
  }

  stop(): void {
    for (const s of this.#served.values()) for (const v of s.versions) v.storage.cache.stop();
  }

  /** Names crd wants that another CRD of its group already has (upstream's naming controller). */
  readonly conflicts: NameConflicts = (crd) => {
    const names = crd.spec.names;
    for (const other of this.#all.values()) {
      if (other.metadata.name === crd.metadata.name || other.spec.group !== crd.spec.group) continue;
      const taken = other.status?.acceptedNames;
      if (!taken) continue;
      const takenShort = new Set(taken.shortNames ?? []);
      if (names.singular && names.singular === taken.singular) return { reason: 'SingularConflict', message: `"${names.singular}" is already in use` };
      if (names.kind === taken.kind) return { reason: 'KindConflict', message: `"${names.kind}" is already in use` };
      if (names.listKind && names.listKind === taken.listKind) return { reason: 'ListKindConflict', message: `"${names.listKind}" is already in use` };
      const short = (names.shortNames ?? []).find((s) => takenShort.has(s));
      if (short) return { reason: 'ShortNamesConflict', message: `"${short}" is already in use` };
    }
    return undefined;
  };
}
