import { describe, expect, it } from 'vitest';
import { requireCanGrant, requireCapability } from '../../shared/domain/access.ts';
import type { DomainError } from '../../shared/domain/errors.ts';
import { effectiveStatus, nextResendWindow, requireUsable } from '../../shared/domain/invitations/invitation.ts';
import type { Invitation, Member } from '../../shared/domain/model.ts';
import { pendingInvitation } from '../helpers/domain-fixtures.ts';

const t0 = new Date('2026-01-01T00:00:00.000Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

// sent once, at t0
const invitation = (over: Partial<Invitation> = {}): Invitation =>
  pendingInvitation({ createdAt: t0.toISOString(), expiresAt: at(3600).toISOString(), lastSentAt: t0.toISOString(), sendCount: 1, sendEmail: true, ...over });

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return 'no error';
};

describe('the invitation state machine', () => {
  it('a pending invitation is expired from the exact instant of its expiry, not a moment later', () => {
    const inv = invitation();
    expect(effectiveStatus(inv, at(3599.999))).toBe('pending');
    expect(effectiveStatus(inv, at(3600))).toBe('expired');
  });

  it('accepted, declined and revoked invitations keep their status after the expiry date', () => {
    for (const status of ['accepted', 'declined', 'revoked'] as const) {
      expect(effectiveStatus(invitation({ status }), at(99999))).toBe(status);
    }
  });

  it('names why a link cannot be used any more', () => {
    expect(codeOf(() => requireUsable(invitation(), at(3600)))).toBe('invitation_expired');
    expect(codeOf(() => requireUsable(invitation({ status: 'revoked' }), at(1)))).toBe('invitation_revoked');
    expect(codeOf(() => requireUsable(invitation({ status: 'declined' }), at(1)))).toBe('invitation_declined');
    expect(codeOf(() => requireUsable(invitation({ status: 'accepted' }), at(1)))).toBe('invitation_already_used');
    expect(codeOf(() => requireUsable(invitation(), at(1)))).toBe('no error');
  });
});

describe('the resend throttle', () => {
  it('refuses a second send within 60 seconds and says how long to wait', () => {
    try {
      nextResendWindow(invitation(), at(45));
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).code).toBe('resend_rate_limited');
      expect((e as DomainError).extra.retryAfterSeconds).toBe(15);
    }
    expect(nextResendWindow(invitation(), at(60))).toEqual({ resendWindowStart: at(60).toISOString(), resendsInWindow: 1 });
  });

  it('allows five resends per 24 hours, then the sixth waits for the window to end', () => {
    let inv = invitation();
    let now = 0;
    for (let i = 1; i <= 5; i++) {
      now += 61;
      const w = nextResendWindow(inv, at(now));
      expect(w.resendsInWindow).toBe(i);
      inv = { ...inv, ...w, lastSentAt: at(now).toISOString() };
    }
    now += 61;
    const sixth = (() => {
      try {
        nextResendWindow(inv, at(now));
        return null;
      } catch (e) {
        return e as DomainError;
      }
    })();
    expect(sixth?.code).toBe('resend_rate_limited');
    expect(sixth?.extra.retryAfterSeconds).toBe(86_400 - (now - 61));
    expect(nextResendWindow(inv, at(61 + 86_400)).resendsInWindow).toBe(1);
  });
});

describe('who may do what', () => {
  const member = (role: Member['role'], status: Member['status'] = 'active'): Member => ({
    orgId: 'o',
    userId: 'u',
    email: 'u@x.com',
    name: 'U',
    role,
    status,
    teams: [],
    joinedAt: t0.toISOString(),
    invitedBy: null,
  });

  it('an outsider and a suspended admin both see the org as not found', () => {
    expect(codeOf(() => requireCapability(null, 'org.read', t0))).toBe('org_not_found');
    expect(codeOf(() => requireCapability(member('admin', 'suspended'), 'org.read', t0))).toBe('org_not_found');
  });

  it('only admins manage invitations', () => {
    expect(codeOf(() => requireCapability(member('admin'), 'invitations.manage', t0))).toBe('no error');
    expect(codeOf(() => requireCapability(member('member'), 'invitations.manage', t0))).toBe('forbidden');
    expect(codeOf(() => requireCapability(member('viewer'), 'invitations.manage', t0))).toBe('forbidden');
  });

  it('nobody grants a role above their own', () => {
    expect(codeOf(() => requireCanGrant(member('member'), 'admin'))).toBe('role_not_allowed');
    expect(codeOf(() => requireCanGrant(member('viewer'), 'member'))).toBe('role_not_allowed');
    expect(codeOf(() => requireCanGrant(member('admin'), 'admin'))).toBe('no error');
  });
});
