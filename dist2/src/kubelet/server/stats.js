// The kubelet's stats endpoints: `/stats/summary` (the Summary API, JSON) and `/metrics/resource`
// (Prometheus text), both read fresh from the runtime on each request.
import { PROMETHEUS_CONTENT_TYPE } from '../../util/prometheus.js';
import { resourceMetricsText } from '../stats/resource-metrics.js';
function send(res, type, body) {
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)) });
    res.end(body);
}
/** Answers a stats request; false when the path is not one. */
export async function serveStats(req, res, url, stats) {
    const path = url.pathname.replace(/\/+$/, '');
    if (path !== '/stats/summary' && path !== '/metrics/resource')
        return false;
    if (req.method !== 'GET') {
        res.writeHead(405, { Allow: 'GET' }).end();
        return true;
    }
    const summary = await stats.summary();
    if (path === '/stats/summary')
        send(res, 'application/json', JSON.stringify(summary));
    else
        send(res, PROMETHEUS_CONTENT_TYPE, resourceMetricsText(summary));
    return true;
}
//# sourceMappingURL=stats.js.map