import type { AuditEvent, Invitation, Member } from '../domain/model.ts';

/** Time comes from here so tests and the local stack can move it. */
export interface Clock {
  now(): Date;
}

export interface Ids {
  orgId(): string;
  invitationId(): string;
  eventId(): string;
  teamId(): string;
  joinLinkId(): string;
  /** Unpredictable bytes for link tokens (base64url). */
  nonce(): string;
  /** What an erased user's personal data becomes: `erased-` and 96 random bits, derived from nothing. */
  pseudonym(): string;
}

/**
 * Link tokens name their invitation and carry a secret derived from the send's nonce, so no token is
 * ever stored (only its SHA-256 is) and a link is resolved with the one read that also loads the org.
 */
/**
 * The web app's addresses that emails link to. They are the deployment's configuration
 * (`ACCEPT_URL_BASE`), so the domain asks for them here rather than carrying a URL in its deps.
 */
export interface AppUrls {
  /** The app's origin: an email's "Open <org>" link. */
  readonly app: string;
  /** The accept page for an invitation link token. */
  accept(token: string): string;
  /** The one-click leave page for a leave token. */
  leave(token: string): string;
  /** The page that opens a join link (`/join?token=`), shared by an admin in a chat. */
  join(token: string): string;
  /** The console page where an org's admins decide its join requests. */
  joinRequests(orgId: string): string;
  /** The console's members page of an org (where an end of access is extended or cleared). */
  members(orgId: string): string;
}

export interface LinkTokens {
  tokenFor(send: Pick<Invitation, 'orgId' | 'invitationId' | 'linkNonce'>): string;
  hash(token: string): string;
  /** The invitation a token names; null for a string that cannot be a link token. */
  parse(token: string): { orgId: string; invitationId: string } | null;
  /** Whether `token` is the one whose SHA-256 was stored (compared in constant time). */
  matches(token: string, storedHash: string): boolean;
  /**
   * The one-click leave link of a membership a person did not ask for (a direct add): signed over
   * the org, the user and the membership's `joinedAt`, so it opens that membership only, and a later
   * membership (re-added: a new joinedAt) is not left by an old email's link. Nothing is stored.
   */
  leaveTokenFor(m: Pick<Member, 'orgId' | 'userId' | 'joinedAt'>): string;
  /** The membership a leave token names; null for a string that cannot be one. */
  parseLeave(token: string): { orgId: string; userId: string } | null;
  /** Whether `token` is this membership's leave token (compared in constant time). */
  leaveMatches(token: string, m: Pick<Member, 'orgId' | 'userId' | 'joinedAt'>): boolean;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Replies go here (the org's branding.replyTo); absent: to the sender address. */
  replyTo?: string;
  /** SES message tags (e.g. orgId, invitationId): bounce and complaint events carry them back. */
  tags?: Record<string, string>;
}

export interface Mailer {
  /**
   * Sends one email. A failure carries `notSent: true` when the service answered with a refusal
   * (rejected, throttled): the email certainly did not go out. Any other failure (a dropped
   * connection, a timeout) leaves it unknown whether it went out.
   */
  send(message: EmailMessage): Promise<{ messageId: string }>;
}

/**
 * The claims that make each email send effectively once: a send (its id names what is sent and to
 * whom, e.g. the invitation's n-th send) is claimed before the mailer is called and marked after.
 */
export interface SendLedger {
  /**
   * 'claimed': this caller may send now. 'sent': it went out already. 'in_flight': another attempt
   * claimed it less than `leaseMs` ago and has not marked it (it may be sending, or it died:
   * wait until it is marked or the lease runs out, then claim again).
   */
  claim(sendId: string, now: Date, leaseMs: number): Promise<{ outcome: 'claimed' | 'sent' | 'in_flight'; claimedAt?: string }>;
  /** The mailer accepted it (called by the sender, and by the SES Send event if the sender died first). */
  markSent(sendId: string, now: Date, messageId: string): Promise<void>;
  /** The mailer refused it (certainly not sent): the next attempt may claim it at once. */
  release(sendId: string): Promise<void>;
  /**
   * A send that was never attempted and never will be (a newer send replaced it first), with the
   * audit event that says so, once: false if the send was claimed (sent or being sent) before.
   */
  supersede(sendId: string, now: Date, event: AuditEvent): Promise<boolean>;
}

/** What a one-time schedule asks the reminder function to do when it fires. */
export type ScheduledJob = InvitationJob | AccessJob;

export interface InvitationJob {
  kind: 'reminder' | 'expiry';
  orgId: string;
  invitationId: string;
}

/** A member's end of access: remind them and the admins before it, remove the membership at it. */
export interface AccessJob {
  kind: 'access_reminder' | 'access_end';
  orgId: string;
  userId: string;
  /** The end the schedule was made for: a job finding another one (extended, cleared) does nothing. */
  accessUntil: string;
}

/** One-time schedules (EventBridge Scheduler in AWS; table items fired on the local clock locally). */
export interface Scheduler {
  /** Idempotent by name: creating a schedule whose name exists keeps the existing one. */
  scheduleOnce(s: { name: string; at: Date; job: ScheduledJob }): Promise<void>;
  /** A missing schedule (never created, already fired) is not an error. */
  cancel(name: string): Promise<void>;
}
