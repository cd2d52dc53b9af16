import { validateImmutableData, validateKeys, MAX_DATA_SIZE } from './data.js';
import { FieldPath, immutable, requiredValue, tooLong } from './field.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';
/** The data keys each built-in type requires. */
const REQUIRED_KEYS = {
    'kubernetes.io/dockercfg': ['.dockercfg'],
    'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
    'kubernetes.io/ssh-auth': ['ssh-privatekey'],
    'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};
const SERVICE_ACCOUNT_NAME_ANNOTATION = 'kubernetes.io/service-account.name';
function validateSecretData(s) {
    const dataPath = FieldPath.root('data');
    const causes = validateKeys(s.data, dataPath);
    let size = 0;
    for (const [k, v] of Object.entries(s.data ?? {}))
        size += k.length + Buffer.from(v, 'base64').length;
    if (size > MAX_DATA_SIZE)
        causes.push(tooLong(dataPath, MAX_DATA_SIZE));
    for (const key of REQUIRED_KEYS[s.type ?? ''] ?? []) {
        if (!s.data || !(key in s.data))
            causes.push(requiredValue(dataPath.key(key)));
    }
    if (s.type === 'kubernetes.io/service-account-token' && !s.metadata.annotations?.[SERVICE_ACCOUNT_NAME_ANNOTATION]) {
        causes.push(requiredValue(FieldPath.root('metadata').child('annotations').key(SERVICE_ACCOUNT_NAME_ANNOTATION)));
    }
    return causes;
}
export function validateSecret(s) {
    return [...validateObjectMeta(s.metadata, { namespaced: true, nameRule: nameIsDNSSubdomain }), ...validateSecretData(s)];
}
export function validateSecretUpdate(s, old) {
    return [
        ...validateObjectMetaUpdate(s.metadata, old.metadata),
        ...immutable(FieldPath.root('type'), s.type, old.type),
        ...validateImmutableData(s, old, ['data']),
        ...validateSecretData(s),
    ];
}
//# sourceMappingURL=secret.js.map