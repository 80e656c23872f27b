import { describe, expect, it } from 'vitest';
import { useStack } from '../helpers/stack.ts';

const api = useStack();

const DAY = 86_400;
const HOUR = 3_600;

async function auditTypes(orgId: string, type: string) {
  const page = await api.stack.runtime.deps.audit.list(orgId, { types: [type] }, { limit: 200 });
  return page.items;
}

describe('reminders', () => {
  it('a pending invitation gets one reminder at the configured time, with a working link', async () => {
    // Prepare: default settings, 7-day invitations, reminder 48 h before expiry
    await api.setClock(0);
    const admin = await api.user('Ada');
    const org = await api.createOrg(admin, { name: 'Acme' });
    const bob = await api.user('Bob');
    await api.invite(admin, org.orgId, { emails: bob.email, role: 'viewer' });
    expect(await api.emailsTo(bob.email)).toHaveLength(1);

    // Act: just before the reminder time nothing; just after it, the reminder
    await api.setClock(5 * DAY - 60);
    const before = await api.emailsTo(bob.email);
    await api.setClock(5 * DAY + 5);
    const after = await api.emailsTo(bob.email);
    await api.setClock(6 * DAY);
    const later = await api.emailsTo(bob.email);

    // Assess
    expect(before).toHaveLength(1);
    expect(after).toHaveLength(2);
    expect(later).toHaveLength(2);
    const reminder = after[1]!;
    expect(reminder.subject).toMatch(/^Reminder: /);
    expect(reminder.text).toContain('Acme');
    expect(reminder.text).toContain('Ada');
    expect(reminder.text).toContain('a viewer');
    expect(reminder.text).toMatch(/expires on/);
    expect(await auditTypes(org.orgId, 'invitation.reminded')).toHaveLength(1);

    const token = /[?&]token=([A-Za-z0-9_-]+)/.exec(reminder.text)?.[1];
    const accepted = await api.as(bob).post('/invitations/accept', { token });
    expect(accepted.status).toBe(200);
  });
});
