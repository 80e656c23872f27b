/** The status an invite (or its dry run) answered for each recipient, in the order the request listed them. */
export const statusesOf = (res: { body: { results: { status: string }[] } }) => res.body.results.map((r) => r.status);
