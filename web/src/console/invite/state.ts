import { idempotencyKey } from '@org-invitations/client';
import { computed, signal } from '@preact/signals';
import { ApiError, api, call, type Schemas } from '../../api/client.ts';
import { messageFor } from '../../api/errors.ts';
import { c } from '../../strings-console.ts';
import { fromLocalInput, inRange } from '../access-until.ts';
import { dateTime } from '../dates.ts';
import { distinct, type Entry, type Person, parseList } from './parse.ts';

export type Role = 'admin' | 'member' | 'viewer';
type CheckStatus = Schemas['InviteCheck']['results'][number]['status'];
/** What the dialog itself flags of a person before asking the API: an end of access it cannot read, or one the API would refuse. */
type PersonFlag = 'end_unreadable' | 'end_out_of_range';
export type ChipStatus = CheckStatus | 'duplicate' | PersonFlag;
export type InviteResult = Schemas['InviteResult'];
type Locale = NonNullable<Schemas['Invitation']['locale']>;

export const MAX_RECIPIENTS = 1000;
const SENDABLE: ReadonlySet<ChipStatus> = new Set(['ready', 'would_add']);

/** Which "Invite" button's dialog is open (a page may have several, e.g. one per team), or null. */
export const open = signal<string | null>(null);
export const text = signal('');
export const role = signal<Role>('member');
export const teamIds = signal<Set<string>>(new Set());
export const message = signal('');
export const sendEmail = signal(true);
/** The end of access for everyone invited, as the date-time field holds it (the admin's time zone); empty: none. */
export const accessUntil = signal('');
/** The emails' language for everyone invited (`locale`); empty: the org's default language. */
export const locale = signal('');
/** The recipients' IANA time zone for the dates in their emails (`timeZone`); empty: UTC, as the emails say. */
export const timeZone = signal('');
export const phase = signal<'edit' | 'checking' | 'checked' | 'sending' | 'done'>('edit');
export const error = signal<string | null>(null);
/** Status per entry key from the last check (the API's dry run). */
const checked = signal<Map<string, CheckStatus>>(new Map());
export const results = signal<InviteResult[]>([]);

export type { Person };
/** People added one by one (or from a CSV file) with their own names, role and products. */
export const people = signal<Person[]>([]);
/** The dialog was opened to invite the org's primary contact (Rally): the person form starts open, marked so. */
export const forPrimaryContact = signal(false);

export function addPeople(list: Person[]) {
  people.value = [...people.peek(), ...list];
  if (phase.peek() === 'checked') phase.value = 'edit';
}
export function removePerson(index: number) {
  people.value = people.peek().filter((_, i) => i !== index);
}
const flagOf = (p: Person): PersonFlag | null =>
  p.unreadEnd !== undefined ? 'end_unreadable' : p.accessUntil !== undefined && !inRange(p.accessUntil, Date.now()) ? 'end_out_of_range' : null;
/** A flagged person is left out of the dry run too: one refused end of access would refuse the whole request. */
const askable = () => people.peek().filter((p) => flagOf(p) === null);
const checkedAs = (p: Person, map: Map<string, CheckStatus>) => flagOf(p) ?? map.get(p.email.trim().toLowerCase()) ?? null;
export const personStatus = (p: Person): ChipStatus | null => checkedAs(p, checked.value);
const sendablePeople = () => askable().filter((p) => SENDABLE.has(checkedAs(p, checked.peek()) ?? 'invalid_email'));

export const entries = computed(() => parseList(text.value));
/** One chip per address typed, flagged with why it will not be invited. */
export const chips = computed(() => {
  const list = entries.value;
  const { repeated } = distinct(list);
  return list.map((e, i): Entry & { status: ChipStatus | null } => ({ ...e, status: repeated.has(i) ? 'duplicate' : (checked.value.get(e.key) ?? null) }));
});
export const sendable = computed(() => distinct(entries.value).unique.filter((e) => SENDABLE.has(checked.value.get(e.key) ?? 'invalid_email')));
/** How many invitations "Send" sends: the cleared addresses and people (a person listed in both counts once). */
export const sendCount = computed(() => {
  const keys = new Set(sendable.value.map((e) => e.key));
  for (const p of people.value) if (SENDABLE.has(checkedAs(p, checked.value) ?? 'invalid_email')) keys.add(p.email.trim().toLowerCase());
  return keys.size;
});

export function start(opener: string, teamId?: string, primaryContact = false) {
  forPrimaryContact.value = primaryContact;
  text.value = '';
  role.value = 'member';
  teamIds.value = new Set(teamId ? [teamId] : []);
  people.value = [];
  message.value = '';
  sendEmail.value = true;
  accessUntil.value = '';
  locale.value = '';
  timeZone.value = '';
  phase.value = 'edit';
  error.value = null;
  checked.value = new Map();
  results.value = [];
  open.value = opener;
}

/** The address list changed: what was checked no longer holds. */
export function edit(value: string) {
  text.value = value;
  if (phase.peek() === 'checked') phase.value = 'edit';
}

export function removeEntry(index: number) {
  edit(
    entries
      .peek()
      .filter((_, i) => i !== index)
      .map((e) => e.input)
      .join('\n'),
  );
  if (checked.peek().size > 0) phase.value = 'checked';
}

const body = (emails: string[], invitees: Person[]) => ({
  ...(emails.length > 0 ? { emails } : {}),
  ...(invitees.length > 0 ? { invitees } : {}),
  role: role.peek(),
  teams: [...teamIds.peek()],
  sendEmail: sendEmail.peek(),
  ...(message.peek().trim() ? { message: message.peek().trim() } : {}),
  ...(fromLocalInput(accessUntil.peek()) ? { accessUntil: fromLocalInput(accessUntil.peek()) as string } : {}),
  ...(locale.peek() ? { locale: locale.peek() as Locale } : {}),
  ...(timeZone.peek().trim() ? { timeZone: timeZone.peek().trim() } : {}),
});

/** Asks the API what inviting each address would do (`?dryRun=true`: nothing is written or sent). */
export async function check(orgId: string) {
  const { unique } = distinct(entries.peek());
  const list = askable();
  error.value = null;
  if (unique.length + list.length === 0) return;
  if (unique.length + list.length > MAX_RECIPIENTS)
    return void (error.value = `At most ${MAX_RECIPIENTS} addresses at once; ${unique.length + list.length} given.`);
  if (accessUntil.peek() && fromLocalInput(accessUntil.peek()) === null) return void (error.value = c.invite.accessUntilInvalid);
  phase.value = 'checking';
  try {
    const answer = await call(
      api.POST('/orgs/{orgId}/invitations', {
        params: { path: { orgId }, query: { dryRun: 'true' } },
        body: body(
          unique.map((e) => e.input),
          list,
        ),
      }),
    );
    // the route answers 200 to a dry run (201/207 bodies only to a real one)
    if (!('dryRun' in answer)) throw new Error('not a dry-run answer');
    checked.value = new Map(answer.results.map((r) => [r.email.toLowerCase(), r.status]));
    phase.value = 'checked';
  } catch (e) {
    error.value = refusalOf(e);
    phase.value = 'edit';
  }
}

/** The dry run's 429 says how much of today's allowance is left: the admin learns it before sending, in numbers. */
function refusalOf(e: unknown) {
  if (e instanceof ApiError && e.code === 'access_until_invalid') return c.invite.accessUntilInvalid;
  if (e instanceof ApiError && e.code === 'time_zone_invalid') return c.invite.timeZoneInvalid;
  const limit = e instanceof ApiError && e.code === 'invitation_limit_reached' ? e.problem?.rateLimit : undefined;
  if (!limit) return messageFor(e);
  return c.invite.overAllowance(limit.policy, limit.remaining, limit.quota, dateTime(new Date(Date.now() + limit.resetSeconds * 1000).toISOString()));
}

/** Invites the addresses the check cleared; answers each recipient's outcome. */
export async function send(orgId: string) {
  const emails = sendable.peek().map((e) => e.input);
  const invitees = sendablePeople();
  if (emails.length + invitees.length === 0) return;
  phase.value = 'sending';
  error.value = null;
  try {
    const answer = await call(api.POST('/orgs/{orgId}/invitations', { params: { path: { orgId }, header: idempotencyKey() }, body: body(emails, invitees) }));
    if ('dryRun' in answer) throw new Error('a dry-run answer to a real invitation');
    results.value = answer.results;
    phase.value = 'done';
  } catch (e) {
    error.value = refusalOf(e);
    phase.value = 'checked';
  }
}
