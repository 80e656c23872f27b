import { signal } from '@preact/signals';
import { ApiError, api, call, type Schemas } from '../../api/client.ts';
import { messageFor } from '../../api/errors.ts';
import { c } from '../../strings-console.ts';
import { type ActionNotice, runAction } from '../page-actions.tsx';
import { pagedList } from '../table-scroll.tsx';

export type Invitation = Schemas['Invitation'];
export type Status = Invitation['status'];
export const statuses: Status[] = ['pending', 'accepted', 'expired', 'revoked', 'declined'];

export const status = signal<Status>('pending');
/** What happened to the last row acted on (announced), or why it could not be done. */
export const notice = signal<ActionNotice>(null);
/** Rows whose resend is refused until a moment (epoch ms), from the 429's Retry-After. */
export const resendBlocked = signal<Map<string, number>>(new Map());
/** A row whose last email bounced: resending needs the admin to confirm the address. */
export const undeliverable = signal<Set<string>>(new Set());
export const busyRow = signal<string | null>(null);

const PAGE = 50;
const list = pagedList((orgId, cursor?: string) =>
  call(api.GET('/orgs/{orgId}/invitations', { params: { path: { orgId }, query: { status: status.peek(), limit: PAGE, ...(cursor ? { cursor } : {}) } } })),
);
export const { rows, nextCursor, state: listState, error: listError, moreBusy, load: loadInvitations } = list;

/** On opening the page (or another org's): no notice, nothing ticked, the first page asked at once. */
export function openInvitations(orgId: string) {
  notice.value = null;
  selected.value = new Set();
  void loadInvitations(orgId);
}

function block(invitationId: string, seconds: number) {
  const next = new Map(resendBlocked.peek());
  next.set(invitationId, Date.now() + seconds * 1000);
  resendBlocked.value = next;
}

export async function resend(orgId: string, inv: Invitation, confirmUndeliverable = false) {
  if (busyRow.peek()) return;
  busyRow.value = inv.invitationId;
  notice.value = null;
  try {
    const { invitation } = await call(
      api.POST('/orgs/{orgId}/invitations/{invitationId}/resend', {
        params: { path: { orgId, invitationId: inv.invitationId } },
        body: confirmUndeliverable ? { confirmUndeliverable: true } : {},
      }),
    );
    rows.value = rows.peek().map((r) => (r.invitationId === inv.invitationId ? invitation : r));
    const rest = new Set(undeliverable.peek());
    rest.delete(inv.invitationId);
    undeliverable.value = rest;
    notice.value = { kind: 'ok', text: c.invitations.resent(inv.email) };
  } catch (e) {
    if (e instanceof ApiError && e.code === 'resend_rate_limited') {
      block(inv.invitationId, e.retryAfterSeconds ?? 60);
      notice.value = { kind: 'problem', text: `${inv.email}: ${c.invitations.rateLimited(e.retryAfterSeconds ?? 60)}` };
    } else if (e instanceof ApiError && e.code === 'resend_limit_reached') {
      block(inv.invitationId, e.retryAfterSeconds ?? 3600);
      notice.value = { kind: 'problem', text: c.invitations.dailyLimit };
    } else if (e instanceof ApiError && e.code === 'delivery_problem_unconfirmed') {
      undeliverable.value = new Set([...undeliverable.peek(), inv.invitationId]);
      notice.value = { kind: 'problem', text: `${inv.email}: ${c.invitations.undeliverable}` };
    } else {
      notice.value = { kind: 'problem', text: messageFor(e) };
    }
  } finally {
    busyRow.value = null;
  }
}

export async function revoke(orgId: string, inv: Invitation): Promise<boolean> {
  busyRow.value = inv.invitationId;
  try {
    return await runAction(notice, async () => {
      await call(api.POST('/orgs/{orgId}/invitations/{invitationId}/revoke', { params: { path: { orgId, invitationId: inv.invitationId } } }));
      rows.value = rows.peek().filter((r) => r.invitationId !== inv.invitationId);
      return c.invitations.revoked(inv.email);
    });
  } finally {
    busyRow.value = null;
  }
}

/** Pending invitations ticked for a bulk resend or revoke. */
export const selected = signal<Set<string>>(new Set());

export function toggle(invitationId: string, on: boolean) {
  const next = new Set(selected.peek());
  if (on) next.add(invitationId);
  else next.delete(invitationId);
  selected.value = next;
}

/**
 * Resends or revokes every ticked invitation, one request each (the API has no bulk route for these),
 * and says how many went and why the others did not.
 */
export async function bulk(orgId: string, action: 'resend' | 'revoke') {
  const chosen = rows.peek().filter((r) => selected.peek().has(r.invitationId));
  if (chosen.length === 0 || busyRow.peek()) return;
  busyRow.value = 'bulk';
  notice.value = null;
  const failed: string[] = [];
  let done = 0;
  for (const inv of chosen) {
    const path = { orgId, invitationId: inv.invitationId };
    try {
      if (action === 'resend') {
        const { invitation } = await call(api.POST('/orgs/{orgId}/invitations/{invitationId}/resend', { params: { path }, body: {} }));
        rows.value = rows.peek().map((r) => (r.invitationId === inv.invitationId ? invitation : r));
      } else {
        await call(api.POST('/orgs/{orgId}/invitations/{invitationId}/revoke', { params: { path } }));
        rows.value = rows.peek().filter((r) => r.invitationId !== inv.invitationId);
      }
      done++;
    } catch (e) {
      if (e instanceof ApiError && e.code === 'resend_rate_limited') block(inv.invitationId, e.retryAfterSeconds ?? 60);
      failed.push(
        `${inv.email}: ${e instanceof ApiError && e.code === 'resend_rate_limited' ? c.invitations.rateLimited(e.retryAfterSeconds ?? 60) : messageFor(e)}`,
      );
    }
  }
  selected.value = new Set();
  busyRow.value = null;
  const summary = action === 'resend' ? c.invitations.bulkResent(done) : c.invitations.bulkRevoked(done);
  notice.value =
    failed.length === 0
      ? { kind: 'ok', text: summary }
      : { kind: 'problem', text: `${summary} ${c.invitations.bulkFailed(failed.length)} ${failed.join(' ')}` };
}
