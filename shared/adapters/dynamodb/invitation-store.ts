import type { InvitationStore } from '../../ports.ts';
import type { Table } from './client.ts';
import type { Cursors } from './cursors.ts';
import { InvitationCreation } from './invitation-creation.ts';
import { InvitationDelivery } from './invitation-delivery.ts';
import { InvitationReads } from './invitation-reads.ts';
import { InvitationTransitions } from './invitation-transitions.ts';

type Args<K extends keyof InvitationStore> = Parameters<InvitationStore[K]>;

/**
 * The InvitationStore port, one class composed of a module per concern: creating invitations
 * (invitation-creation.ts), reading them (invitation-reads.ts), changing their status
 * (invitation-transitions.ts) and recording their email's delivery and schedules
 * (invitation-delivery.ts). None of them imports another store.
 */
export class DynamoInvitationStore implements InvitationStore {
  private readonly creation: InvitationCreation;
  private readonly reads: InvitationReads;
  private readonly transitions: InvitationTransitions;
  private readonly delivery: InvitationDelivery;

  constructor(t: Table, cursors?: Cursors) {
    this.creation = new InvitationCreation(t);
    this.reads = new InvitationReads(t, cursors);
    this.transitions = new InvitationTransitions(t);
    this.delivery = new InvitationDelivery(t);
  }

  createMany(...a: Args<'createMany'>) {
    return this.creation.createMany(...a);
  }

  releaseStaleReservations(...a: Args<'releaseStaleReservations'>) {
    return this.creation.releaseStaleReservations(...a);
  }

  claimsOf(...a: Args<'claimsOf'>) {
    return this.creation.claimsOf(...a);
  }

  get(...a: Args<'get'>) {
    return this.reads.get(...a);
  }

  loadWithOrg(...a: Args<'loadWithOrg'>) {
    return this.reads.loadWithOrg(...a);
  }

  list(...a: Args<'list'>) {
    return this.reads.list(...a);
  }

  listPendingSentBy(...a: Args<'listPendingSentBy'>) {
    return this.reads.listPendingSentBy(...a);
  }

  listExpiredPending(...a: Args<'listExpiredPending'>) {
    return this.reads.listExpiredPending(...a);
  }

  listPendingToEmail(...a: Args<'listPendingToEmail'>) {
    return this.reads.listPendingToEmail(...a);
  }

  findToEmail(...a: Args<'findToEmail'>) {
    return this.reads.findToEmail(...a);
  }

  accept(...a: Args<'accept'>) {
    return this.transitions.accept(...a);
  }

  transition(...a: Args<'transition'>) {
    return this.transitions.transition(...a);
  }

  expireMany(...a: Args<'expireMany'>) {
    return this.transitions.expireMany(...a);
  }

  resend(...a: Args<'resend'>) {
    return this.transitions.resend(...a);
  }

  markReminded(...a: Args<'markReminded'>) {
    return this.transitions.markReminded(...a);
  }

  closePurged(...a: Args<'closePurged'>) {
    return this.transitions.closePurged(...a);
  }

  requestRenewal(...a: Args<'requestRenewal'>) {
    return this.transitions.requestRenewal(...a);
  }

  recordDelivery(...a: Args<'recordDelivery'>) {
    return this.delivery.recordDelivery(...a);
  }

  recordSchedules(...a: Args<'recordSchedules'>) {
    return this.delivery.recordSchedules(...a);
  }

  listScheduleRetries(...a: Args<'listScheduleRetries'>) {
    return this.delivery.listScheduleRetries(...a);
  }
}
