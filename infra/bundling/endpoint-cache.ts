/**
 * `@aws-sdk/endpoint-cache` for the bundles, without its LRU library (mnemonist and obliterator,
 * 7 KB minified in every function): the DynamoDB client builds this cache for endpoint discovery,
 * which DynamoDB does not require and this service never turns on. Same API and behaviour, with
 * the least recently used entry dropped beyond the capacity, on a Map (insertion order).
 */
interface Cached {
  Address: string;
  Expires: number;
}

export class EndpointCache {
  private readonly cache = new Map<string, Cached[]>();
  constructor(private readonly capacity: number) {}

  getEndpoint(key: string): string | undefined {
    const endpoints = this.get(key);
    if (!endpoints || endpoints.length === 0) return undefined;
    return endpoints[Math.floor(Math.random() * endpoints.length)]?.Address;
  }

  get(key: string): Cached[] | undefined {
    if (!this.has(key)) return undefined;
    const value = this.cache.get(key) as Cached[];
    // a read makes the entry the most recently used
    this.cache.delete(key);
    this.cache.set(key, value);
    const now = Date.now();
    const live = value.filter((e) => now < e.Expires);
    if (live.length === 0) {
      this.delete(key);
      return undefined;
    }
    return live;
  }

  set(key: string, endpoints: { Address?: string; CachePeriodInMinutes?: number }[]): void {
    const now = Date.now();
    this.cache.delete(key);
    this.cache.set(
      key,
      endpoints.map(({ Address, CachePeriodInMinutes }) => ({
        Address: Address ?? '',
        Expires: now + (CachePeriodInMinutes ?? 0) * 60_000,
      })),
    );
    if (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value as string);
  }

  delete(key: string): void {
    this.cache.set(key, []);
  }

  has(key: string): boolean {
    return (this.cache.get(key)?.length ?? 0) > 0;
  }

  clear(): void {
    this.cache.clear();
  }
}
