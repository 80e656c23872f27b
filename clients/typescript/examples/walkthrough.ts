import { pathToFileURL } from 'node:url';
import { ApiError, createInvitationsClient, idempotencyKey, pages, unwrap, wasReplayed } from '../src/index.ts';

/**
 * The client against a running local stack: `npm start`, then `npm run example -w clients/typescript`
 * (API_URL picks another stack). Tokens come from the local identity provider (`/_local/token`, not
 * part of the API); everything else goes through the typed client.
 */
export async function walkthrough(baseUrl: string, log: (line: string) => void = console.log): Promise<{ orgId: string; members: number; refusal: string }> {
  const tokenFor = async (email: string, name: string) => {
    const res = await fetch(`${baseUrl}/_local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, name }),
    });
    return ((await res.json()) as { token: string }).token;
  };
  const suffix = Math.random().toString(36).slice(2, 8);
  const admin = createInvitationsClient({ baseUrl, token: await tokenFor(`ada.${suffix}@example.com`, 'Ada') });

  // create an org; a retry with the same key would get the same org back, not a second one
  const key = idempotencyKey();
  const { org } = await unwrap(admin.POST('/orgs', { body: { name: `Acme ${suffix}` }, params: { header: key } }));
  const again = await admin.POST('/orgs', { body: { name: `Acme ${suffix}` }, params: { header: key } });
  log(
    `created ${org.name} (${org.orgId}); retried with the same Idempotency-Key: replayed=${wasReplayed(again.response)}, same org=${again.data?.org.orgId === org.orgId}`,
  );

  const { results } = await unwrap(
    admin.POST('/orgs/{orgId}/invitations', {
      params: { path: { orgId: org.orgId } },
      body: { emails: `bob.${suffix}@example.com, carol.${suffix}@example.com`, role: 'member' },
    }),
  );
  log(`invited: ${results.map((r) => `${r.email} ${r.status}`).join(', ')}`);

  // every invitation, one page of one at a time: the iterator follows nextCursor
  const invited: string[] = [];
  for await (const invitation of pages((cursor) =>
    admin.GET('/orgs/{orgId}/invitations', {
      params: { path: { orgId: org.orgId }, query: { limit: 1, ...(cursor ? { cursor } : {}) } },
    }),
  ))
    invited.push(`${invitation.email} (${invitation.status})`);
  log(`pending invitations: ${invited.join(', ')}`);

  let members = 0;
  for await (const m of pages((cursor) => admin.GET('/orgs/{orgId}/members', { params: { path: { orgId: org.orgId }, query: cursor ? { cursor } : {} } }))) {
    members += 1;
    log(`member: ${m.email} ${m.role}`);
  }

  // a refusal is an ApiError with the problem's code: the only admin cannot demote themselves
  const me = await unwrap(admin.GET('/me'));
  let refusal = '';
  try {
    await unwrap(
      admin.PATCH('/orgs/{orgId}/members/{userId}', {
        params: { path: { orgId: org.orgId, userId: me.userId } },
        body: { role: 'member' },
      }),
    );
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    refusal = error.code;
    log(`refused: ${error.status} ${error.code} (${error.detail})`);
  }
  return { orgId: org.orgId, members, refusal };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await walkthrough(process.env.API_URL ?? 'http://127.0.0.1:3000');
}
