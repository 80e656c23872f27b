import { RandomJoinLinkTokens } from '../../shared/adapters/crypto/join-link-tokens.ts';
import { HmacLinkTokens } from '../../shared/adapters/crypto/link-tokens.ts';
import { DynamoAuditStore } from '../../shared/adapters/dynamodb/audit-store.ts';
import { DynamoAutoJoinStore } from '../../shared/adapters/dynamodb/auto-join-store.ts';
import { Cursors } from '../../shared/adapters/dynamodb/cursors.ts';
import { DynamoErasureStore } from '../../shared/adapters/dynamodb/erasure-store.ts';
import { DynamoIdempotencyStore } from '../../shared/adapters/dynamodb/idempotency-store.ts';
import { DynamoInvitationStore } from '../../shared/adapters/dynamodb/invitation-store.ts';
import { DynamoJoinLinkStore } from '../../shared/adapters/dynamodb/join-link-store.ts';
import { DynamoMemberStore } from '../../shared/adapters/dynamodb/member-store.ts';
import { DynamoOrgStore } from '../../shared/adapters/dynamodb/org-store.ts';
import { DynamoPrimaryContactStore } from '../../shared/adapters/dynamodb/primary-contact-store.ts';
import { DynamoQuotaStore } from '../../shared/adapters/dynamodb/quota-store.ts';
import { DynamoTeamStore } from '../../shared/adapters/dynamodb/team-store.ts';
import { appUrls } from '../../shared/adapters/system/app-urls.ts';
import { randomIds } from '../../shared/adapters/system/ids.ts';
import { linkSecret, planCatalogue } from '../../shared/config.ts';
import { baseRuntime, perRuntime } from '../runtime.ts';

/*
 * Every adapter a route can use, each built once per runtime (a cold start, or a local stack). A
 * handler composes the ones its use case needs (`withHttp({ deps })`), so its bundle holds those and
 * no others. Only the adapters that sign need the link secret: link tokens and the list cursors of
 * the `paged…` stores. A route that composes none of them is deployed without the secret
 * (routes.ts `access.linkSecret`), and test/infra/bundle.test.ts holds the two together. `@__PURE__`
 * lets esbuild drop the factories a handler never calls, and with them the adapters' code.
 */

export const clock = () => baseRuntime().clock;
export const ids = () => randomIds;
export const plans = /* @__PURE__ */ perRuntime(({ config }) => planCatalogue(config));

const cursors = /* @__PURE__ */ perRuntime(({ config }) => new Cursors(linkSecret(config)));
export const links = /* @__PURE__ */ perRuntime(({ config }) => new HmacLinkTokens(linkSecret(config)));

export const orgs = /* @__PURE__ */ perRuntime(({ table }) => new DynamoOrgStore(table));
export const members = /* @__PURE__ */ perRuntime(({ table }) => new DynamoMemberStore(table));
export const pagedMembers = /* @__PURE__ */ perRuntime(({ table }) => new DynamoMemberStore(table, cursors()));
export const invitations = /* @__PURE__ */ perRuntime(({ table }) => new DynamoInvitationStore(table));
export const pagedInvitations = /* @__PURE__ */ perRuntime(({ table }) => new DynamoInvitationStore(table, cursors()));
export const teams = /* @__PURE__ */ perRuntime(({ table }) => new DynamoTeamStore(table));
export const pagedTeams = /* @__PURE__ */ perRuntime(({ table }) => new DynamoTeamStore(table, cursors()));
export const autoJoin = /* @__PURE__ */ perRuntime(({ table }) => new DynamoAutoJoinStore(table));
export const pagedAutoJoin = /* @__PURE__ */ perRuntime(({ table }) => new DynamoAutoJoinStore(table, cursors()));
export const pagedAudit = /* @__PURE__ */ perRuntime(({ table }) => new DynamoAuditStore(table, cursors()));
export const idempotency = /* @__PURE__ */ perRuntime(({ table }) => new DynamoIdempotencyStore(table));
export const primaryContacts = /* @__PURE__ */ perRuntime(({ table }) => new DynamoPrimaryContactStore(table));
export const quotas = /* @__PURE__ */ perRuntime(({ table }) => new DynamoQuotaStore(table));
export const joinLinks = /* @__PURE__ */ perRuntime(({ table }) => new DynamoJoinLinkStore(table));
export const pagedJoinLinks = /* @__PURE__ */ perRuntime(({ table }) => new DynamoJoinLinkStore(table, cursors()));
/** Join link tokens need no key (random secrets, stored hashed): the routes that resolve them run without the link secret. */
export const joinLinkTokens = /* @__PURE__ */ perRuntime(() => new RandomJoinLinkTokens());
export const urls = /* @__PURE__ */ perRuntime(({ config }) => appUrls(config.ACCEPT_URL_BASE));
export const erasure = /* @__PURE__ */ perRuntime(({ table }) => new DynamoErasureStore(table));
