import { expect } from 'vitest';
import { type FaultPlan, setBackgroundFaults } from './faults.ts';
import type { User, useStack } from './stack.ts';

type Api = ReturnType<typeof useStack>;

/**
 * Invites `n` new addresses (`<prefix>.<i>.<random>@example.com`) in one request, which must answer
 * 201: each recipient's address and invitation, for a fault test to follow them through the workers.
 */
export async function inviteMany(api: Api, admin: User, orgId: string, n: number, prefix: string) {
  const emails = Array.from({ length: n }, (_, i) => `${prefix}.${i}.${Math.random().toString(36).slice(2, 8)}@example.com`);
  const res = await api.invite(admin, orgId, { emails: emails.join(', ') });
  expect(res.status).toBe(201);
  return (res.body.results as { email: string; invitationId: string }[]).map((r) => ({ email: r.email, invitationId: r.invitationId }));
}

/**
 * Runs `act` with `plan` failing the calls made outside a request's scope (the stream dispatcher's
 * and the scheduler's, as faults.background does), and keeps it until the stack has settled: the
 * workers' retries of what `act` started meet the faults too. The plan is cleared after. The test
 * file's stack needs useFaults (the middleware the plan acts through).
 */
export async function settledUnder<T>(api: Api, plan: FaultPlan, act: () => Promise<T>): Promise<T> {
  setBackgroundFaults(plan);
  const result = await act();
  await api.stack.settle();
  setBackgroundFaults(undefined);
  return result;
}

/** Ada, her new org and one invitation to a new address, sent while `plan` fails the workers (settledUnder). */
export async function oneInvitedUnder(api: Api, plan: FaultPlan, prefix: string) {
  const admin = await api.user('Ada');
  const org = await api.createOrg(admin);
  const [inv] = await settledUnder(api, plan, () => inviteMany(api, admin, org.orgId, 1, prefix));
  if (!inv) throw new Error('no invitation');
  return { admin, org, inv };
}
