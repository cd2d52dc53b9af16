// What a request asks to do, as kube-apiserver's RequestInfo reads it from the method and URL: the
// verb, the resource, and the one object it names, which for a list or watch may come from a
// `metadata.name=` field selector (that is how a kubelet watches one Secret).
import { allowedFieldSelectors } from '../../api/fields.js';
import { exactValue, parseFieldSelector } from '../../api/selectors/fields.js';
import { flagParam } from '../../api/params.js';
function verbOf(method, hasName, watch) {
    switch (method) {
        case 'GET':
        case 'HEAD':
            return hasName ? 'get' : watch ? 'watch' : 'list';
        case 'POST':
            return 'create';
        case 'PUT':
            return 'update';
        case 'PATCH':
            return 'patch';
        case 'DELETE':
            return hasName ? 'delete' : 'deletecollection';
        default:
            return method.toLowerCase();
    }
}
/** A name usable as a path segment, as upstream requires of one taken from a field selector. */
function pathSegmentName(name) {
    return name && name !== '.' && name !== '..' && !/[/%]/.test(name) ? name : undefined;
}
export function requestAttributes(method, route, query) {
    const { resource, namespace, subresource } = route;
    const watch = flagParam(query, 'watch');
    const verb = verbOf(method, route.name !== undefined, watch);
    const attrs = { verb, resource, subresource, namespace, name: route.name };
    const selector = query.get('fieldSelector');
    if ((verb === 'list' || verb === 'watch') && selector) {
        try {
            attrs.fieldRequirements = parseFieldSelector(selector, allowedFieldSelectors(resource.kind), resource.kind).requirements;
            attrs.name = pathSegmentName(exactValue({ requirements: attrs.fieldRequirements }, 'metadata.name'));
        }
        catch {
            // A selector that does not parse names nothing; the list itself refuses it with a 400.
        }
    }
    return attrs;
}
//# sourceMappingURL=attributes.js.map