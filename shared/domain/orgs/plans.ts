/**
 * Plans and their limits are the operator's configuration (shared/config.ts `PLANS`, CDK context
 * `plans`), never a customer's input: an org created through the API gets the catalogue's default
 * plan, and only an operator changes it (scripts/set-plan.ts). The domain reads limits from here.
 */
export interface PlanLimits {
  /** Pending invitations an org may hold at once; null = unlimited. */
  pendingInvitations: number | null;
  /** Members (active and suspended) an org may have; null = unlimited. */
  members: number | null;
  /**
   * Whether orgs on this plan may add people who already have an account directly (no invitation).
   * The operator enables it for plans whose customers were vetted: see docs/api.md "Direct add".
   */
  directAdd: boolean;
  /**
   * Invitation emails an org may send in a UTC day: a new org may send `warmUpBase`, and each
   * invitation of it that was accepted adds `warmUpPerAcceptedInvitation`, up to `max`. null = no org quota.
   */
  invitationEmailsPerOrgPerDay: { max: number; warmUpBase: number; warmUpPerAcceptedInvitation: number } | null;
  /** Invitation emails one person may send in a UTC day, across every org they admin. null = no quota. */
  invitationEmailsPerInviterPerDay: number | null;
  /** Resends an org may make in a UTC day, beside each invitation's own throttle. null = no quota. */
  resendsPerOrgPerDay: number | null;
  /** Orgs one account may create in a UTC day (read from the default plan: a new org has no other). */
  orgsCreatedPerUserPerDay: number | null;
}

export interface PlanCatalogue {
  /** The plan of an org created through the API. */
  default: string;
  plans: Record<string, PlanLimits>;
}

/**
 * The limits of an org's plan. A plan the operator has since removed from the catalogue falls back
 * to the default plan's limits rather than to none.
 */
export function limitsOf(catalogue: PlanCatalogue, plan: string): PlanLimits {
  return catalogue.plans[plan] ?? (catalogue.plans[catalogue.default] as PlanLimits);
}
