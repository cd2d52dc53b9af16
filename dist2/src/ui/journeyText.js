// The journey in the terminal: a step per line with its offset, what it took, the slowest marked,
// and why the Pod waits, if it does.
import { formatDuration, journeyOrigin, slowestStep } from './journeySteps.js';
import { offsetText, podTitle } from './journeySvg.js';
export function journeyText(pod, steps, waiting) {
    const origin = journeyOrigin(steps);
    const slowest = slowestStep(steps);
    const lines = [podTitle(pod), ''];
    const rows = steps.map((s, i) => {
        const took = i > 0 && s.precise && steps[i - 1].precise ? formatDuration(s.at - steps[i - 1].at) : '';
        return [offsetText(s, origin), s.actor, s.label, took, i === slowest ? '◀ slowest' : ''];
    });
    const w = [0, 1, 2].map((c) => Math.max(0, ...rows.map((r) => r[c].length)));
    for (const r of rows)
        lines.push(`  ${r[0].padStart(w[0])}  ${r[1].padEnd(w[1])}  ${r[2].padEnd(w[2])}  ${r[3].padStart(9)} ${r[4]}`.trimEnd());
    if (steps.some((s) => !s.precise))
        lines.push('', '  (a…b: the API keeps that moment to the second only, so it lies in that span; offsets count from the first exact step)');
    if (waiting)
        lines.push('', `Now: ${waiting}`);
    return lines.join('\n') + '\n';
}
//# sourceMappingURL=journeyText.js.map