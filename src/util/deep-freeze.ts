// Objects shared between holders that must never change them: frozen to the last member.

export function deepFreeze<T>(o: T): T {
  if (o === null || typeof o !== 'object' || Object.isFrozen(o)) return o;
  Object.freeze(o);
  // Walked in place: Object.values would allocate an array per object, millions at 150,000 Pods.
  if (Array.isArray(o)) for (const v of o) deepFreeze(v);
  else for (const k in o) deepFreeze((o as Record<string, unknown>)[k]);
  return o;
}
