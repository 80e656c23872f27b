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
