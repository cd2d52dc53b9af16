// The verbs on a resource URL: get, list, watch, create, update, patch, delete, deletecollection,
// and the pod subresources that are plain object writes (status, ephemeralcontainers, binding, eviction).

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, invalid } from '../../api/errors.js';
import { FieldPath } from '../../api/validation/field.js';
import { validateAnnotations } from '../../api/validation/meta.js';
import { applyPatch } from '../../api/patch/apply.js';
import { jsonPatchInPlace } from '../../api/patch/json-patch.js';
import { jsonMergePatch } from '../../api/patch/merge-patch.js';
import { strategicMergePatchInPlace } from '../../api/patch/strategic-merge-patch.js';
import { strictDecodingError, unknownFields, unknownFieldWarnings } from '../../api/schema/validate.js';
import { dropGatedFields } from '../../api/schema/gated-fields.js';
import { toTable } from '../../api/tables/table.js';
import type { KObject } from '../../api/types.js';
import { decodeDocument, decodeObject, mediaType, readBody } from '../http/body.js';
import { checkKindOf, checkPatchedTypes, checkTypes } from '../http/typecheck.js';
import { apiVersionOf } from '../../api/schema/resources.js';
import { successStatus } from '../http/status.js';
import type { ResourceRoute } from '../http/route.js';
import { checkDryRun, type RequestContext } from '../registry/context.js';
import { bindPod } from '../registry/kinds/pod.js';
import { SYSTEM_CONTEXT, type Registry } from '../registry/index.js';
import { evictPod } from '../registry/eviction.js';
import { parseResourceVersion, type RestStorage } from '../registry/rest.js';
import { propagationPolicyOf, type PropagationPolicy } from '../registry/propagation.js';
import { outputFormat, type OutputFormat } from './negotiate.js';
import { handOverItems } from '../in-process-transport.js';
import { sendJson } from './respond.js';
import { handleScale } from './scale.js';
import { predicatesFrom } from './selectors.js';
import { customFieldRules } from '../crd/served.js';
import { serveWatch } from './watch.js';
import type { WatchBudget } from './watch-budget.js';
import { flagParam, optionalFlagParam } from '../../api/params.js';

function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw new ApiError('BadRequest', `invalid ${name}: ${v}: must be an integer`);
  return Number(v);
}

function render(storage: RestStorage, fmt: OutputFormat, objs: KObject[], meta: { resourceVersion?: string; continue?: string; remainingItemCount?: number }, headers: boolean): unknown {
  if (!fmt.table) return null;
  return toTable(storage.resource.kind, objs, { includeObject: fmt.includeObject, now: new Date(), listMeta: meta, noHeaders: !headers, printer: storage.strategy.printer });
}

/** Strict field validation: unknown fields are a 400 (Strict) or a warning (Warn). */
function checkFields(storage: RestStorage, obj: Record<string, unknown>, ctx: RequestContext): void {
  if (ctx.fieldValidation === 'Ignore') return;
  const unknown = storage.strategy.unknownFields ? storage.strategy.unknownFields(obj as KObject) : unknownFields(storage.resource.kind, obj);
  if (!unknown.length) return;
  if (ctx.fieldValidation === 'Strict') throw strictDecodingError(storage.resource.kind, storage.resource.version, unknown);
  ctx.warnings.push(...unknownFieldWarnings(unknown));
}

/**
 * The top-level fields a merge or strategic merge patch sets values in; undefined when it may reach
 * further (a document that is not an object replaces the whole, a directive such as `$patch` or
 * `$retainKeys` acts on the whole). The rest of the patched object is the stored one's as it was.
 */
function topLevelFields(patch: unknown): string[] | undefined {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return undefined;
  const keys = Object.keys(patch);
  return keys.some((k) => k.startsWith('$')) ? undefined : keys;
}

interface DeleteBody {
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  propagationPolicy?: string;
  orphanDependents?: boolean;
  dryRun?: string[];
}

/** DeleteOptions as upstream reads them: the body first, then any query parameter in its place. A dryRun
 * in the body (what kubectl sends) counts as much as one in the query. */
function deleteOptions(body: DeleteBody, q: URLSearchParams, ctx: RequestContext): { opts: Omit<DeleteBody, 'propagationPolicy'> & { propagationPolicy?: PropagationPolicy }; ctx: RequestContext } {
  const dryRun = q.has('dryRun') ? q.getAll('dryRun') : (body.dryRun ?? []);
  checkDryRun(dryRun);
  const query = q.get('propagationPolicy') ?? undefined;
  const orphanQuery = q.get('orphanDependents');
  const propagationPolicy = propagationPolicyOf({
    propagationPolicy: query ?? body.propagationPolicy,
    orphanDependents: orphanQuery !== null ? orphanQuery === 'true' : body.orphanDependents,
  });
  const opts = { ...body, gracePeriodSeconds: intParam(q, 'gracePeriodSeconds') ?? body.gracePeriodSeconds, propagationPolicy };
  return { opts, ctx: { ...ctx, dryRun: dryRun.length > 0 } };
}

async function readDeleteBody(req: IncomingMessage): Promise<DeleteBody> {
  const raw = await readBody(req);
  if (!raw.length) return {};
  const body = decodeObject(raw, mediaType(req), 'DeleteOptions');
  checkTypes('v1', 'DeleteOptions', body);
  return body as DeleteBody;
}

export async function handleResource(req: IncomingMessage, res: ServerResponse, url: URL, route: ResourceRoute, registry: Registry, ctx: RequestContext, watchBudget: WatchBudget): Promise<void> {
  const q = url.searchParams;
  const method = req.method ?? 'GET';
  const { resource, namespace, name, subresource } = route;
  const storage = registry.storage(resource) ?? (resource.kind === 'Binding' ? registry.core('pods') : resource.group === 'events.k8s.io' ? registry.core('events') : undefined);
  if (!storage) throw new ApiError('NotFound', 'the server could not find the requested resource');
  const ns = resource.namespaced ? namespace : undefined;
  if (resource.namespaced && name !== undefined && ns === undefined) throw new ApiError('NotFound', 'the server could not find the requested resource');
  const kind = storage.resource.kind;
  const servedVersion = registry.customResources.servedVersion(resource);
  const custom = servedVersion !== undefined;
  const fieldRules = servedVersion && customFieldRules(servedVersion);

  // Bindings: POST namespaces/<ns>/bindings or pods/<name>/binding.
  if (resource.kind === 'Binding' || subresource === 'binding') {
    if (method !== 'POST') throw new ApiError('MethodNotAllowed', `the server does not allow this method on the requested resource`);
    const body = decodeObject(await readBody(req), mediaType(req), 'Binding');
    checkTypes('v1', 'Binding', body);
    const meta = (body.metadata ?? {}) as { name?: string; annotations?: Record<string, string>; uid?: string; resourceVersion?: string };
    const podName = subresource === 'binding' ? name! : meta.name;
    if (meta.name && meta.name !== podName) throw new ApiError('BadRequest', 'name in URL does not match name in Binding object');
    const target = (body.target ?? {}) as { name?: string; kind?: string };
    if (!podName) throw new ApiError('BadRequest', 'binding must name a pod');
    if (!target.name) throw new ApiError('Invalid', `Binding "${podName}" is invalid: target.name: Required value`, { name: podName, kind: 'Binding', causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'target.name' }] });
    if (meta.annotations) {
      const causes = validateAnnotations(meta.annotations, FieldPath.root('metadata').child('annotations'));
      if (causes.length) throw invalid('Binding', podName, causes);
    }
    await bindPod(storage, ns!, { name: podName, nodeName: target.name, annotations: meta.annotations, preconditions: { uid: meta.uid, resourceVersion: meta.resourceVersion } }, ctx);
    return sendJson(res, 201, successStatus(), ctx.warnings);
  }

  if (subresource === 'eviction') {
    if (method !== 'POST') throw new ApiError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
    const body = decodeObject(await readBody(req), mediaType(req), 'Eviction');
    checkTypes('policy/v1', 'Eviction', body);
    const d = deleteOptions((body.deleteOptions ?? {}) as DeleteBody, q, ctx);
    await evictPod(storage, registry.of('policy', 'poddisruptionbudgets'), ns!, name!, { gracePeriodSeconds: d.opts.gracePeriodSeconds, preconditions: d.opts.preconditions }, d.ctx, SYSTEM_CONTEXT);
    return sendJson(res, 201, successStatus(), ctx.warnings);
  }
  if (subresource === 'scale') return handleScale(req, res, storage, ns, name!, ctx, storage.strategy.scale);
  if (subresource && subresource !== 'status' && subresource !== 'finalize' && !storage.strategy.subresourceWrites?.[subresource]) {
    throw new ApiError('NotFound', 'the server could not find the requested resource');
  }
  // The subresource a write goes through: status, or one the kind's strategy knows (a namespace's finalize).
  const writeSub = subresource;
  if (writeSub && writeSub !== 'status' && !['GET', 'PUT', 'PATCH'].includes(method)) {
    throw new ApiError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
  }
  const fmt = outputFormat(req, q);

  switch (method) {
    case 'GET': {
      if (name !== undefined) {
        if (flagParam(q, 'watch')) throw new ApiError('BadRequest', 'watch is not supported on a single object; use fieldSelector=metadata.name');
        const entry = await storage.read(ns, name, q.get('resourceVersion') ?? undefined);
        const obj = entry.obj;
        const body = fmt.table ? render(storage, fmt, [obj], { resourceVersion: obj.metadata.resourceVersion }, true) : entry.json;
        return sendJson(res, 200, body as object, ctx.warnings);
      }
      const predicates = predicatesFrom(q, kind, fieldRules);
      const rvParam = q.get('resourceVersion') ?? undefined;
      if (flagParam(q, 'watch')) {
        const rv = parseResourceVersion(rvParam);
        const sendInitialParam = optionalFlagParam(q, 'sendInitialEvents');
        const fromStart = rv === undefined || rv === 0;
        serveWatch(req, res, {
          storage,
          namespace: ns,
          predicates,
          fromRev: fromStart && sendInitialParam !== false ? undefined : rv === 0 ? undefined : rv,
          sendInitial: sendInitialParam === true || (fromStart && sendInitialParam !== false),
          bookmarks: flagParam(q, 'allowWatchBookmarks'),
          timeoutSeconds: intParam(q, 'timeoutSeconds'),
          budget: watchBudget,
          render: (obj, entry, first) => (fmt.table ? JSON.stringify(render(storage, fmt, [obj], { resourceVersion: obj.metadata.resourceVersion }, first)) : entry.json),
          // A custom resource's objects are not shared with components (see cachedObjects): they get text.
          handsOver: !fmt.table && !custom,
        });
        return;
      }
      parseResourceVersion(rvParam);
      const page = await storage.list(ns, { ...predicates, limit: intParam(q, 'limit'), continue: q.get('continue') ?? undefined, resourceVersion: rvParam, consistent: !rvParam });
      const meta = { resourceVersion: page.resourceVersion, ...(page.continue ? { continue: page.continue, remainingItemCount: page.remainingItemCount } : {}) };
      if (fmt.table) return sendJson(res, 200, render(storage, fmt, page.entries.map((e) => e.obj), meta, true) as object, ctx.warnings);
      const head = JSON.stringify({ kind: storage.resource.listKind, apiVersion: storage.typed({ metadata: {} }).apiVersion, metadata: meta });
      // A custom resource's objects are not shared with components (see cachedObjects): they get text.
      if (!custom && handOverItems(res, page.entries.map((e) => e.obj))) return sendJson(res, 200, `${head.slice(0, -1)},"items":[]}`, ctx.warnings);
      // Items are spliced in from each entry's cached JSON: a 10k list is never re-serialised.
      return sendJson(res, 200, `${head.slice(0, -1)},"items":[${page.entries.map((e) => e.json).join(',')}]}`, ctx.warnings);
    }
    case 'POST': {
      if (name !== undefined) throw new ApiError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
      const body = decodeObject(await readBody(req), mediaType(req), resource.kind);
      checkKindOf(resource, body);
      dropGatedFields(resource.kind, body);
      checkTypes(apiVersionOf(resource), resource.kind, body);
      checkFields(storage, body, ctx);
      const created = await storage.create(ns, body as KObject, ctx);
      return sendJson(res, 201, storage.jsonOf(created), ctx.warnings);
    }
    case 'PUT': {
      if (name === undefined) throw new ApiError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
      const body = decodeObject(await readBody(req), mediaType(req), resource.kind);
      checkKindOf(resource, body);
      dropGatedFields(resource.kind, body);
      checkTypes(apiVersionOf(resource), resource.kind, body);
      checkFields(storage, body, ctx);
      const { obj, created } = await storage.update(ns, name, body as KObject, ctx, writeSub);
      return sendJson(res, created ? 201 : 200, storage.jsonOf(obj), ctx.warnings);
    }
    case 'PATCH': {
      if (name === undefined) throw new ApiError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
      const type = mediaType(req);
      const raw = await readBody(req);
      if (type === 'application/apply-patch+yaml') {
        const applied = decodeObject(raw, 'application/yaml', resource.kind);
        dropGatedFields(resource.kind, applied);
        checkTypes(apiVersionOf(resource), resource.kind, applied);
        checkFields(storage, applied, ctx);
        if (!ctx.fieldManager) throw new ApiError('BadRequest', 'PATCH, application/apply-patch+yaml requires fieldManager to be set');
        const force = flagParam(q, 'force');
        const existing = storage.getEntry(ns, name);
        const actx = { ...ctx, applied: true };
        if (!existing) {
          const { object } = applyPatch(undefined, applied as KObject, ctx.fieldManager, { force });
          const created = await storage.create(ns, { ...object, metadata: { ...object.metadata, name } } as KObject, actx);
          return sendJson(res, 201, created, ctx.warnings);
        }
        const obj = await storage.modify(ns, name, actx, (cur) => applyPatch(cur, applied as KObject, ctx.fieldManager!, { force, ...(writeSub ? { subresource: writeSub } : {}) }).object, writeSub);
        return sendJson(res, 200, obj, ctx.warnings);
      }
      let mutate: (cur: KObject) => KObject;
      // Where the patch can bring in values (all of the object when undefined); whether mutate checks their types itself.
      let reached: string[] | undefined;
      let typed = false;
      if (type === 'application/merge-patch+json') {
        const patch = decodeDocument(raw, 'application/json');
        if (patch && typeof patch === 'object' && !Array.isArray(patch)) dropGatedFields(resource.kind, patch as Record<string, unknown>);
        checkFields(storage, { ...(patch as object) }, ctx);
        reached = topLevelFields(patch);
        mutate = (cur) => jsonMergePatch(cur as never, patch as never) as unknown as KObject;
      } else if (type === 'application/strategic-merge-patch+json' && !custom) {
        const patch = decodeDocument(raw, 'application/json');
        reached = topLevelFields(patch);
        typed = true;
        // cur is modify()'s own copy of the stored object: patched where it lies.
        mutate = (cur) => {
          const next = strategicMergePatchInPlace(cur as Record<string, unknown>, patch as Record<string, unknown>, kind) as unknown as KObject;
          checkPatchedTypes(apiVersionOf(resource), resource.kind, next as unknown as Record<string, unknown>, patch, reached);
          return next;
        };
      } else if (type === 'application/json-patch+json') {
        const ops = decodeDocument(raw, 'application/json');
        // cur is modify()'s own copy of the stored object: patched where it lies.
        mutate = (cur) => jsonPatchInPlace(cur, ops) as KObject;
      } else {
        // Custom resources have no patch strategies: strategic merge is refused for them, as upstream.
        const accepted = ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml', ...(custom ? [] : ['application/strategic-merge-patch+json'])];
        throw new ApiError('UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`);
      }
      // The patched object is decoded as a typed object would be: wrong JSON types are a 400.
      if (!typed) {
        const patchFn = mutate;
        mutate = (cur) => {
          const next = patchFn(cur);
          checkTypes(apiVersionOf(resource), resource.kind, next as unknown as Record<string, unknown>, reached);
          return next;
        };
      }
      const obj = await storage.modify(ns, name, ctx, mutate, writeSub);
      return sendJson(res, 200, storage.jsonOf(obj), ctx.warnings);
    }
    case 'DELETE': {
      const { opts, ctx: dctx } = deleteOptions(await readDeleteBody(req), q, ctx);
      const grace = opts.gracePeriodSeconds;
      if (name !== undefined) {
        if (kind === 'Namespace') return sendJson(res, 200, await registry.namespaces.delete(name, dctx), ctx.warnings);
        const { obj } = await storage.delete(ns, name, { gracePeriodSeconds: grace, preconditions: opts.preconditions, propagationPolicy: opts.propagationPolicy }, dctx);
        return sendJson(res, 200, obj, ctx.warnings);
      }
      // Namespaces, for one, are not deleted by collection: only kinds that serve the verb are.
      if (!resource.verbs.includes('deletecollection')) throw new ApiError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
      const predicates = predicatesFrom(q, kind, fieldRules);
      const page = await storage.list(ns, predicates);
      const items: KObject[] = [];
      for (const e of page.entries) {
        const r = await storage.delete(e.obj.metadata.namespace, e.obj.metadata.name!, { gracePeriodSeconds: grace, propagationPolicy: opts.propagationPolicy }, dctx).catch((err) => {
          if (err instanceof ApiError && err.code === 'NotFound') return null;
          throw err;
        });
        if (r) items.push(r.obj);
      }
      const list = storage.listObject({ entries: [], resourceVersion: String(storage.cache.revision) });
      return sendJson(res, 200, { ...list, items }, ctx.warnings);
    }
    default:
      throw new ApiError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
  }
}
