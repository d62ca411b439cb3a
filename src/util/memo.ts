/**
 * One computed value per object, kept as long as the object lives. Rules use it for work on the English side of a
 * pair: the English document and its blocks are shared by every locale of a run, so what is worked out of them
 * once serves all the translations.
 */
export function memoize<Key extends object, Value>(compute: (key: Key) => Value): (key: Key) => Value {
  const values = new WeakMap<Key, Value>();
  return (key) => {
    if (values.has(key)) return values.get(key)!;
    const value = compute(key);
    values.set(key, value);
    return value;
  };
}
