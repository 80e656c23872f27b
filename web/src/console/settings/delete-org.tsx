import { useState } from 'preact/hooks';
import { ApiError, api, call } from '../../api/client.ts';
import { messageFor } from '../../api/errors.ts';
import { Form, SubmitRow } from '../../common/form.tsx';
import { useSend } from '../../common/use-send.ts';
import { flash } from '../../components/flash.ts';
import { ErrorMessage } from '../../components/status.tsx';
import { navigate } from '../../router.tsx';
import { c } from '../../strings-console.ts';
import type { Org } from '../context.ts';

/** The org's own console page remembers it as the current org; a deleted org is nobody's current org. */
const CURRENT_ORG = 'app.currentOrg';

/**
 * The danger zone of an org's settings: the admin types the org's name and the API compares it
 * (`400 confirmation_mismatch` when it differs, shown as such); once deleted, the admin lands on
 * their list of organizations, which says so.
 */
export function DeleteOrg(props: { org: Org }) {
  const d = c.settings.deleteOrg;
  const [typed, setTyped] = useState('');
  const { busy, problem, run } = useSend(
    async () => {
      await call(api.DELETE('/orgs/{orgId}', { params: { path: { orgId: props.org.orgId } }, body: { confirm: typed } }));
      if (sessionStorage.getItem(CURRENT_ORG) === props.org.orgId) sessionStorage.removeItem(CURRENT_ORG);
      flash.value = d.deleted(props.org.name);
      navigate('/organizations');
    },
    (e) => (e instanceof ApiError && e.code === 'confirmation_mismatch' ? d.mismatch(props.org.name) : messageFor(e)),
  );

  return (
    <section aria-labelledby="delete-org-heading" class="danger-zone">
      <h2 id="delete-org-heading">{d.title}</h2>
      <p>{d.intro}</p>
      <Form aria-labelledby="delete-org-heading" onSend={() => void run()}>
        <div class="field">
          <label for="delete-org-confirm">{d.label(props.org.name)}</label>
          <input
            id="delete-org-confirm"
            type="text"
            required
            autoComplete="off"
            spellcheck={false}
            value={typed}
            aria-invalid={problem !== null}
            aria-describedby={problem ? 'delete-org-problem' : undefined}
            onInput={(e) => setTyped(e.currentTarget.value)}
          />
        </div>
        {problem && (
          <div id="delete-org-problem">
            <ErrorMessage>{problem}</ErrorMessage>
          </div>
        )}
        <SubmitRow class="danger" disabled={busy}>
          {busy ? d.deleting : d.button}
        </SubmitRow>
      </Form>
    </section>
  );
}
