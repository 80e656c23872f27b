import { idempotencyKey } from '@org-invitations/client';
import { useState } from 'preact/hooks';
import { ApiError, api, call } from '../../api/client.ts';
import { messageFor } from '../../api/errors.ts';
import { Form, SubmitRow } from '../../common/form.tsx';
import { useSend } from '../../common/use-send.ts';
import { ErrorMessage } from '../../components/status.tsx';
import { navigate } from '../../router.tsx';
import { m } from '../../strings-member.ts';

/** A new organization, with me as its admin; then its admin console. */
export function CreateOrg() {
  const [name, setName] = useState('');
  // one key per attempt at this name: a retry after a lost answer does not create a second org
  const [key, setKey] = useState(() => idempotencyKey());
  const { busy, problem, run } = useSend(
    async () => {
      const { org } = await call(api.POST('/orgs', { params: { header: key }, body: { name: name.trim() } }));
      navigate(`/admin/${encodeURIComponent(org.orgId)}/members`);
    },
    (e) => (e instanceof ApiError && e.code === 'org_creation_limit_reached' ? m.organizations.createLimit : messageFor(e)),
  );
  return (
    <Form
      class="card create-org"
      aria-labelledby="create-org-title"
      onSend={() => {
        if (name.trim()) void run();
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
      <SubmitRow class="primary" disabled={busy}>
        {m.organizations.create}
      </SubmitRow>
    </Form>
  );
}
