import { NestedStack, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/**
 * What an area of the service (Data, Web, Api, WebContent) is built on: a Stack of its own when the
 * OrgInvitations construct sits in an App or a Stage, a NestedStack of the enclosing stack when it sits
 * in a Stack (docs/adr/embeddable-construct.md). The area's class body is the same either way, so its
 * resources, their paths inside the stack and their logical ids are too.
 */
// biome-ignore lint/suspicious/noExplicitAny: TypeScript's mixin pattern requires a constructor of any[]
export type StackBase = new (...args: any[]) => Stack;

export const topLevel: StackBase = Stack;
// NestedStack takes NestedStackProps: of an area's props it reads only `description`
export const nested = NestedStack as unknown as StackBase;

/** An area class, typed by its props (a mixin's own constructor must take `any[]`). */
export type AreaClass<P, T> = new (scope: Construct, id: string, props: P) => T;
