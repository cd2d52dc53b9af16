// Runs the host tools the store leans on (tar, mount, mknod, setfattr, mmdebstrap) and turns a
// non-zero exit into an error that carries their stderr.
import { spawn } from 'node:child_process';
export async function run(cmd, args, opts = {}) {
    const spawnOpts = { cwd: opts.cwd, env: opts.env ?? process.env, stdio: [opts.input ? 'pipe' : 'ignore', 'pipe', 'pipe'] };
    const child = spawn(cmd, args, spawnOpts);
    const out = [];
    let err = '';
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => {
        const s = c.toString();
        err = (err + s).slice(-8192);
        opts.onStderr?.(s);
    });
    const inputDone = opts.input ? feed(opts.input, child.stdin) : Promise.resolve();
    const code = await new Promise((resolve, reject) => {
        child.on('error', reject);
        child.on('close', (c, sig) => resolve(c ?? (sig ? 128 : 1)));
    });
    await inputDone;
    if (code !== 0)
        throw new Error(`${cmd} ${args.slice(0, 3).join(' ')}… exited ${code}: ${err.trim()}`);
    return Buffer.concat(out).toString('utf8');
}
/**
 * Pipes input into the child and resolves once the input is fully read. A child may stop reading
 * early (tar ignores the padding after its end marker); the rest is then drained, so a hashing
 * stream in front still sees every byte.
 */
function feed(input, stdin) {
    return new Promise((resolve, reject) => {
        input.on('error', reject);
        input.on('end', resolve);
        stdin.on('error', (e) => { if (e.code !== 'EPIPE')
            reject(e); });
        stdin.on('close', () => {
            input.unpipe(stdin);
            input.resume();
        });
        input.pipe(stdin);
    });
}
//# sourceMappingURL=exec.js.map