// Every operation the served resources offer, in a neutral form that the v2 and v3 documents render.
import { RESOURCES, SUBRESOURCES, apiVersionOf } from '../../api/schema/resources.js';
import { definitionOf } from '../../api/schema/definitions.js';
/** Query parameters, described in berth's own words. */
export const QUERY_PARAMS = {
    pretty: { type: 'string', description: "If 'true', then the output is pretty printed." },
    dryRun: { type: 'string', description: 'When present, modifications are not persisted. The only valid value is All.' },
    fieldManager: { type: 'string', description: 'A name for the actor making these changes, recorded in managedFields.' },
    fieldValidation: { type: 'string', description: 'How the server treats unknown or duplicate fields: Ignore, Warn, or Strict (the default).' },
    force: { type: 'boolean', description: 'Force an apply to take over fields owned by other managers. Only valid for apply requests.' },
    labelSelector: { type: 'string', description: 'Restricts the list of returned objects by their labels.' },
    fieldSelector: { type: 'string', description: 'Restricts the list of returned objects by their fields.' },
    limit: { type: 'integer', description: 'Maximum number of objects to return in one list call.' },
    continue: { type: 'string', description: 'The continue token from a previous list call, to fetch the next page.' },
    resourceVersion: { type: 'string', description: 'Which resourceVersion a list or watch reads from.' },
    resourceVersionMatch: { type: 'string', description: 'How resourceVersion applies to list calls: Exact or NotOlderThan.' },
    timeoutSeconds: { type: 'integer', description: 'Timeout for the list/watch call.' },
    watch: { type: 'boolean', description: 'Watch for changes and return them as a stream of add, update and remove notifications.' },
    allowWatchBookmarks: { type: 'boolean', description: 'Ask for BOOKMARK watch events.' },
    sendInitialEvents: { type: 'boolean', description: 'Start a watch with synthetic events for the current state, then a bookmark.' },
    gracePeriodSeconds: { type: 'integer', description: 'Seconds before the object is deleted; zero deletes immediately.' },
    propagationPolicy: { type: 'string', description: 'Whether and how garbage collection is performed: Orphan, Background or Foreground.' },
    container: { type: 'string', description: 'The container for which to stream logs or run a command.' },
    follow: { type: 'boolean', description: 'Follow the log stream of the pod.' },
    previous: { type: 'boolean', description: 'Return the logs of the previous terminated container.' },
    sinceSeconds: { type: 'integer', description: 'Only return logs newer than this many seconds.' },
    tailLines: { type: 'integer', description: 'Number of lines from the end of the logs to show.' },
    timestamps: { type: 'boolean', description: 'Prefix every line of log output with an RFC3339 timestamp.' },
    limitBytes: { type: 'integer', description: 'Number of bytes to read from the server before terminating the log output.' },
    command: { type: 'string', description: 'The command to execute, one argument per repetition.' },
    stdin: { type: 'boolean', description: 'Redirect the standard input stream of the pod for this call.' },
    stdout: { type: 'boolean', description: 'Redirect the standard output stream of the pod for this call.' },
    stderr: { type: 'boolean', description: 'Redirect the standard error stream of the pod for this call.' },
    tty: { type: 'boolean', description: 'Allocate a terminal for this exec call.' },
    ports: { type: 'integer', description: 'List of ports to forward.' },
};
const LIST_QUERY = ['allowWatchBookmarks', 'continue', 'fieldSelector', 'labelSelector', 'limit', 'resourceVersion', 'resourceVersionMatch', 'sendInitialEvents', 'timeoutSeconds', 'watch'];
const WRITE_QUERY = ['dryRun', 'fieldManager', 'fieldValidation'];
const DELETE_QUERY = ['dryRun', 'gracePeriodSeconds', 'propagationPolicy'];
const JSON_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];
const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'];
const WATCH_TYPES = [...JSON_TYPES, 'application/json;stream=watch', 'application/vnd.kubernetes.protobuf;stream=watch'];
const STATUS = 'io.k8s.apimachinery.pkg.apis.meta.v1.Status';
const DELETE_OPTIONS = 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions';
/** `CoreV1`, `CoordinationV1`, `EventsV1`: the operationId infix upstream uses. */
function gvPrefix(r) {
    const g = r.group ? r.group.split('.')[0] : 'core';
    return `${g[0].toUpperCase()}${g.slice(1)}${r.version[0].toUpperCase()}${r.version.slice(1)}`;
}
/** The paths of one resource; defs name its kind's and list's definitions when not built in (custom resources). */
export function resourcePaths(r, defs) {
    const gvk = { group: r.group, version: r.version, kind: r.kind };
    const def = defs?.def ?? definitionOf(apiVersionOf(r), r.kind);
    const listDef = defs?.listDef ?? definitionOf(apiVersionOf(r), r.listKind);
    const root = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
    const base = r.namespaced ? `${root}/namespaces/{namespace}/${r.plural}` : `${root}/${r.plural}`;
    const scope = r.namespaced ? 'Namespaced' : '';
    const id = (verb, suffix = '') => `${verb}${gvPrefix(r)}${scope}${r.kind}${suffix}`;
    const params = r.namespaced ? ['namespace'] : [];
    const groupVersion = apiVersionOf(r);
    const can = (v) => r.verbs.includes(v);
    const op = (method, action, operationId, description, o) => ({
        method, action, operationId, description, gvk, query: [], response: def, consumes: ['*/*'], produces: JSON_TYPES, ...o,
    });
    const collection = [];
    if (can('list'))
        collection.push(op('get', 'list', id('list'), `list or watch objects of kind ${r.kind}`, { query: LIST_QUERY, response: listDef, produces: WATCH_TYPES }));
    if (can('create'))
        collection.push(op('post', 'post', id('create'), `create a ${r.kind}`, { query: WRITE_QUERY, body: def }));
    if (can('deletecollection'))
        collection.push(op('delete', 'deletecollection', `delete${gvPrefix(r)}Collection${scope}${r.kind}`, `delete collection of ${r.kind}`, { query: [...DELETE_QUERY, ...LIST_QUERY], body: DELETE_OPTIONS, response: STATUS }));
    const item = [];
    if (can('get'))
        item.push(op('get', 'get', id('read'), `read the specified ${r.kind}`, {}));
    if (can('update'))
        item.push(op('put', 'put', id('replace'), `replace the specified ${r.kind}`, { query: WRITE_QUERY, body: def }));
    if (can('patch'))
        item.push(op('patch', 'patch', id('patch'), `partially update the specified ${r.kind}`, { query: [...WRITE_QUERY, 'force'], body: 'Patch', consumes: PATCH_TYPES }));
    if (can('delete'))
        item.push(op('delete', 'delete', id('delete'), `delete a ${r.kind}`, { query: DELETE_QUERY, body: DELETE_OPTIONS }));
    const out = [];
    if (collection.length)
        out.push({ path: base, groupVersion, pathParams: params, operations: collection });
    if (item.length)
        out.push({ path: `${base}/{name}`, groupVersion, pathParams: [...params, 'name'], operations: item });
    if (r.namespaced && can('list')) {
        out.push({ path: `${root}/${r.plural}`, groupVersion, pathParams: [], operations: [op('get', 'list', `list${gvPrefix(r)}${r.kind}ForAllNamespaces`, `list or watch objects of kind ${r.kind}`, { query: LIST_QUERY, response: listDef, produces: WATCH_TYPES })] });
    }
    for (const sub of r.subresources)
        out.push(subresourcePath(r, sub, base, params, op, id, def));
    return out;
}
function subresourcePath(r, sub, base, params, op, id, def) {
    const info = SUBRESOURCES[sub];
    const Sub = sub === 'portforward' ? 'Portforward' : `${sub[0].toUpperCase()}${sub.slice(1)}`;
    const kindDef = info.kind ? definitionOf(info.kind.group ? `${info.kind.group}/${info.kind.version}` : info.kind.version, info.kind.kind) : undefined;
    const gvk = info.kind ?? { group: r.group, version: r.version, kind: r.kind };
    const operations = [];
    const connect = sub === 'exec' || sub === 'attach' || sub === 'portforward';
    // A subresource of another kind (scale) answers with that kind.
    const speaks = kindDef ? { response: kindDef, gvk } : {};
    const text = ['text/plain', '*/*'];
    for (const verb of info.verbs) {
        if (connect) {
            const method = verb === 'create' ? 'post' : 'get';
            const streams = ['container', 'stderr', 'stdin', 'stdout', 'tty'];
            const query = sub === 'exec' ? ['command', ...streams] : sub === 'attach' ? streams : ['ports'];
            operations.push({ ...op(method, 'connect', `connect${gvPrefix(r)}${method === 'get' ? 'Get' : 'Post'}Namespaced${r.kind}${Sub}`, `connect ${method.toUpperCase()} requests to ${sub} of ${r.kind}`, { query, response: 'string', produces: ['*/*'] }), gvk: { ...gvk, kind: `${r.kind}${Sub}Options` } });
        }
        else if (sub === 'log') {
            operations.push(op('get', 'get', id('read', Sub), `read log of the specified ${r.kind}`, { query: ['container', 'follow', 'limitBytes', 'previous', 'sinceSeconds', 'tailLines', 'timestamps'], response: 'string', produces: text }));
        }
        else if (verb === 'get')
            operations.push(op('get', 'get', id('read', Sub), `read ${sub} of the specified ${r.kind}`, speaks));
        else if (verb === 'update')
            operations.push(op('put', 'put', id('replace', Sub), `replace ${sub} of the specified ${r.kind}`, { query: WRITE_QUERY, body: kindDef ?? def, ...speaks }));
        else if (verb === 'patch')
            operations.push(op('patch', 'patch', id('patch', Sub), `partially update ${sub} of the specified ${r.kind}`, { query: [...WRITE_QUERY, 'force'], body: 'Patch', consumes: PATCH_TYPES, ...speaks }));
        else if (verb === 'create')
            operations.push({ ...op('post', 'post', id('create', Sub), `create ${sub} of a ${r.kind}`, { query: WRITE_QUERY, body: kindDef, response: kindDef }), gvk });
    }
    return { path: `${base}/{name}/${sub}`, groupVersion: apiVersionOf(r), pathParams: [...params, 'name'], operations };
}
/** All paths, optionally only those of one group-version (`v1`, `coordination.k8s.io/v1`). */
export function pathSpecs(groupVersion) {
    const all = RESOURCES.flatMap((r) => resourcePaths(r));
    return groupVersion === undefined ? all : all.filter((p) => p.groupVersion === groupVersion);
}
//# sourceMappingURL=operations.js.map