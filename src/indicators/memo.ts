/** Memoises a pure one-string function with a bounded map (cleared when full), for repeated tokens. */
export function memoize<T>(fn: (key: string) => T, max = 20_000): (key: string) => T {
  const cache = new Map<string, T>();
  return (key: string) => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as T;
    if (cache.size >= max) cache.clear();
    const value = fn(key);
    cache.set(key, value);
    return value;
  };
}
