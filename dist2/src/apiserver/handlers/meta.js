// Everything that is not a resource: health, version, discovery and OpenAPI documents.
import { ApiError } from '../../api/errors.js';
import * as discovery from '../discovery.js';
import { OPENAPI_V2_PROTOBUF_CONTENT_TYPE, openapiV2Json, openapiV2Protobuf } from '../openapi/v2.js';
import { openapiV3Document, openapiV3Index } from '../openapi/v3.js';
import { sendJson } from './respond.js';
import { BERTH_VERSION } from '../../version.js';
function sendText(res, code, text) {
    res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)) });
    res.end(text);
}
export async function handleMeta(req, res, path, _user, ready, crds) {
    const custom = crds?.resources() ?? [];
    if (req.method !== 'GET' && req.method !== 'HEAD')
        throw new ApiError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
    if (path === '/livez' || path === '/healthz' || path.startsWith('/livez/'))
        return sendText(res, 200, 'ok');
    if (path === '/readyz' || path.startsWith('/readyz/'))
        return ready() ? sendText(res, 200, 'ok') : sendText(res, 500, 'readyz check failed');
    if (path === '/version')
        return sendJson(res, 200, discovery.versionInfo(BERTH_VERSION));
    const accept = req.headers.accept ?? '';
    if (path === '/api' || path === '/apis') {
        const m = /g=apidiscovery\.k8s\.io;v=(v2beta1|v2);as=APIGroupDiscoveryList/.exec(accept.split(',')[0] ?? '');
        if (m) {
            const version = m[1];
            const body = JSON.stringify(discovery.aggregatedDiscovery(path === '/api', version, custom));
            res.writeHead(200, { 'Content-Type': discovery.aggregatedContentType(version), 'Content-Length': String(Buffer.byteLength(body)) });
            res.end(body);
            return;
        }
        return sendJson(res, 200, path === '/api' ? discovery.apiVersions() : discovery.apiGroupList(custom));
    }
    const gv = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
    if (gv) {
        const list = gv[1] ? discovery.apiResourceList('', 'v1') : discovery.apiResourceList(gv[2], gv[3], custom);
        if (list)
            return sendJson(res, 200, list);
    }
    const group = /^\/apis\/([^/]+)$/.exec(path);
    if (group) {
        const g = discovery.apiGroup(group[1], custom);
        if (g)
            return sendJson(res, 200, g);
    }
    if (path === '/openapi/v2') {
        if (accept.includes('protobuf')) {
            const bytes = openapiV2Protobuf(crds?.openapi());
            res.writeHead(200, { 'Content-Type': OPENAPI_V2_PROTOBUF_CONTENT_TYPE, 'Content-Length': String(bytes.byteLength) });
            res.end(bytes);
            return;
        }
        return sendJson(res, 200, openapiV2Json(crds?.openapi()));
    }
    if (path === '/openapi/v3')
        return sendJson(res, 200, openapiV3Index(crds?.openapi()));
    if (path.startsWith('/openapi/v3/')) {
        const doc = openapiV3Document(path.slice('/openapi/v3/'.length), crds?.openapi());
        if (doc)
            return sendJson(res, 200, doc);
    }
    throw new ApiError('NotFound', 'the server could not find the requested resource');
}
//# sourceMappingURL=meta.js.map