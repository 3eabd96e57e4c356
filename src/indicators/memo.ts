/** Memoises a pure one-string function with a bounded map (cleared when full), for repeated tokens. */
export function memoize<T>(fn: (key: string) => T, max = 20_000): (key: string) => T {
  const cache = new Map<string, T>();
  return (key: string) => {
    // One look-up per call: a result of `undefined` is simply not remembered (the functions memoised return null).
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    if (cache.size >= max) cache.clear();
    const value = fn(key);
    cache.set(key, value);
    return value;
  };
}
