import * as z from 'zod/mini';

/** Names the bodies as components of the OpenAPI document (scripts/openapi-document.ts reads the registry). */
export const schemaNames = z.registry<{ id: string; description?: string; mediaType?: string }>();
export const named = <T extends z.ZodMiniType>(id: string, schema: T, description?: string, mediaType?: string): T => {
  schemaNames.add(schema, { id, ...(description ? { description } : {}), ...(mediaType ? { mediaType } : {}) });
  return schema;
};

/** A named strict object (the document says `additionalProperties: false`), as every body is but the two documents. */
export const namedObject = <S extends z.core.$ZodLooseShape>(id: string, shape: S, description?: string) => named(id, z.strictObject(shape), description);

export const timestamp = z.iso.datetime();
export const page = <T extends z.ZodMiniType>(id: string, item: T) =>
  namedObject(
    id,
    { items: z.array(item), nextCursor: z.nullable(z.string()) },
    'One page of a list; pass `nextCursor` as `?cursor=` for the next (null: the last page).',
  );
