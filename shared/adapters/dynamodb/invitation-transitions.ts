import { itemTypes, keys, toEpochSeconds } from '../../db/table.ts';
import { isPermanentAdmin } from '../../domain/members/member-rules.ts';
import type { AuditEvent, Invitation } from '../../domain/model.ts';
import type { AcceptWrite, RenewalWrite, ResendWrite, TransitionWrite } from '../../ports.ts';
import { releaseClaim } from './claims.ts';
import type { Table } from './client.ts';
import { conditions, guard } from './conditions.ts';
import { auditItem, memberClaimItem, memberItem } from './items.ts';
import { Transaction } from './transactions.ts';
import { actorStillAdmin, auditPut, knownUserPut, teamJoinItems } from './tx-items.ts';

/** Expiries closed per transaction: three items each (invitation, claim, audit) and the org's counter, within DynamoDB's 100. */
const EXPIRIES_PER_TRANSACTION = 30;

/**
 * The changes of an invitation's status and link: accept, revoke / decline / expire, resend, the
 * reminder's mark, the purge's close and the renewal request. Each is one transaction whose
 * conditions decide the races (two accepts, an accept and a revoke, two resends).
 */
export class InvitationTransitions {
  constructor(private readonly t: Table) {}

  async accept(w: AcceptWrite) {
    const inv = w.invitation;
    const tx = new Transaction(this.t);
    tx.add('invitation', {
      Update: guard(
        {
          TableName: this.t.name,
          Key: keys.invitationKey(inv.orgId, inv.invitationId),
          // The race this prevents: two accepts (or an accept and a revoke) of one invitation. Only
          // one transaction finds it still pending and unexpired.
          UpdateExpression: 'SET #status = :accepted, acceptedAt = :now, acceptedBy = :user',
          ExpressionAttributeValues: { ':accepted': 'accepted', ':user': w.member.userId },
        },
        conditions.pendingAndLive(w.now),
      ),
    });
    // the invitation's claim on the email passes to the new member, or ends if the caller is in already
    tx.add(
      'claim',
      w.alreadyMember
        ? releaseClaim(this.t.name, inv)
        : { Put: { TableName: this.t.name, Item: memberClaimItem(w.member), ...conditions.ownClaim(inv.invitationId) } },
    );
    if (w.alreadyMember) {
      tx.add('counter', counterUpdate(this.t.name, inv.orgId, { pendingCount: -1 }));
    } else {
      const counter = counterUpdate(this.t.name, inv.orgId, {
        // acceptedInvitations: what warms up the org's daily email allowance (send-limits.ts)
        pendingCount: -1,
        memberCount: 1,
        acceptedInvitations: 1,
        ...(isPermanentAdmin(w.member) ? { adminCount: 1 } : {}),
      });
      if (w.memberLimit !== null) {
        // the member limit holds under concurrent accepts because the counter itself carries the condition
        counter.Update.ConditionExpression = 'memberCount < :limit AND attribute_not_exists(deletedAt)';
        counter.Update.ExpressionAttributeValues[':limit'] = w.memberLimit;
      }
      // nobody joins a deleted org: an accept racing DELETE /orgs/{orgId} lands before it or is refused
      counter.Update.ConditionExpression ??= conditions.liveOrg.ConditionExpression;
      if (w.becomesPrimaryContact) {
        // a primary contact set since the read (another accept, an admin's move) wins; the caller re-reads
        counter.Update.ConditionExpression = `${counter.Update.ConditionExpression ?? 'attribute_exists(PK)'} AND attribute_not_exists(primaryContactUserId)`;
        counter.Update.UpdateExpression += ' SET primaryContactUserId = :pcu';
        counter.Update.ExpressionAttributeValues[':pcu'] = w.member.userId;
        Object.assign(counter.Update, { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
      }
      // read back on failure: a deleted org is told from a full one
      Object.assign(counter.Update, { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
      tx.add('counter', counter);
      tx.add('member', { Put: { TableName: this.t.name, Item: memberItem(w.member), ...conditions.unclaimed } });
      // the invitation's teams (those that still exist, as the caller read them) join with the member
      w.member.teams.forEach((teamId, i) => {
        const [teamMember, team] = teamJoinItems(this.t.name, inv.orgId, teamId, w.member.userId, w.now);
        tx.add(`teamMember:${i}`, teamMember).add(`team:${i}`, team);
      });
      // Authority does not outlive its holder: an invitation sent by someone who is no longer an
      // active admin admits nobody, even if the revocation of their invitations has not reached it yet.
      if (inv.invitedBy.userId && inv.invitedBy.userId !== w.member.userId)
        tx.add('inviter', actorStillAdmin(this.t.name, inv.orgId, inv.invitedBy.userId, w.now));
      tx.add('knownUser', knownUserPut(this.t.name, { userId: w.member.userId, email: w.member.email, name: w.member.name }));
    }
    w.events.forEach((e, i) => {
      tx.add(`audit:${i}`, auditPut(this.t, e));
    });
    const cancelled = await tx.commit();
    if (!cancelled) return 'accepted' as const;
    if (cancelled.failed('invitation')) return 'not_pending' as const;
    if (cancelled.failed('inviter')) return 'inviter_not_admin' as const;
    const counter = cancelled.failed('counter');
    // the org was deleted since the read: the caller re-reads and finds the invitation revoked with it
    if (counter?.item?.deletedAt) return 'not_pending' as const;
    if (counter && w.becomesPrimaryContact && counter.item?.primaryContactUserId) return 'not_pending' as const;
    if (counter && !w.alreadyMember && w.memberLimit !== null) return 'member_limit_reached' as const;
    return 'not_pending' as const; // the membership or a team changed under us: the caller re-reads and decides again
  }
  async transition(w: TransitionWrite) {
    const inv = w.invitation;
    const stamp = w.to === 'revoked' ? ', revokedAt = :now, revokedBy = :by' : w.to === 'declined' ? ', declinedAt = :now' : '';
    const cancelled = await new Transaction(this.t)
      .add('invitation', {
        Update: guard(
          {
            TableName: this.t.name,
            Key: keys.invitationKey(inv.orgId, inv.invitationId),
            UpdateExpression: `SET #status = :to${stamp}`,
            ExpressionAttributeValues: { ':to': w.to, ...(w.to === 'revoked' ? { ':by': w.by } : {}) },
            // expiry is the only transition that needs the deadline to have passed; the others need it not to
          },
          w.to === 'expired' ? conditions.pendingAndDue(w.now) : conditions.pendingAndLive(w.now),
        ),
      })
      .add('claim', releaseClaim(this.t.name, inv))
      // Expiries of a bulk invite fall due together and all update the org's counter: a conflict among
      // them is retried by the retry policy (retry-policy.ts), never read as "not pending".
      .add('counter', counterUpdate(this.t.name, inv.orgId, { pendingCount: -1 }))
      .add('audit', auditPut(this.t, w.event))
      .commit();
    if (!cancelled) return 'done' as const;
    if (cancelled.failed('invitation')) return 'not_pending' as const;
    throw new Error(`invitation transition refused by ${cancelled.failedNames.join(', ')}`);
  }
  async expireMany(ws: TransitionWrite[]) {
    let closed = 0;
    for (let i = 0; i < ws.length; i += EXPIRIES_PER_TRANSACTION) {
      let todo = ws.slice(i, i + EXPIRIES_PER_TRANSACTION);
      // each round leaves out the invitations found closed meanwhile; at most one round per invitation
      while (todo.length > 0) {
        const tx = new Transaction(this.t);
        todo.forEach((w, j) => {
          tx.add(`invitation:${j}`, {
            Update: guard(
              {
                TableName: this.t.name,
                Key: keys.invitationKey(w.invitation.orgId, w.invitation.invitationId),
                UpdateExpression: 'SET #status = :to',
                ExpressionAttributeValues: { ':to': 'expired' },
              },
              conditions.pendingAndDue(w.now),
            ),
          });
          tx.add(`claim:${j}`, releaseClaim(this.t.name, w.invitation));
          tx.add(`audit:${j}`, auditPut(this.t, w.event));
        });
        tx.add('counter', counterUpdate(this.t.name, todo[0]?.invitation.orgId ?? '', { pendingCount: -todo.length }));
        const cancelled = await tx.commit();
        if (!cancelled) {
          closed += todo.length;
          break;
        }
        const stillPending = todo.filter((_, j) => !cancelled.failed(`invitation:${j}`));
        if (stillPending.length === todo.length) throw new Error(`expiry refused by ${cancelled.failedNames.join(', ')}`);
        todo = stillPending;
      }
    }
    return closed;
  }

  async markReminded(inv: Pick<Invitation, 'orgId' | 'invitationId'>, now: string, event: AuditEvent) {
    const cancelled = await new Transaction(this.t)
      .add('invitation', {
        Update: {
          TableName: this.t.name,
          Key: keys.invitationKey(inv.orgId, inv.invitationId),
          // a duplicate or late firing (or one racing an accept) finds the condition false and does nothing
          ConditionExpression: '#status = :pending AND expiresAt > :now AND attribute_not_exists(remindedAt)',
          UpdateExpression: 'SET remindedAt = :now',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': 'pending', ':now': now },
        },
      })
      .add('audit', auditPut(this.t, event))
      .commit();
    if (!cancelled) return 'done' as const;
    if (cancelled.failed('invitation')) return 'skipped' as const;
    throw new Error(`reminder refused by ${cancelled.failedNames.join(', ')}`);
  }

  async closePurged(inv: Pick<Invitation, 'orgId' | 'invitationId' | 'email'>, event: AuditEvent) {
    const cancelled = await new Transaction(this.t)
      // the event's key is derived from the invitation: a retried stream record finds it and stops
      .add('audit', { Put: { TableName: this.t.name, Item: auditItem(event, this.t.retention.auditDays), ...conditions.unclaimed } })
      .add('claim', releaseClaim(this.t.name, inv))
      .add('counter', counterUpdate(this.t.name, inv.orgId, { pendingCount: -1 }))
      .commit();
    if (!cancelled) return 'done' as const;
    if (cancelled.failed('audit')) return 'already' as const;
    throw new Error(`closing purged invitation ${inv.invitationId} refused: ${cancelled.failedNames.join(', ')}`);
  }

  async requestRenewal(w: RenewalWrite) {
    const inv = w.invitation;
    const cancelled = await new Transaction(this.t)
      .add('invitation', {
        Update: {
          TableName: this.t.name,
          Key: keys.invitationKey(inv.orgId, inv.invitationId),
          // once per invitation, and only for one that really expired (not accepted, revoked, declined)
          ConditionExpression: '(#status = :pending OR #status = :expired) AND expiresAt <= :now AND attribute_not_exists(renewalRequestedAt)',
          UpdateExpression: 'SET renewalRequestedAt = :now',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': 'pending', ':expired': 'expired', ':now': w.now },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      })
      .add('window', {
        Update: {
          TableName: this.t.name,
          Key: keys.renewalWindow(inv.orgId, w.window),
          // many expired links of one org cannot flood its admins: the hour's counter carries the limit
          ConditionExpression: 'attribute_not_exists(requests) OR requests < :max',
          UpdateExpression: 'SET entity = :entity, #ttl = :ttl ADD requests :one',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: {
            ':max': w.maxPerWindow,
            ':one': 1,
            ':entity': itemTypes.renewalWindow,
            ':ttl': toEpochSeconds(w.now) + 2 * 86_400,
          },
        },
      })
      .add('audit', auditPut(this.t, w.event))
      .commit();
    if (!cancelled) return 'done' as const;
    const invitation = cancelled.failed('invitation');
    if (invitation) return invitation.item?.renewalRequestedAt ? ('already_requested' as const) : ('not_expired' as const);
    if (cancelled.failed('window')) return 'rate_limited' as const;
    throw new Error(`renewal request refused: ${cancelled.failedNames.join(', ')}`);
  }

  async resend(w: ResendWrite) {
    const inv = w.invitation;
    const cancelled = await new Transaction(this.t)
      .add('invitation', {
        Update: guard(
          {
            TableName: this.t.name,
            Key: keys.invitationKey(inv.orgId, inv.invitationId),
            UpdateExpression:
              'SET linkNonce = :nonce, tokenHash = :hash, lastSentAt = :now, sendCount = :count, resendWindowStart = :ws, resendsInWindow = :wn, delivery = :delivery',
            ExpressionAttributeValues: {
              ':seen': inv.sendCount,
              ':nonce': w.next.linkNonce,
              ':hash': w.next.tokenHash,
              ':count': w.next.sendCount,
              ':ws': w.next.resendWindowStart,
              ':wn': w.next.resendsInWindow,
              ':delivery': { status: 'queued', at: w.now },
            },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
          },
          {
            // sendCount = :seen: two resends at once cannot both pass the throttle
            ...conditions.pendingAndLive(w.now),
            ConditionExpression: `${conditions.pendingAndLive(w.now).ConditionExpression} AND sendCount = :seen`,
          },
        ),
      })
      .add('audit', auditPut(this.t, w.event))
      .add('lift', w.liftSuppression ? { Delete: { TableName: this.t.name, Key: keys.suppression(inv.orgId, inv.email) } } : null)
      .commit();
    if (!cancelled) return 'done' as const;
    const reason = cancelled.failed('invitation');
    if (!reason) throw new Error(`resend refused by ${cancelled.failedNames.join(', ')}`);
    return reason.item?.status === 'pending' && Number(reason.item.sendCount) !== inv.sendCount ? ('changed' as const) : ('not_pending' as const);
  }
}

function counterUpdate(table: string, orgId: string, deltas: Record<string, number>) {
  const names = Object.keys(deltas);
  return {
    Update: {
      ConditionExpression: undefined as string | undefined,
      TableName: table,
      Key: keys.org(orgId),
      UpdateExpression: `ADD ${names.map((n) => `${n} :d_${n}`).join(', ')}`,
      ExpressionAttributeValues: Object.fromEntries(names.map((n) => [`:d_${n}`, deltas[n]])) as Record<string, unknown>,
    },
  };
}
