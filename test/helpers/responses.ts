import type { components, paths } from '../../clients/typescript/src/schema.ts';

/*
 * The body type of a test request, from the route and method it calls: the types openapi-typescript
 * generates from docs/openapi.json (clients/typescript/src/schema.ts), so a test that reads a field no
 * response of that route has fails to compile. A test asserts the status before it reads the body, and
 * the compiler cannot follow an `expect`: the body is every answer of the route flattened into one
 * object (each success body and the problem+json body), each field typed as the union of what the
 * answers that have it put there.
 */

export type Problem = components['schemas']['Problem'];
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type ApiPath = keyof paths & string;

type Segments<S extends string> = S extends `${infer Head}/${infer Tail}` ? [Head, ...Segments<Tail>] : [S];
/**
 * Whether a path's segments fit a route template's: a `{param}` takes any one segment, the others are the
 * same text, or that text followed by more (a query string written into the template: `audit${string}`).
 */
type Fits<P extends string[], K extends string[]> = P extends [infer PS, ...infer PR extends string[]]
  ? K extends [infer KS, ...infer KR extends string[]]
    ? (KS extends `{${string}}` ? true : PS extends KS ? true : PS extends `${KS & string}${string}` ? true : false) extends true
      ? Fits<PR, KR>
      : false
    : false
  : K extends []
    ? true
    : false;
/** The route templates a concrete path (its query string dropped) may be. */
type RouteOf<P extends string> = {
  [K in ApiPath]: Fits<Segments<P extends `${infer Base}?${string}` ? Base : P>, Segments<K>> extends true ? K : never;
}[ApiPath];

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Answers<K extends ApiPath, M extends Method> = K extends ApiPath
  ? paths[K][M] extends { responses: infer R }
    ? { [S in keyof R]: JsonOf<R[S]> }[keyof R]
    : never
  : never;

type KeysOf<U> = U extends unknown ? keyof U : never;
type FieldOf<U, K extends PropertyKey> = U extends unknown ? (K extends keyof U ? U[K] : never) : never;
/**
 * A union of object types as one object, all the way down (arrays of them too): every field of any
 * member, typed as the union of what the members that have it put there.
 */
export type Flatten<U> = [U] extends [readonly (infer E)[]]
  ? Flatten<E>[]
  : [U] extends [Record<string, unknown>]
    ? { [K in KeysOf<U>]: Flatten<FieldOf<U, K>> }
    : U;

/** What the local stack's own routes (functions/local/stack.ts, not part of the API) answer. */
interface LocalAnswers {
  '/_local/token': { token: string; userId: string };
  '/_local/emails': { items: { to: string; subject: string; text: string; html: string; sentAt: string }[] };
  '/_local/clock': { offsetSeconds: number; now: string };
}
type LocalBody<P extends string> = { [K in keyof LocalAnswers]: P extends `${K}${string}` ? LocalAnswers[K] : never }[keyof LocalAnswers];

/**
 * The body a test reads from `method path`. A path the compiler cannot place on one route (a `string`
 * built at run time, or a template whose variable part spans segments, like `${path}/resend`) keeps
 * the body `any`, as every body was before: only a path it can place is held to that route's answers.
 */
export type BodyOf<M extends string, P extends string> = [LocalBody<P>] extends [never]
  ? string extends P
    ? Untyped
    : [RouteOf<P>] extends [never]
      ? Untyped
      : Flatten<Answers<RouteOf<P>, Lowercase<M> & Method> | Problem>
  : LocalBody<P>;

/** The body of a request the compiler cannot place on a route. */
type Untyped = any;
