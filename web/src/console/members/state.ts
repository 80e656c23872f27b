import { signal } from '@preact/signals';
import { api, call, type Schemas } from '../../api/client.ts';
import { messageFor } from '../../api/errors.ts';

export type Member = Schemas['Member'];
export interface Filters {
  q: string;
  status: '' | 'active' | 'suspended' | 'ended';
  role: '' | 'admin' | 'member' | 'viewer';
  teamId: string;
  product: string;
}
export const noFilters: Filters = { q: '', status: '', role: '', teamId: '', product: '' };

export const filters = signal<Filters>(noFilters);
export const rows = signal<Member[]>([]);
export const nextCursor = signal<string | null>(null);
export const listState = signal<'loading' | 'ready' | 'failed'>('loading');
export const listError = signal<string | null>(null);
export const moreBusy = signal(false);

const PAGE = 50;

function query(f: Filters, cursor?: string) {
  return {
    limit: PAGE,
    ...(f.q.trim() ? { q: f.q.trim() } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.role ? { role: f.role } : {}),
    ...(f.teamId ? { teamId: f.teamId } : {}),
    ...(f.product ? { product: f.product } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

let generation = 0;

/** The first page for the current filters; an answer to an older filter is dropped. */
export async function loadMembers(orgId: string) {
  const mine = ++generation;
  listState.value = 'loading';
  listError.value = null;
  try {
    const page = await call(api.GET('/orgs/{orgId}/members', { params: { path: { orgId }, query: query(filters.peek()) } }));
    if (mine !== generation) return;
    rows.value = page.items;
    nextCursor.value = page.nextCursor;
    listState.value = 'ready';
  } catch (e) {
    if (mine !== generation) return;
    listError.value = messageFor(e);
    listState.value = 'failed';
  }
}

export async function loadMoreMembers(orgId: string) {
  const cursor = nextCursor.peek();
  if (!cursor || moreBusy.peek()) return;
  const mine = generation;
  moreBusy.value = true;
  try {
    const page = await call(api.GET('/orgs/{orgId}/members', { params: { path: { orgId }, query: query(filters.peek(), cursor) } }));
    if (mine !== generation) return;
    rows.value = [...rows.peek(), ...page.items];
    nextCursor.value = page.nextCursor;
  } catch (e) {
    listError.value = messageFor(e);
  } finally {
    moreBusy.value = false;
  }
}

/** A member changed in the panel: the row shows it at once. */
export function replaceRow(member: Member) {
  rows.value = rows.peek().map((r) => (r.userId === member.userId ? member : r));
}

export function dropRow(userId: string) {
  rows.value = rows.peek().filter((r) => r.userId !== userId);
}
