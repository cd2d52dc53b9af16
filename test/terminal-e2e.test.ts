// Interactive terminals through a real terminal: tmux runs the real kubectl (1.27 speaks SPDY, 1.33
// WebSocket) against `berth server` with its kubelet, keys are typed into it and the screen read
// back. `exec -it` gets a shell on a pseudo-terminal in the container (its prompt, its echo, Ctrl-C
// interrupting a command, Ctrl-D ending the shell, `stty size` following the window), `run -it --rm`
// attaches to the new Pod's shell (sized as the window) and deletes the Pod when it exits, and `attach` without a terminal
// relays the main process's stdout, stderr and stdin.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureTestImages } from './support/images.js';
import { kubectl } from './support/kubectl.js';
import { startServer, type TestServer } from './support/server.js';
import { Terminal } from './support/tmux.js';
import { until } from './support/wait.js';

const CLIENTS = [
  { label: 'kubectl 1.27 (SPDY)', bin: '/usr/lib/google-cloud-sdk/bin/kubectl.1.27', tag: '127' },
  { label: 'kubectl 1.33 (WebSocket)', bin: '/usr/lib/google-cloud-sdk/bin/kubectl.1.33', tag: '133' },
];
const PROMPT = /\/ # $/m;

let server: TestServer;
let home: string;
const terminals = new Set<Terminal>();
const k = (args: string[]) => kubectl(server.kubeconfig, args);

async function terminal(bin: string, args: string[], size = { width: 100, height: 30 }): Promise<Terminal> {
  const words = [bin, '--kubeconfig', server.kubeconfig, ...args].map((w) => `'${w}'`).join(' ');
  const t = await Terminal.open(words, size, { HOME: home, KUBECACHEDIR: join(home, 'cache') });
  terminals.add(t);
  return t;
}

async function closeTerminal(t: Terminal): Promise<void> {
  terminals.delete(t);
  await t.close();
}

function pod(name: string, container: Record<string, unknown>): string {
  return JSON.stringify({
    apiVersion: 'v1', kind: 'Pod', metadata: { name },
    spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'main', image: 'busybox', imagePullPolicy: 'Never', ...container }] },
  });
}

async function running(name: string): Promise<void> {
  await until(`${name} Running`, async () => (await k(['get', 'pod', name, '-o', 'jsonpath={.status.phase}'])).stdout === 'Running', 60_000);
}

before(async () => {
  home = await mkdtemp(join(tmpdir(), 'berth-tty-home-'));
  const dataDir = await mkdtemp(join(tmpdir(), 'berth-tty-'));
  await ensureTestImages(dataDir);
  server = await startServer({ dataDir, disableAgent: false, args: ['--kubelet-port', '0'] });
  for (const [name, c] of [
    ['shell', { command: ['sleep', '3600'] }],
    // One line on stdout and one on stderr every 100 ms, with a counter.
    ['ticker', { command: ['sh', '-c', 'i=0; while true; do echo "tick $i"; echo "err $i" >&2; i=$((i+1)); sleep 0.1; done'] }],
    // Reads its stdin (no terminal) and answers each line.
    ['reader', { command: ['sh', '-c', 'while read l; do echo "got $l"; done; echo "stdin ended"; sleep 3600'], stdin: true }],
  ] as const) {
    const r = await kubectl(server.kubeconfig, ['apply', '-f', '-'], { input: pod(name, c) });
    assert.equal(r.code, 0, r.stderr);
  }
  await Promise.all(['shell', 'ticker', 'reader'].map(running));
});

after(async () => {
  for (const t of terminals) await t.close();
  if (!server) return;
  await k(['delete', 'pods', '--all', '--grace-period=1']);
  await server.dispose();
  await rm(home, { recursive: true, force: true });
});

for (const client of CLIENTS) {
  describe(client.label, () => {
    it('exec -it: a shell on a terminal that echoes, interrupts, follows the window size and ends on Ctrl-D', { timeout: 120_000 }, async () => {
      const t = await terminal(client.bin, ['exec', '-it', 'shell', '--', 'sh']);
      try {
        await t.waitFor(PROMPT, 'the prompt');
        // The shell evaluates what the terminal's line discipline hands it on Enter (CR turned into NL).
        await t.type('echo "sum=$((6*7))"', 'Enter');
        await t.waitFor(/^sum=42\r?$/m, 'the shell evaluating the line');
        await t.type('tty', 'Enter');
        await t.waitFor(/^\/dev\/pts\/\d+\r?$/m, 'a pseudo-terminal in the container');
        await t.type('stty size', 'Enter');
        await t.waitFor(/^30 100\r?$/m, 'the window size kubectl sent');
        await t.resize(120, 40);
        await t.type('stty size', 'Enter');
        await t.waitFor(/^40 120\r?$/m, 'the size after the window was resized');

        await t.type('sleep 100', 'Enter');
        await t.waitFor(/sleep 100\s*$/, 'sleep running');
        await new Promise((r) => setTimeout(r, 300));
        const interrupted = Date.now();
        await t.type('', 'C-c');
        await t.type('echo "rc=$?"', 'Enter');
        await t.waitFor(/^rc=130\r?$/m, 'sleep interrupted by Ctrl-C (SIGINT: exit status 130)');
        assert.ok(Date.now() - interrupted < 30_000, 'Ctrl-C ended sleep long before its 100 s');

        await t.type('', 'C-d');
        await t.waitFor(/^\[exit 0\]$/m, 'kubectl ending with the shell on Ctrl-D');
      } finally {
        await closeTerminal(t);
      }
    });

    it('exec -it reports the exit code of the shell', { timeout: 60_000 }, async () => {
      const t = await terminal(client.bin, ['exec', '-it', 'shell', '--', 'sh']);
      try {
        await t.waitFor(PROMPT, 'the prompt');
        await t.type('exit 3', 'Enter');
        await t.waitFor(/^\[exit 3\]$/m, 'kubectl exiting with the shell\'s code');
      } finally {
        await closeTerminal(t);
      }
    });

    it('a client that goes away hangs up the shell and what runs in it', { timeout: 60_000 }, async () => {
      const marker = `sleep 12${client.tag}`;
      const t = await terminal(client.bin, ['exec', '-it', 'shell', '--', 'sh']);
      try {
        await t.waitFor(PROMPT, 'the prompt');
        await t.type(marker, 'Enter');
        await until(`${marker} running`, async () => (await k(['exec', 'shell', '--', 'ps', '-o', 'args'])).stdout.includes(marker), 60_000);
      } finally {
        await closeTerminal(t); // kubectl dies with its terminal, mid-command
      }
      await until(`${marker} and its shell gone`, async () => {
        const ps = (await k(['exec', 'shell', '--', 'ps', '-o', 'args'])).stdout;
        return !ps.includes(marker) && !/^sh$/m.test(ps);
      }, 60_000);
    });

    it('run -it --rm: a shell in a new Pod takes `echo hi; exit`, then the Pod is deleted', { timeout: 150_000 }, async () => {
      const name = `t${client.tag}`;
      const t = await terminal(client.bin, ['run', '-it', '--rm', name, '--image=busybox', '--', 'sh']);
      try {
        await t.waitFor(/If you don't see a command prompt, try pressing enter\./, 'kubectl attached', 90_000);
        // The terminal conmon keeps for the Pod's main process takes the window's size too.
        await t.type('stty size', 'Enter');
        await t.waitFor(/^30 100\r?$/m, 'the attached terminal sized as the window');
        await t.type('echo "hi from $(hostname)"; exit', 'Enter');
        await t.waitFor(new RegExp(`^hi from ${name}\\r?$`, 'm'), 'the shell answering in the Pod');
        await t.waitFor(new RegExp(`pod "${name}" deleted`), 'kubectl deleting the Pod', 60_000);
        await t.waitFor(/^\[exit 0\]$/m, 'kubectl ending');
        await until(`${name} gone`, async () => /NotFound/.test((await k(['get', 'pod', name])).stderr), 60_000);
      } finally {
        await closeTerminal(t);
      }
    });

    it('attach without a terminal relays stdout and stderr of the main process, and stdin to it', { timeout: 60_000 }, async () => {
      const watch = spawn(client.bin, ['--kubeconfig', server.kubeconfig, 'attach', 'ticker'], { env: { ...process.env, HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      watch.stdout.on('data', (b: Buffer) => (out += b));
      watch.stderr.on('data', (b: Buffer) => (err += b));
      try {
        await until('ticks on stdout and errs on stderr', () => /tick \d+\n.*tick \d+\n/s.test(out) && /err \d+\n/.test(err), 60_000);
        assert.doesNotMatch(out, /err \d/, 'stderr stays apart from stdout');
        // Only what is written from the attach on: the count starts well past 0 after seconds of running.
        assert.ok(Number(/tick (\d+)/.exec(out)![1]) > 0);
      } finally {
        watch.kill();
      }

      const talk = spawn(client.bin, ['--kubeconfig', server.kubeconfig, 'attach', '-i', 'reader'], { env: { ...process.env, HOME: home }, stdio: ['pipe', 'pipe', 'pipe'] });
      let said = '';
      talk.stdout.on('data', (b: Buffer) => (said += b));
      talk.stderr.on('data', (b: Buffer) => (said += b));
      try {
        // kubectl only sends stdin once its streams are up: repeat until the first line comes back.
        await until('the main process answering a line sent to its stdin', () => {
          talk.stdin.write(`hello-${client.tag}\n`);
          return said.includes(`got hello-${client.tag}`);
        }, 60_000, 500);
      } finally {
        talk.kill();
      }
    });
  });
}
