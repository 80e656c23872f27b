import { expect } from 'vitest';
import { direct } from './direct.ts';
import type { User, useStack } from './stack.ts';

/** What the member tests (members.test.ts, direct-add.test.ts, the service principals' suites) do to a stack: orgs with members in roles, their audit, their counters. */
export function memberHelpers(api: ReturnType<typeof useStack>) {
  const db = direct(api);
  const join = db.join.bind(db);

  /** An org, its admin Ada, and one person per role who joined by invitation (emailed unless `sendEmail: false`). */
  async function orgWith(roles: string[], opts: { name?: string; sendEmail?: false } = {}) {
    const admin = await api.user('Ada');
    const org = await api.createOrg(admin, opts.name ? { name: opts.name } : undefined);
    const people: User[] = [];
    for (const [i, role] of roles.entries()) {
      const u = await api.user(`${role}${i}`);
      await join(admin, org.orgId, u, role, opts.sendEmail === false ? { sendEmail: false } : {});
      people.push(u);
    }
    return { admin, org, orgId: org.orgId as string, people };
  }

  /** An org, its admin Ada and one `member` of `role`, who joined without an email. */
  async function orgWithOne(role: string) {
    const { admin, orgId, people } = await orgWith([role], { sendEmail: false });
    return { admin, orgId, member: people[0]! };
  }

  async function auditOf(orgId: string, types: string[]) {
    return (await api.stack.runtime.deps.audit.list(orgId, { types }, { limit: 200 })).items;
  }

  /** The counters on the org item must agree with the member rows, whatever happened. */
  async function expectCountersMatchRows(orgId: string) {
    const rows = (await db.partition(`ORG#${orgId}`)).filter((i) => String(i.SK).startsWith('MEMBER#'));
    const org = await db.item(`ORG#${orgId}`, 'ORG');
    expect(org?.memberCount).toBe(rows.length);
    expect(org?.adminCount).toBe(rows.filter((r) => r.role === 'admin' && r.status === 'active').length);
  }
  return { db, join, orgWith, orgWithOne, auditOf, expectCountersMatchRows };
}

/**
 * An org whose allowed domain is fresh (so no other test's people fall under it), its admin Ada and Cole at
 * that domain, who has not joined. With `autoJoinRole`, auto-join is on: Cole may join by POST /orgs/{orgId}/join.
 */
export async function domainOrg(api: ReturnType<typeof useStack>, autoJoinRole?: 'admin' | 'member' | 'viewer') {
  const domain = `corp-${Math.random().toString(36).slice(2, 10)}.com`;
  const ada = await api.user('Ada', { email: `ada@${domain}` });
  const org = await api.createOrg(ada, { allowedDomains: [domain] });
  if (autoJoinRole) await api.as(ada).patch(`/orgs/${org.orgId}`, { autoJoin: { enabled: true, role: autoJoinRole } });
  const cole = await api.user('Cole', { email: `cole@${domain}` });
  return { domain, ada, org, cole };
}

/**
 * For direct add: an enterprise org (the plan that allows it) with its Admin, and a Colleague at corp.example
 * who already uses the service (an org of their own), so direct add may add them once the org lists the domain.
 */
export async function enterpriseOrgAndColleague(api: ReturnType<typeof useStack>) {
  const admin = await api.user('Admin');
  const org = await api.createOrg(admin);
  await api.setPlan(org.orgId, 'enterprise');
  const colleague = await api.user('Colleague', { email: `colleague.${Date.now()}@corp.example` });
  await api.createOrg(colleague);
  return { admin, org, colleague };
}
