import { describe, expect, it } from 'vitest';
import { can } from '../../shared/domain/access.ts';
import type { DomainError } from '../../shared/domain/errors.ts';
import { authorityLost, isActiveAdmin, isOwnEmailSettings, planMemberChange } from '../../shared/domain/members/member-rules.ts';
import type { Member } from '../../shared/domain/model.ts';
import { addedEmail } from '../../shared/domain/notifications/added-email.ts';
import { lookOf } from '../../shared/domain/notifications/layout.ts';
import { untilSettled } from '../../shared/domain/until-settled.ts';
import { activeMember } from '../helpers/domain-fixtures.ts';

const member = (over: Partial<Member> = {}): Member => activeMember({ teams: ['team_1'], ...over });

describe('member changes', () => {
  it('a role change and a suspension in one patch give two audit events, role first, each with from and to', () => {
    const { after, changes } = planMemberChange(member({ role: 'admin' }), { role: 'viewer', status: 'suspended' });
    expect(after).toMatchObject({ role: 'viewer', status: 'suspended', teams: ['team_1'] });
    expect(changes).toEqual([
      { type: 'member.role_changed', details: { from: 'admin', to: 'viewer' } },
      { type: 'member.suspended', details: { from: 'active', to: 'suspended', role: 'viewer' } },
    ]);
  });

  it('reactivation keeps the role and the teams the member had', () => {
    const { after, changes } = planMemberChange(member({ status: 'suspended', role: 'viewer', teams: ['a', 'b'] }), { status: 'active' });
    expect(after).toMatchObject({ role: 'viewer', status: 'active', teams: ['a', 'b'] });
    expect(changes.map((c) => c.type)).toEqual(['member.reactivated']);
  });

  it('a patch that changes nothing produces no event', () => {
    expect(planMemberChange(member(), { role: 'member', status: 'active' }).changes).toEqual([]);
  });

  it('email settings: set, cleared with null, audited with only the fields that changed', () => {
    const set = planMemberChange(member({ timeZone: 'Europe/Berlin' }), { locale: 'de', timeZone: 'Europe/Berlin' });
    const cleared = planMemberChange(member({ locale: 'de', timeZone: 'Asia/Tokyo' }), { timeZone: null });
    expect(set.after).toMatchObject({ locale: 'de', timeZone: 'Europe/Berlin' });
    expect(set.changes).toEqual([{ type: 'member.email_settings_changed', details: { from: { locale: null }, to: { locale: 'de' } } }]);
    expect(cleared.after.locale).toBe('de');
    expect('timeZone' in cleared.after).toBe(false);
    expect(cleared.changes).toEqual([{ type: 'member.email_settings_changed', details: { from: { timeZone: 'Asia/Tokyo' }, to: { timeZone: null } } }]);
  });

  it("a patch is a member's own email settings only on their own row and with nothing else in it", () => {
    expect(isOwnEmailSettings('usr_a', 'usr_a', { locale: 'fr', timeZone: null })).toBe(true);
    expect(isOwnEmailSettings('usr_a', 'usr_b', { locale: 'fr' })).toBe(false);
    expect(isOwnEmailSettings('usr_a', 'usr_a', { locale: 'fr', role: 'admin' })).toBe(false);
    expect(isOwnEmailSettings('usr_a', 'usr_a', { timeZone: 'UTC', accessUntil: null })).toBe(false);
  });

  it('only an active admin counts as an admin', () => {
    expect(isActiveAdmin(member({ role: 'admin' }))).toBe(true);
    expect(isActiveAdmin(member({ role: 'admin', status: 'suspended' }))).toBe(false);
    expect(isActiveAdmin(member({ role: 'member' }))).toBe(false);
    expect(isActiveAdmin(null)).toBe(false);
  });
});

describe('authority of an admin', () => {
  const admin = member({ role: 'admin' });
  it('is lost on demotion, suspension, removal and leaving, each named', () => {
    expect(authorityLost(admin, { ...admin, role: 'member' }, 'patch')).toBe('inviter_demoted');
    expect(authorityLost(admin, { ...admin, status: 'suspended' }, 'patch')).toBe('inviter_suspended');
    expect(authorityLost(admin, null, 'remove')).toBe('inviter_removed');
    expect(authorityLost(admin, null, 'leave')).toBe('inviter_left');
  });

  it('is not lost by staying an admin, nor held by a non-admin to begin with', () => {
    expect(authorityLost(admin, admin, 'patch')).toBeNull();
    expect(authorityLost(member(), null, 'remove')).toBeNull();
    expect(authorityLost(member({ role: 'admin', status: 'suspended' }), null, 'remove')).toBeNull();
  });
});

describe('the capability table', () => {
  it('only admins manage members and teams; viewers do not see teams', () => {
    expect((['admin', 'member', 'viewer'] as const).map((r) => can(r, 'members.manage'))).toEqual([true, false, false]);
    expect((['admin', 'member', 'viewer'] as const).map((r) => can(r, 'teams.manage'))).toEqual([true, false, false]);
    expect((['admin', 'member', 'viewer'] as const).map((r) => can(r, 'teams.read'))).toEqual([true, true, false]);
    expect((['admin', 'member', 'viewer'] as const).map((r) => can(r, 'members.read'))).toEqual([true, true, true]);
    expect((['admin', 'member', 'viewer'] as const).map((r) => can(r, 'org.leave'))).toEqual([true, true, true]);
  });
});

describe('retrying a write that found the data changed', () => {
  it('re-runs until the write lands', async () => {
    let calls = 0;
    const value = await untilSettled(async () => (++calls < 3 ? { stale: true } : { stale: false, value: 'done' }));
    expect([value, calls]).toEqual(['done', 3]);
  });

  it('gives up with concurrent_update rather than looping forever', async () => {
    const error = await untilSettled(async () => ({ stale: true })).catch((e: DomainError) => e);
    expect((error as DomainError).code).toBe('concurrent_update');
  });
});

describe('the "you were added" email', () => {
  it('names the org, the admin and the role, and escapes what users typed', () => {
    const mail = addedEmail(
      { to: 'b@x.com', inviterName: 'Ada', role: 'viewer', appUrl: 'https://app.example.com', leaveUrl: 'https://app.example.com/organizations' },
      lookOf({ name: 'Acme <b>&</b>\nBcc: x', settings: {} }),
    );
    expect(mail.subject).toBe('You were added to Acme <b>&</b> Bcc: x');
    expect(mail.text).toContain('Ada added you to Acme <b>&</b> Bcc: x as a viewer.');
    expect(mail.html).toContain('Acme &lt;b&gt;&amp;&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>&</b>');
  });

  it('always carries the one-click way to leave', () => {
    const leaveUrl = 'https://app.example.com/leave?token=org_1.dXNy.sig&x=1';
    const mail = addedEmail(
      { to: 'b@x.com', inviterName: 'Ada', role: 'member', appUrl: 'https://app.example.com', leaveUrl },
      lookOf({ name: 'Acme', settings: {} }),
    );
    expect(mail.text).toContain(`Leave Acme in one click: ${leaveUrl}`);
    // the whole sentence is the link (word order differs per language)
    expect(mail.html).toContain('<a href="https://app.example.com/leave?token=org_1.dXNy.sig&amp;x=1">Leave Acme in one click</a>');
  });
});
