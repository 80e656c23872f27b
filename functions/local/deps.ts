import { appUrls } from '../../shared/adapters/system/app-urls.ts';
import type { Deps } from '../../shared/ports.ts';
import * as adapters from '../http/adapters.ts';
import { type BaseRuntime, perRuntime } from '../runtime.ts';

export interface Runtime extends BaseRuntime {
  deps: Deps;
}

/**
 * Every port at once, from the same adapters the handlers compose theirs from: for the tests and
 * benchmarks that call the domain or a store directly. No function bundle imports this module. The
 * stores here are the `paged…` variants: a test that patches a store to inject a fault must patch
 * the instance the route composes (`invitations()` for most routes), which may not be this one.
 */
export const runtime: () => Runtime = perRuntime((base) => ({
  ...base,
  deps: {
    clock: adapters.clock(),
    ids: adapters.ids(),
    links: adapters.links(),
    orgs: adapters.orgs(),
    invitations: adapters.pagedInvitations(),
    members: adapters.pagedMembers(),
    teams: adapters.pagedTeams(),
    audit: adapters.pagedAudit(),
    autoJoin: adapters.pagedAutoJoin(),
    idempotency: adapters.idempotency(),
    primaryContacts: adapters.primaryContacts(),
    erasure: adapters.erasure(),
    urls: appUrls(base.config.ACCEPT_URL_BASE),
    plans: adapters.plans(),
    quotas: adapters.quotas(),
    joinLinks: adapters.pagedJoinLinks(),
    joinLinkTokens: adapters.joinLinkTokens(),
  },
}));
