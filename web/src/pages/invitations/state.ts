import { signal } from '@preact/signals';
import { ApiError, api, call, type Schemas } from '../../api/client.ts';
import { messageFor } from '../../api/errors.ts';
import { t } from '../../strings.ts';

export type MyInvitation = Schemas['MyInvitation'];

export const invitations = signal<MyInvitation[] | null>(null);
export const loadError = signal<string | null>(null);
/** Set when the email is not verified: the API matches invitations to verified addresses only. */
export const unverified = signal(false);
export const busy = signal<string | null>(null);
export const joined = signal<{ orgId: string; name: string }[]>([]);
export const failures = signal<{ orgName: string; message: string }[]>([]);

export async function loadInvitations() {
  loadError.value = null;
  unverified.value = false;
  try {
    const items: MyInvitation[] = [];
    let cursor: string | null = null;
    do {
      const page: Schemas['MyInvitationPage'] = await call(api.GET('/me/invitations', { params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } } }));
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    invitations.value = items;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'email_not_verified') unverified.value = true;
    else loadError.value = messageFor(error);
  }
}

function settle(results: { invitationId: string; ok: boolean; code?: string }[]) {
  const byId = new Map((invitations.peek() ?? []).map((i) => [i.invitationId, i]));
  joined.value = [
    ...joined.peek(),
    ...results.filter((r) => r.ok).map((r) => ({ orgId: byId.get(r.invitationId)?.orgId ?? '', name: byId.get(r.invitationId)?.orgName ?? '' })),
  ];
  failures.value = results
    .filter((r) => !r.ok)
    .map((r) => ({
      orgName: byId.get(r.invitationId)?.orgName ?? '',
      message: (r.code && t.errors.byCode[r.code]) || t.errors.generic,
    }));
  const done = new Set(results.map((r) => r.invitationId));
  invitations.value = (invitations.peek() ?? []).filter((i) => !done.has(i.invitationId));
}

export async function acceptOne(invitationId: string) {
  if (busy.peek()) return;
  busy.value = invitationId;
  failures.value = [];
  try {
    await call(api.POST('/me/invitations/{invitationId}/accept', { params: { path: { invitationId } } }));
    settle([{ invitationId, ok: true }]);
  } catch (error) {
    settle([{ invitationId, ok: false, ...(error instanceof ApiError && error.code ? { code: error.code } : {}) }]);
  } finally {
    busy.value = null;
  }
}

export async function acceptAll() {
  if (busy.peek()) return;
  busy.value = 'all';
  failures.value = [];
  try {
    const { results } = await call(api.POST('/me/invitations/accept-all'));
    settle(results.map((r) => ({ invitationId: r.invitationId, ok: r.status === 'accepted', ...('code' in r && r.code ? { code: r.code } : {}) })));
  } catch (error) {
    loadError.value = messageFor(error);
  } finally {
    busy.value = null;
  }
}
