/**
 * A port of which a unit test implements only the methods its use case calls: the ones given are
 * type-checked against the port, and any other one throws when called, naming itself, instead of
 * the test casting a partial object to the whole port (`as unknown as Deps`).
 */
export function fakeOf<T extends object>(name: string, methods: Partial<T>): T {
  return new Proxy(methods as T, {
    get(target, prop, receiver) {
      if (prop in target || typeof prop === 'symbol' || prop === 'then') return Reflect.get(target, prop, receiver);
      return () => {
        throw new Error(`${name}.${prop} is not faked in this test`);
      };
    },
  });
}
