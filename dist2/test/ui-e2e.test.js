// `berth journey` and the dashboard as a new user meets them, in Debian's Chromium against a real berth with its kubelet:
// the printed URL logs in (and nothing else does), a Pod created by kubectl appears live, its page
// shows the journey reaching Ready, its log followed and a shell through exec, and a failing Pod is
// explained.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ARTIFACTS, launchBrowser } from './support/browser.js';
import { startDashboardProcess } from './support/dashboard.js';
import { ensureTestImages } from './support/images.js';
import { kubectl } from './support/kubectl.js';
import { BERTH_BIN, startServer } from './support/server.js';
let server;
let dash;
let browser;
let page;
const k = (args) => kubectl(server.kubeconfig, args);
const journey = (args) => new Promise((resolve) => {
    execFile(process.execPath, [BERTH_BIN, 'journey', '--kubeconfig', server.kubeconfig, ...args], (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }));
});
before(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'berth-dash-'));
    await ensureTestImages(dataDir);
    server = await startServer({ dataDir, disableAgent: false, args: ['--kubelet-port', '0'] });
    [dash, browser] = await Promise.all([startDashboardProcess(server.kubeconfig), launchBrowser()]);
});
after(async () => {
    await page?.close();
    await browser?.close();
    await dash?.stop();
    await k(['delete', 'pods', '--all', '--grace-period=1']);
    await server?.dispose();
});
test('without the printed token the dashboard refuses: no page, no API', async () => {
    assert.equal((await fetch(`${dash.origin}/`)).status, 401);
    assert.equal((await fetch(`${dash.origin}/k8s/api/v1/pods`)).status, 401);
    assert.equal((await fetch(`${dash.origin}/login?token=${'0'.repeat(48)}`, { redirect: 'manual' })).status, 403);
    assert.equal((await fetch(`${dash.origin}/login`, { redirect: 'manual' })).status, 403);
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    const r = await p.goto(`${dash.origin}/#/`);
    assert.equal(r?.status(), 401);
    assert.match(await p.textContent('body') ?? '', /open the URL that `berth dashboard` printed/);
    await ctx.close();
});
test('logged in with the token: a Pod created by kubectl appears live, its journey reaches Ready, its log follows, its shell echoes', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await ctx.newPage();
    await page.goto(dash.loginUrl);
    await page.waitForSelector('[data-testid=nodes] td >> text=Ready', { timeout: 20_000 });
    // The login left a cookie only: the token is not in the address any more.
    assert.equal(new URL(page.url()).search, '');
    const created = await k(['run', 'web', '--image=busybox', '--', 'sh', '-c', 'i=0; while true; do echo line $i; i=$((i+1)); sleep 0.3; done']);
    assert.equal(created.code, 0, created.stderr);
    const t0 = performance.now();
    await page.waitForSelector('[data-testid=phase-web]', { timeout: 5_000 });
    const appeared = performance.now() - t0;
    process.stderr.write(`  [dashboard] Pod visible ${appeared.toFixed(0)} ms after kubectl returned\n`);
    assert.ok(appeared < 1000, `the Pod appeared after ${appeared} ms`);
    await page.click('a[href="#/pod/default/web"]');
    await page.waitForFunction(() => document.querySelector('[data-testid=journey]')?.getAttribute('data-steps')?.split('|').includes('Ready'), null, { timeout: 30_000 });
    const steps = (await page.getAttribute('[data-testid=journey]', 'data-steps')).split('|');
    assert.deepEqual(steps.filter((s) => /^(bound|seen by the kubelet|sandbox|container web running|Ready)/.test(s)).map((s) => s.split(' ')[0]), ['bound', 'seen', 'sandbox', 'container', 'Ready']);
    assert.equal(await page.textContent('[data-testid=waiting]'), 'Running and Ready: nothing in its way.');
    // Its log, followed: lines written after the page opened arrive without a reload.
    await page.waitForFunction(() => /line [0-9]+/.test(document.querySelector('[data-testid=logs]')?.textContent ?? ''), null, { timeout: 15_000 });
    const count = async () => (await page.textContent('[data-testid=logs]')).split('\n').length;
    const before = await count();
    await page.waitForFunction((n) => (document.querySelector('[data-testid=logs]')?.textContent ?? '').split('\n').length > n + 2, before, { timeout: 10_000 });
    assert.match(await page.textContent('[data-testid=events]') ?? '', /Scheduled.*Successfully assigned default\/web/);
    // A shell through exec: what is typed is echoed, and the command's output comes back.
    await page.click('[data-testid=open-terminal]');
    await page.waitForFunction(() => document.querySelector('[data-testid=terminal-note]')?.textContent === 'connected to web', null, { timeout: 10_000 });
    await page.waitForFunction(() => (document.querySelector('[data-testid=terminal] .xterm-rows')?.textContent ?? '').includes('/ # '), null, { timeout: 10_000 });
    await page.locator('[data-testid=terminal] textarea').pressSequentially('echo hello-$((6*7))\n', { delay: 5 });
    // The rows read as one string: the echoed command, then its output, then the next prompt.
    await page.waitForFunction(() => /echo hello-\$\(\(6\*7\)\)\s*hello-42\s*\/ #/.test(document.querySelector('[data-testid=terminal] .xterm-rows')?.textContent ?? ''), null, { timeout: 10_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-pod.png'), fullPage: true, animations: 'disabled' });
    await page.goto(`${dash.origin}/#/`);
    await page.waitForSelector('[data-testid=phase-web]');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-cluster.png'), fullPage: true, animations: 'disabled' });
});
test('a failing Pod is explained in words on its page, also on a phone-sized screen', async () => {
    assert.equal((await k(['run', 'crash', '--image=busybox', '--', 'sh', '-c', 'echo boom; exit 1'])).code, 0);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${dash.origin}/#/pod/default/crash`);
    await page.waitForFunction(() => /CrashLoopBackOff: it has exited/.test(document.querySelector('[data-testid=waiting]')?.textContent ?? ''), null, { timeout: 40_000 });
    assert.match(await page.textContent('[data-testid=waiting]') ?? '', /^Now: container crash is in CrashLoopBackOff: it has exited (once|twice|\w+ times) \(last exit code 1\), next try in \d+ s$/);
    // Nothing wider than the phone but the scrollable tables and the picture.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-crash-phone.png'), fullPage: true, animations: 'disabled' });
});
test('berth journey: the timeline in the terminal, why a Pod waits, and the picture as PNG', async () => {
    const web = await journey(['web']);
    assert.equal(web.code, 0, web.stderr);
    assert.match(web.stdout, /^Pod default\/web — Running, Ready on \S+\n/);
    // The first exact step is the scheduler's first sight of the Pod; binding follows it.
    assert.match(web.stdout, /\+0\.00 ms\s+scheduler\s+seen by the scheduler\n\s+\+[\d.]+ ms\s+scheduler\s+bound to /);
    assert.match(web.stdout, /runtime\s+container web running/);
    assert.match(web.stdout, /kubelet\s+Ready\s/);
    assert.match(web.stdout, /◀ slowest/);
    assert.doesNotMatch(web.stdout, /^Now:/m);
    const crash = await journey(['crash']);
    assert.match(crash.stdout, /\nNow: container crash is in CrashLoopBackOff: it has exited \w+( times)? \(last exit code 1\), next try in \d+ s\n/);
    const png = join(ARTIFACTS, 'journey-web.png');
    assert.equal((await journey(['web', '-o', png])).code, 0);
    assert.deepEqual([...(await readFile(png)).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    const bad = await journey(['web', '-o', 'web.txt']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /-o takes a file ending in \.svg, \.png or \.html/);
    const missing = await journey(['nope']);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /pods "nope" not found/);
});
test('a deleted Pod\'s page keeps its journey to the end: SIGTERM, exit, removed', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${dash.origin}/#/pod/default/web`);
    await page.waitForSelector('[data-testid=pod-phase] >> text=Running');
    assert.equal((await k(['delete', 'pod', 'web', '--grace-period=1', '--wait=false'])).code, 0);
    await page.waitForSelector('[data-testid=pod-phase] >> text=Removed', { timeout: 30_000 });
    const steps = (await page.getAttribute('[data-testid=journey]', 'data-steps')).split('|');
    const at = (l) => steps.indexOf(l);
    assert.ok(at('stopping web: SIGTERM sent') > at('Ready'), steps.join(', '));
    assert.equal(steps.at(-1), 'removed (seen by this page)');
    assert.equal(await page.textContent('[data-testid=waiting]'), 'Removed: its journey has ended.');
});
//# sourceMappingURL=ui-e2e.test.js.map