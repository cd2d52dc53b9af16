// Waiting for a group of steps to finish before acting on a failure among them: undo code that ran
// while a step was still going would miss what that step made afterwards (a process, a mount).

/** One error for several failures: a lone failure as it is unless `what` names the group. */
export function combinedError(errors: unknown[], what?: string): Error {
  if (errors.length === 1 && errors[0] instanceof Error && what === undefined) return errors[0];
  const text = errors.map((e) => (e instanceof Error ? e.message : String(e))).join('; ');
  return new AggregateError(errors, `${what ?? 'several steps failed'}: ${text}`);
}

type Values<T extends readonly unknown[]> = { -readonly [K in keyof T]: Awaited<T[K]> };

/** The values of every promise, or their failures in the promises' order; waits for all of them either way. */
async function settled<T extends readonly unknown[]>(promises: T): Promise<{ values: Values<T>; errors: unknown[] }> {
  const results = await Promise.allSettled(promises);
  const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  return { values: results.map((r) => (r.status === 'fulfilled' ? r.value : undefined)) as Values<T>, errors };
}

/** Like Promise.all, but settles every promise before it rejects (with combinedError of the failures). */
export async function settleAll<T extends readonly unknown[]>(promises: T, what?: string): Promise<Values<T>> {
  const { values, errors } = await settled(promises);
  if (errors.length > 0) throw combinedError(errors, what);
  return values;
}

/** Like settleAll, but rejects with the first failure in the promises' order, as it is (its type kept for the caller). */
export async function settleAllFirstError<T extends readonly unknown[]>(promises: T): Promise<Values<T>> {
  const { values, errors } = await settled(promises);
  if (errors.length > 0) throw errors[0];
  return values;
}
