// Cron schedules as CronJobs write them (the standard five fields, @hourly-style descriptors, @every,
// and a CRON_TZ=/TZ= prefix), with the error texts upstream's parser gives, and the next time a schedule
// fires in an IANA time zone (wall-clock fields from Intl, so daylight saving is the zone's own).
const MONTHS = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const FIELDS = [{ min: 0, max: 59 }, { min: 0, max: 23 }, { min: 1, max: 31 }, { min: 1, max: 12, names: MONTHS }, { min: 0, max: 6, names: DAYS }];
const DESCRIPTORS = {
    '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0',
    '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
};
export class CronError extends Error {
}
function parseNumber(s, f) {
    const named = f.names?.[s.toLowerCase()];
    if (named !== undefined)
        return named;
    if (!/^-?\d+$/.test(s))
        throw new CronError(`failed to parse int from ${s}: strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
    const n = Number(s);
    if (n < 0)
        throw new CronError(`negative number (${n}) not allowed: ${s}`);
    return n;
}
/** One comma-separated part: `*`, `?`, `a`, `a-b`, each with an optional `/step`. */
function parseRange(expr, f, into) {
    const slash = expr.split('/');
    if (slash.length > 2)
        throw new CronError(`too many slashes: ${expr}`);
    const hyphen = slash[0].split('-');
    if (hyphen.length > 2)
        throw new CronError(`too many hyphens: ${expr}`);
    let start;
    let end;
    if (hyphen[0] === '*' || hyphen[0] === '?') {
        [start, end] = [f.min, f.max];
    }
    else {
        start = parseNumber(hyphen[0], f);
        end = hyphen.length === 2 ? parseNumber(hyphen[1], f) : start;
    }
    let step = 1;
    if (slash.length === 2) {
        step = parseNumber(slash[1], f);
        // `N/step` means N through the maximum.
        if (hyphen.length === 1 && hyphen[0] !== '*' && hyphen[0] !== '?')
            end = f.max;
        if (step === 0)
            throw new CronError(`step of range should be a positive number: ${expr}`);
    }
    if (start < f.min)
        throw new CronError(`beginning of range (${start}) below minimum (${f.min}): ${expr}`);
    if (end > f.max)
        throw new CronError(`end of range (${end}) above maximum (${f.max}): ${expr}`);
    if (start > end)
        throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
    for (let v = start; v <= end; v += step)
        into.add(v);
}
function parseField(text, f) {
    const set = new Set();
    for (const part of text.split(','))
        parseRange(part, f, set);
    return set;
}
/** Go duration text as @every takes it (`1h30m`, `90s`). */
function parseGoDuration(s) {
    const units = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
    const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
    let total = 0;
    let m;
    let at = 0;
    while ((m = re.exec(s))) {
        total += Number(m[1]) * units[m[2]];
        at = re.lastIndex;
    }
    if (!s || at !== s.length)
        throw new CronError(`failed to parse duration @every ${s}: time: invalid duration ${JSON.stringify(s)}`);
    return total;
}
/** Whether Intl (the IANA database Node carries) knows the zone. */
export function validZone(zone) {
    try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return true;
    }
    catch {
        return false;
    }
}
/** Parses a schedule, throwing CronError with upstream's parser's words. */
export function parseSchedule(spec) {
    let text = spec.trim();
    if (!text)
        throw new CronError('empty spec string');
    let zone;
    const tz = /^(CRON_TZ|TZ)=(\S*)/.exec(text);
    if (tz) {
        zone = tz[2];
        if (!validZone(zone))
            throw new CronError(`provided bad location ${zone}: unknown time zone ${zone}`);
        text = text.slice(tz[0].length).trim();
    }
    if (text.startsWith('@')) {
        if (text.startsWith('@every ')) {
            const ms = parseGoDuration(text.slice('@every '.length).trim());
            return { ...(zone ? { zone } : {}), everyMs: Math.max(1000, Math.floor(ms / 1000) * 1000), sets: [], domStar: true, dowStar: true };
        }
        const expanded = DESCRIPTORS[text];
        if (!expanded)
            throw new CronError(`unrecognized descriptor: ${text}`);
        text = expanded;
    }
    const parts = text.split(/\s+/);
    if (parts.length !== 5)
        throw new CronError(`expected exactly 5 fields, found ${parts.length}: [${parts.join(' ')}]`);
    const sets = parts.map((p, i) => parseField(p, FIELDS[i]));
    // Sunday may be written 7 by habit; the parser rejects it as upstream's does (max 6).
    return { ...(zone ? { zone } : {}), sets, domStar: parts[2] === '*' || parts[2] === '?', dowStar: parts[4] === '*' || parts[4] === '?' };
}
const formatters = new Map();
const WEEKDAYS = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
function wallClock(ms, zone) {
    let f = formatters.get(zone);
    if (!f) {
        f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
        formatters.set(zone, f);
    }
    const p = {};
    for (const part of f.formatToParts(ms))
        p[part.type] = part.value;
    return { year: Number(p.year), month: Number(p.month), day: Number(p.day), hour: Number(p.hour), minute: Number(p.minute), weekday: WEEKDAYS[p.weekday] };
}
const MINUTE = 60_000;
/**
 * The first time strictly after `after` (ms) at which the schedule fires, reading its fields in `zone`
 * (the schedule's own CRON_TZ wins); undefined if there is none within five years, as upstream gives up.
 */
export function nextAfter(s, after, zone) {
    if (s.everyMs !== undefined)
        return Math.floor(after / 1000) * 1000 + s.everyMs;
    const tz = s.zone ?? zone;
    const [minutes, hours, doms, months, dows] = s.sets;
    let t = Math.floor(after / MINUTE) * MINUTE + MINUTE;
    const limit = after + 5 * 366 * 24 * 60 * MINUTE;
    while (t <= limit) {
        const w = wallClock(t, tz);
        const dayOk = s.domStar || s.dowStar ? doms.has(w.day) && dows.has(w.weekday) : doms.has(w.day) || dows.has(w.weekday);
        const minuteOfDay = w.hour * 60 + w.minute;
        if (!months.has(w.month) || !dayOk) {
            // On to the next wall-clock day: first to 23:00, so a daylight-saving shift cannot skip a day.
            t += (minuteOfDay < 23 * 60 ? 23 * 60 - minuteOfDay : 24 * 60 - minuteOfDay) * MINUTE;
        }
        else if (!hours.has(w.hour)) {
            t += (60 - w.minute) * MINUTE;
        }
        else if (!minutes.has(w.minute)) {
            t += MINUTE;
        }
        else {
            return t;
        }
    }
    return undefined;
}
//# sourceMappingURL=cron.js.map