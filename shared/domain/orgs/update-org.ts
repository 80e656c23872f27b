import type { Deps } from '../../ports.ts';
import { auditEvent } from '../audit/audit-event.ts';
import { forbidden, invalid } from '../errors.ts';
import type { Actor, OrgSettings } from '../model.ts';
import { type BrandingInput, checkBranding } from './branding.ts';
import { autoJoinIndexOf, normalizeDomains } from './domains.ts';
import { loadOrgAs } from './get-org.ts';
import { orgView } from './org-view.ts';
import { limitsOf } from './plans.ts';

export interface UpdateOrgCommand {
  orgId: string;
  actor: Actor;
  name?: string;
  settings: Partial<Omit<OrgSettings, 'branding'>> & { branding?: BrandingInput };
}

export async function updateOrg(deps: Pick<Deps, 'clock' | 'ids' | 'orgs' | 'plans' | 'members'>, cmd: UpdateOrgCommand) {
  const { org } = await loadOrgAs(deps, cmd.orgId, cmd.actor, 'org.update');
  // the operator enables direct add per plan (see members/direct-add.ts); an admin cannot opt in alone
  if (cmd.settings.directAddExistingUsers === true && !limitsOf(deps.plans, org.plan).directAdd) throw forbidden('direct_add_not_enabled');
  const { branding, ...rest } = cmd.settings;
  const patch: Partial<OrgSettings> = { ...rest, ...(branding ? { branding: await checkBranding(deps, org.orgId, branding) } : {}) };
  if (patch.allowedDomains) patch.allowedDomains = normalizeDomains(patch.allowedDomains);
  const settings: OrgSettings = { ...org.settings, ...patch };
  if (patch.autoJoin || patch.allowedDomains) requireSoundAutoJoin(settings);
  if (patch.products) requireDistinctProductKeys(patch.products);
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(patch) as (keyof OrgSettings)[]) {
    if (JSON.stringify(org.settings[key]) !== JSON.stringify(settings[key])) {
      changed[key] = { from: org.settings[key], to: settings[key] };
    }
  }
  if (cmd.name !== undefined && cmd.name !== org.name) changed.name = { from: org.name, to: cmd.name };
  const event = auditEvent(deps, org.orgId, 'org.updated', cmd.actor, { orgId: org.orgId }, { changes: changed });
  const before = autoJoinIndexOf(org.settings);
  const after = autoJoinIndexOf(settings);
  const autoJoinIndex = { add: after.filter((d) => !before.includes(d)), remove: before.filter((d) => !after.includes(d)) };
  const updated = await deps.orgs.updateSettings(
    org.orgId,
    { ...(cmd.name !== undefined ? { name: cmd.name } : {}), settings, expectedVersion: org.version, autoJoinIndex },
    event,
  );
  return { org: orgView(updated) };
}

/** Auto-join admits only listed domains with a non-admin role; with no domain listed it would admit nobody or everybody. */
function requireSoundAutoJoin(settings: OrgSettings): void {
  if (!['member', 'viewer'].includes(settings.autoJoin.role)) {
    throw invalid('Auto-join can grant member or viewer, never admin.', [{ path: 'autoJoin.role', message: 'must be member or viewer' }]);
  }
  if (settings.autoJoin.enabled && settings.allowedDomains.length === 0) {
    throw invalid('Auto-join needs at least one allowed domain.', [
      { path: 'allowedDomains', message: 'list the email domains whose users may join before enabling auto-join' },
    ]);
  }
}

/** A product key names one product: members' access lists refer to it. */
function requireDistinctProductKeys(products: { key: string }[]): void {
  const seen = new Set<string>();
  for (const [i, p] of products.entries()) {
    if (seen.has(p.key)) throw invalid('Product keys must be distinct.', [{ path: `products.${i}.key`, message: `"${p.key}" is listed twice` }]);
    seen.add(p.key);
  }
}
