// Debian and nginx images from Debian packages with mmdebstrap (minbase), using the host's apt
// sources. nginx is arranged like the official image: serves /usr/share/nginx/html on port 80 in
// the foreground, logs to stdout/stderr, stops gracefully on SIGQUIT.
import { writeFile } from 'node:fs/promises';
import { run } from '../exec.js';
const SUITE = 'bookworm';
const PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** Candidate versions from apt, since these packages are installed in the image, not the host. */
async function candidateVersions(pkgs) {
    const out = await run('apt-cache', ['policy', ...pkgs]);
    const versions = [...out.matchAll(/Candidate: (\S+)/g)].map((m) => m[1]);
    return pkgs.map((p, i) => `${p} ${versions[i] ?? 'unknown'}`).join(', ');
}
const NGINX_SITE = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;
    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;
const INDEX_HTML = `<!DOCTYPE html>
<html>
<head><title>Welcome to nginx!</title></head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and working.</p>
</body>
</html>
`;
/** Runs inside mmdebstrap's customize hook with the new root as $1. */
const NGINX_HOOK = `set -e
r="$1"
rm -f "$r/etc/nginx/sites-enabled/default"
mkdir -p "$r/etc/nginx/conf.d" "$r/usr/share/nginx/html" "$r/var/log/nginx"
cp "$BERTH_NGINX_SITE" "$r/etc/nginx/conf.d/default.conf"
cp "$BERTH_NGINX_INDEX" "$r/usr/share/nginx/html/index.html"
printf '<!DOCTYPE html>\\n<html><body><h1>An error occurred.</h1></body></html>\\n' > "$r/usr/share/nginx/html/50x.html"
ln -sf /dev/stdout "$r/var/log/nginx/access.log"
ln -sf /dev/stderr "$r/var/log/nginx/error.log"
`;
const CLEAN_HOOK = 'rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin "$1"/var/log/apt/* "$1"/var/log/dpkg.log';
async function mmdebstrap(stage, layerTar, include, hooks, log) {
    const args = ['--variant=minbase', '--mode=root', '--format=tar', ...(include.length ? [`--include=${include.join(',')}`] : [])];
    for (const h of [...hooks, CLEAN_HOOK])
        args.push(`--customize-hook=${h}`);
    args.push(SUITE, layerTar);
    let partial = '';
    await run('mmdebstrap', args, {
        cwd: stage,
        env: { ...process.env, TMPDIR: stage },
        onStderr: (chunk) => {
            const lines = (partial + chunk).split('\n');
            partial = lines.pop() ?? '';
            for (const l of lines)
                if (l.trim())
                    log(l.trim());
        },
    });
}
export const debian = {
    name: 'docker.io/library/debian:latest',
    packages: [],
    config: { Cmd: ['bash'], Env: [PATH_ENV] },
    versions: async () => `debian ${SUITE} minbase`,
    rootfs: (stage, layerTar, log) => mmdebstrap(stage, layerTar, [], [], log),
};
export const nginx = {
    name: 'docker.io/library/nginx:latest',
    packages: ['nginx-light'],
    config: {
        Cmd: ['nginx', '-g', 'daemon off;'],
        Env: [PATH_ENV],
        ExposedPorts: { '80/tcp': {} },
        StopSignal: 'SIGQUIT',
    },
    versions: () => candidateVersions(['nginx-light']),
    async rootfs(stage, layerTar, log) {
        await writeFile(`${stage}/default.conf`, NGINX_SITE);
        await writeFile(`${stage}/index.html`, INDEX_HTML);
        await writeFile(`${stage}/nginx-hook.sh`, NGINX_HOOK);
        await mmdebstrap(stage, layerTar, ['nginx-light'], [`BERTH_NGINX_SITE=${stage}/default.conf BERTH_NGINX_INDEX=${stage}/index.html sh ${stage}/nginx-hook.sh "$1"`], log);
    },
};
//# sourceMappingURL=debian.js.map