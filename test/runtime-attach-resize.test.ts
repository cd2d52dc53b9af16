// Resizing the terminal of an attached container: kubectl attach sends the window size plus one and
// then the real size, back to back (to force a redraw); the process must end at the real size. conmon
// 2.1.x applies the first of two control messages it reads at once twice, so the second is lost when
// both are queued before it wakes (as happens under load): the runtime must not lean on that fifo.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { makeTestRuntime } from './support/rootfs.js';
import type { TerminalSize } from '../src/runtime/types.js';

let env: Awaited<ReturnType<typeof makeTestRuntime>>;
let sandbox: string;
before(async () => {
  env = await makeTestRuntime();
  sandbox = await env.runtime.runPodSandbox({
    podUid: `uid-attach-${Date.now()}`, podName: 'attach', namespace: 'default', hostname: 'attach', hostsFile: '127.0.0.1 localhost\n', resolvConf: '',
  });
});
after(async () => { await env?.cleanup(); });

test('sizes sent back to back to an attached terminal leave it at the last one', { timeout: 120_000 }, async () => {
  const id = await env.runtime.createContainer(sandbox, {
    name: 'sh', imageRef: 'busybox', argv: ['sh'], env: [], mounts: [], logPath: env.logPath('sh'), labels: { name: 'sh' }, tty: true, stdin: true,
  });
  await env.runtime.startContainer(id);
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let output = '';
  stdout.on('data', (d: Buffer) => (output += d.toString()));
  // Round i's two sizes are sent once the test has released round i.
  let released = 0;
  let wake: (() => void) | undefined;
  const nextRound = (): void => {
    released++;
    wake?.();
  };
  const sizes: TerminalSize[] = [{ width: 100, height: 30 }, { width: 120, height: 40 }, { width: 80, height: 24 }, { width: 132, height: 43 }, { width: 90, height: 35 }];
  async function* resizes(): AsyncGenerator<TerminalSize> {
    for (const [i, s] of sizes.entries()) {
      while (released <= i) await new Promise<void>((r) => (wake = r));
      yield { width: s.width + 1, height: s.height + 1 };
      yield s;
    }
  }
  const gone = new AbortController();
  const attached = env.runtime.attach(id, { stdin, stdout, tty: true, resize: resizes(), signal: gone.signal });
  try {
    for (const s of sizes) {
      nextRound();
      // The size and the typed command travel separately: ask again until the answer is the last size.
      const want = `${s.height} ${s.width}`;
      let seen = '';
      for (let tries = 0; seen !== want; tries++) {
        assert.ok(tries < 50, `stty size still says ${JSON.stringify(seen)}, not ${want}`);
        const from = output.length;
        stdin.write('stty size\n');
        const deadline = Date.now() + 10_000;
        let answer: RegExpMatchArray | null = null;
        while (!(answer = output.slice(from).match(/^(\d+ \d+)\r?$/m)) && Date.now() < deadline) await delay(20);
        seen = answer?.[1] ?? '';
        if (seen !== want) await delay(100);
      }
    }
  } finally {
    gone.abort();
    await attached;
    await env.runtime.stopContainer(id, 0);
  }
});
