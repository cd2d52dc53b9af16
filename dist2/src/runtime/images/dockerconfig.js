const DOCKER_HUB_KEYS = ['docker.io', 'index.docker.io', 'registry-1.docker.io', 'https://index.docker.io/v1/'];
function hostOfKey(key) {
    const noScheme = key.replace(/^https?:\/\//, '');
    return noScheme.split('/')[0];
}
/**
 * Finds credentials for `registryHost` in the decoded `.dockerconfigjson` text (or the base64 form
 * stored in Secret.data). Returns undefined when none match.
 */
export function credentialsFromDockerConfig(dockerConfigJson, registryHost) {
    const text = dockerConfigJson.trimStart().startsWith('{') ? dockerConfigJson : Buffer.from(dockerConfigJson, 'base64').toString('utf8');
    const doc = JSON.parse(text);
    const hub = DOCKER_HUB_KEYS.includes(registryHost);
    for (const [key, entry] of Object.entries(doc.auths ?? {})) {
        const host = hostOfKey(key);
        if (host !== registryHost && !(hub && DOCKER_HUB_KEYS.includes(host)))
            continue;
        const out = {};
        if (entry.username)
            out.username = entry.username;
        if (entry.password)
            out.password = entry.password;
        if (entry.auth)
            out.auth = entry.auth;
        if (entry.identitytoken)
            out.identitytoken = entry.identitytoken;
        if (entry.registrytoken)
            out.registrytoken = entry.registrytoken;
        return out;
    }
    return undefined;
}
//# sourceMappingURL=dockerconfig.js.map