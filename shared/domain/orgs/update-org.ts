import type { Deps } from '../../ports.ts';
import { auditEvent } from '../audit.ts';
import type { Actor, OrgSettings } from '../model.ts';
import { normalizeDomains } from './domains.ts';
import { loadOrgAs } from './get-org.ts';
import { orgView } from './org-view.ts';

export interface UpdateOrgCommand {
  orgId: string;
  actor: Actor;
  name?: string;
  settings: Partial<OrgSettings>;
}

export async function updateOrg(deps: Deps, cmd: UpdateOrgCommand) {
  const { org } = await loadOrgAs(deps, cmd.orgId, cmd.actor, 'org.update');
  const patch = { ...cmd.settings };
  if (patch.allowedDomains) patch.allowedDomains = normalizeDomains(patch.allowedDomains);
  const settings: OrgSettings = { ...org.settings, ...patch };
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(patch) as (keyof OrgSettings)[]) {
    if (JSON.stringify(org.settings[key]) !== JSON.stringify(settings[key])) {
      changed[key] = { from: org.settings[key], to: settings[key] };
    }
  }
  if (cmd.name !== undefined && cmd.name !== org.name) changed.name = { from: org.name, to: cmd.name };
  const event = auditEvent(deps, org.orgId, 'org.updated', cmd.actor, { orgId: org.orgId }, { changes: changed });
  const updated = await deps.orgs.updateSettings(
    org.orgId,
    { ...(cmd.name !== undefined ? { name: cmd.name } : {}), settings, expectedVersion: org.version },
    event,
  );
  return { org: orgView(updated) };
}
