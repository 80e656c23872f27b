import { signal } from '@preact/signals';
import { api, call, type Schemas } from '../../api/client.ts';
import { pagedList } from '../table-scroll.tsx';

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

const list = pagedList((orgId, cursor?: string) =>
  call(api.GET('/orgs/{orgId}/members', { params: { path: { orgId }, query: query(filters.peek(), cursor) } })),
);
export const { rows, nextCursor, state: listState, error: listError, moreBusy, loadMore: loadMoreMembers } = list;
/** The first page for the current filters. */
export const loadMembers = (orgId: string) => list.load(orgId);

/** What the page says about the last change made in a member's panel. */
export const pageNotice = signal<string | null>(null);

/** On opening the page (or another org's): no filters, no notice, the first page asked at once. */
export function openMembers(orgId: string) {
  filters.value = noFilters;
  pageNotice.value = null;
  void loadMembers(orgId);
}

/** A member changed in the panel: the row shows it at once. */
export function replaceRow(member: Member) {
  rows.value = rows.peek().map((r) => (r.userId === member.userId ? member : r));
}

export function dropRow(userId: string) {
  rows.value = rows.peek().filter((r) => r.userId !== userId);
}
