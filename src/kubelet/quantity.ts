// Kubernetes resource quantities ("250m", "64Mi", "1e3") as plain numbers, for limits and env.

const SUFFIX: Record<string, number> = {
  n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

export function parseQuantity(q: string): number {
  const m = /^([+-]?[0-9.]+)(?:([eE][+-]?[0-9]+)|([a-zA-Z]*))$/.exec(q.trim());
  if (!m || !(m[3] === undefined || m[3] in SUFFIX)) throw new Error(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': ${q}`);
  const n = Number(m[1]);
  return m[2] ? n * 10 ** Number(m[2].slice(1)) : n * SUFFIX[m[3] ?? '']!;
}

export function memoryBytes(q: string | undefined): number | undefined {
  return q === undefined ? undefined : Math.ceil(parseQuantity(q));
}

export function cpuMillis(q: string | undefined): number | undefined {
  return q === undefined ? undefined : Math.ceil(parseQuantity(q) * 1000);
}
