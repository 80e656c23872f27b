import { idempotencyKey } from '@org-invitations/client';
import { useState } from 'preact/hooks';
import { ApiError, api, call } from '../../api/client.ts';
import { messageFor } from '../../api/errors.ts';
import { ErrorMessage } from '../../components/status.tsx';
import { navigate } from '../../router.tsx';
import { m } from '../../strings-member.ts';

/** A new organization, with me as its admin; then its admin console. */
export function CreateOrg() {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // one key per attempt at this name: a retry after a lost answer does not create a second org
  const [key, setKey] = useState(() => idempotencyKey());
  async function create() {
    setBusy(true);
    setProblem(null);
    try {
      const { org } = await call(api.POST('/orgs', { params: { header: key }, body: { name: name.trim() } }));
      navigate(`/admin/${encodeURIComponent(org.orgId)}/members`);
    } catch (e) {
      setProblem(e instanceof ApiError && e.code === 'org_creation_limit_reached' ? m.organizations.createLimit : messageFor(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form
      class="card create-org"
      aria-labelledby="create-org-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) void create();
      }}
    >
      <h2 id="create-org-title">{m.organizations.createTitle}</h2>
      <label for="org-name">{m.organizations.createName}</label>
      <input
        id="org-name"
        type="text"
        required
        maxLength={200}
        value={name}
        onInput={(e) => {
          setName(e.currentTarget.value);
          setKey(idempotencyKey());
        }}
      />
      {problem && <ErrorMessage>{problem}</ErrorMessage>}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {m.organizations.create}
        </button>
      </div>
    </form>
  );
}
