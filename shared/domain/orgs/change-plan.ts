import type { Deps } from '../../ports.ts';
import { auditEvent } from '../audit/audit-event.ts';
import { conflict, invalid, notFound } from '../errors.ts';

/**
 * An operator's action, never a customer's: no route calls this. scripts/set-plan.ts runs it with
 * the operator's AWS credentials (docs/deploy.md "Plans and limits"). The plan must be one of the
 * deployment's catalogue, so an org never ends up on limits nobody configured.
 */
export async function changePlan(
  deps: Pick<Deps, 'clock' | 'ids' | 'orgs' | 'plans'>,
  cmd: { orgId: string; plan: string; operator: string },
): Promise<{ orgId: string; from: string; to: string; changed: boolean }> {
  if (!deps.plans.plans[cmd.plan]) {
    throw invalid(`"${cmd.plan}" is not a configured plan: ${Object.keys(deps.plans.plans).join(', ')}`, [{ path: 'plan', message: 'unknown plan' }]);
  }
  const org = await deps.orgs.get(cmd.orgId);
  if (!org) throw notFound('org_not_found');
  if (org.plan === cmd.plan) return { orgId: org.orgId, from: org.plan, to: cmd.plan, changed: false };
  const event = auditEvent(deps, org.orgId, 'org.plan_changed', 'system', { orgId: org.orgId }, { from: org.plan, to: cmd.plan, by: cmd.operator });
  const outcome = await deps.orgs.setPlan(org.orgId, { from: org.plan, to: cmd.plan }, event);
  if (outcome === 'not_found') throw notFound('org_not_found');
  if (outcome === 'stale') throw conflict('concurrent_update');
  return { orgId: org.orgId, from: org.plan, to: cmd.plan, changed: true };
}
