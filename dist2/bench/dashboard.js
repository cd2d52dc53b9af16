// Dashboard benchmark, against the targets: a server (no kubelet) with 1,000 Pods and
// `berth dashboard`, in Debian's Chromium. Figures: the cluster page's first paint with Pods (its own
// User Timing mark, from the navigation), all 1,000 in the (windowed) list; how long after kubectl returns (or the
// API answers a create) the new Pod shows on the page (the page's clock, noted by a MutationObserver, against ours: one
// machine, one wall clock); and the page's longest frame and long tasks while 100 Pods churn
// (created, relabelled, deleted, over and over) on top of the 1,000. BENCH_TRACE=FILE writes a Chrome
// trace of the churn (open it in DevTools' Performance panel) to see what the long frames spend.
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { apiFor } from '../test/support/api.js';
import { launchBrowser } from '../test/support/browser.js';
import { podsListed, startDashboardProcess, waitForPodsListed } from '../test/support/dashboard.js';
import { kubectl } from '../test/support/kubectl.js';
import { startServer } from '../test/support/server.js';
import { summarize, table } from './stats.js';
const PODS = 1000;
const CHURN = 100;
const CHURN_MS = 10_000;
const VISITS = 5;
const KUBECTL_PODS = 10;
const podBody = (name, labels = {}) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
});
async function createPods(api, names) {
    for (let i = 0; i < names.length; i += 50) {
        const rs = await Promise.all(names.slice(i, i + 50).map((n) => api.call('POST', '/api/v1/namespaces/default/pods', podBody(n, { app: 'bench' }))));
        for (const r of rs)
            if (r.status !== 201)
                throw new Error(`create: ${r.status} ${JSON.stringify(r.body)}`);
    }
}
/** Navigates to the cluster page and returns [first Pods painted, all listed], in ms from the navigation. */
async function visit(page, origin, want) {
    await page.goto('about:blank');
    await page.goto(`${origin}/#/`);
    await waitForPodsListed(page, want, 30_000, true);
    return page.evaluate(() => [performance.getEntriesByName('berth:pods-painted')[0]?.startTime ?? NaN, performance.now()]);
}
/** The wall-clock moment each named row appeared, noted by the page itself. */
async function noteArrivals(page) {
    await page.evaluate(() => {
        const seen = {};
        window.arrivals = seen;
        new MutationObserver(() => {
            for (const el of document.querySelectorAll('[data-testid^=phase-kubectl-]')) {
                const name = el.getAttribute('data-testid').slice('phase-'.length);
                seen[name] ??= performance.timeOrigin + performance.now();
            }
        }).observe(document.body, { childList: true, subtree: true });
    });
}
/** Starts a frame clock in the page: every frame's gap, and every long task (> 50 ms) the browser reports. */
async function watchFrames(page) {
    await page.evaluate(() => {
        const w = window;
        w.gaps = [];
        w.longTasks = [];
        w.stop = false;
        new PerformanceObserver((l) => l.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask' });
        let last = performance.now();
        const tick = (t) => {
            w.gaps.push(t - last);
            last = t;
            if (!w.stop)
                requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
    });
}
export async function benchDashboard() {
    const server = await startServer();
    const api = await apiFor(server.kubeconfig);
    const dash = await startDashboardProcess(server.kubeconfig);
    const browser = await launchBrowser();
    try {
        await createPods(api, Array.from({ length: PODS }, (_, i) => `p-${String(i).padStart(4, '0')}`));
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        await page.goto(dash.loginUrl);
        await waitForPodsListed(page, PODS, 60_000, true);
        // First paint, on visits after the first (the browser has its session and the server its caches warm).
        const paints = [];
        const alls = [];
        for (let i = 0; i < VISITS; i++) {
            const [paint, all] = await visit(page, dash.origin, PODS);
            paints.push(paint);
            alls.push(all);
        }
        // A Pod created by kubectl: from kubectl's return to its row on the page.
        await noteArrivals(page);
        const appear = [];
        for (let i = 0; i < KUBECTL_PODS; i++) {
            const name = `kubectl-${i}`;
            const r = await kubectl(server.kubeconfig, ['run', name, '--image=busybox', '--restart=Never']);
            const returned = performance.timeOrigin + performance.now();
            if (r.code !== 0)
                throw new Error(`kubectl run: ${r.stderr}`);
            await page.waitForFunction((n) => window.arrivals[n] !== undefined, name, { timeout: 10_000 });
            appear.push((await page.evaluate((n) => window.arrivals[n], name)) - returned);
        }
        // The same through the API: from the create's answer (the Pod is stored) to its row.
        const viaApi = [];
        for (let i = 0; i < KUBECTL_PODS; i++) {
            const name = `kubectl-api-${i}`;
            await createPods(api, [name]);
            const stored = performance.timeOrigin + performance.now();
            await page.waitForFunction((n) => window.arrivals[n] !== undefined, name, { timeout: 10_000 });
            viaApi.push((await page.evaluate((n) => window.arrivals[n], name)) - stored);
        }
        // 100 Pods churning while the page shows the 1,000.
        await watchFrames(page);
        const trace = process.env.BENCH_TRACE;
        if (trace)
            await browser.startTracing(page, { path: trace, screenshots: false });
        const churnStart = performance.now();
        let writes = 0;
        for (let round = 0; performance.now() - churnStart < CHURN_MS; round++) {
            const names = Array.from({ length: CHURN }, (_, i) => `churn-${round}-${i}`);
            await createPods(api, names);
            await Promise.all(names.map((n) => api.call('PATCH', `/api/v1/namespaces/default/pods/${n}`, { metadata: { labels: { app: 'bench', round: String(round) } } })));
            await Promise.all(names.map((n) => api.call('DELETE', `/api/v1/namespaces/default/pods/${n}?gracePeriodSeconds=0`)));
            writes += 3 * CHURN;
        }
        const churnSeconds = (performance.now() - churnStart) / 1000;
        if (trace)
            await browser.stopTracing();
        const { gaps, longTasks } = await page.evaluate(() => {
            const w = window;
            w.stop = true;
            return { gaps: w.gaps, longTasks: w.longTasks };
        });
        const rows = await podsListed(page);
        const p = summarize(paints);
        const a = summarize(alls);
        const k = summarize(appear);
        const c = summarize(viaApi);
        const f = summarize(gaps);
        return [
            // The machine's load says how far the figures are from an idle machine's (the page shares the cores).
            `dashboard: ${PODS} Pods, \`berth dashboard\` in Chromium (headless), targets from issue 14; ${availableParallelism()} cores`,
            table([
                ['measure', 'p50 ms', 'max ms', 'n', 'target'],
                [`first Pods painted (of ${PODS})`, p.p50, p.max, p.n, '≤ 1000 ms'],
                [`all ${PODS} Pods listed`, a.p50, a.max, a.n, ''],
                ['kubectl run returned → row on the page', k.p50, k.max, k.n, '≤ 300 ms'],
                ['API create answered → row on the page', c.p50, c.max, c.n, '≤ 300 ms'],
                [`frame gap, ${CHURN} Pods churning`, f.p50, f.max, f.n, 'no frame > 100 ms'],
            ]),
            table([
                ['while measured', 'value'],
                [`load average (1 min) on ${availableParallelism()} cores`, Number(loadavg()[0].toFixed(1))],
                ['churn writes per second', Math.round(writes / churnSeconds)],
                ['long tasks (> 50 ms) during churn', longTasks.length],
                ['longest task, ms', longTasks.length ? Math.round(Math.max(...longTasks)) : 0],
                ['Pods listed at the end', rows],
            ]),
        ].join('\n');
    }
    finally {
        await browser.close();
        await dash.stop();
        api.close();
        await server.dispose();
    }
}
//# sourceMappingURL=dashboard.js.map