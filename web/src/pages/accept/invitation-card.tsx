import { t } from '../../strings.ts';
import type { Preview } from './state.ts';

/** Who invites whom to what, until when: what the invitation email said, read back from the API. */
export function InvitationCard(props: { preview: Preview }) {
  const p = props.preview;
  return (
    <dl class="facts">
      <div>
        <dt>{t.accept.invitedBy}</dt>
        <dd>{p.inviterName}</dd>
      </div>
      <div>
        <dt>{t.accept.role}</dt>
        <dd>{t.role(p.role)}</dd>
      </div>
      <div>
        <dt>{t.accept.sentTo}</dt>
        <dd>{p.email}</dd>
      </div>
      <div>
        <dt>{t.accept.expires}</dt>
        <dd>
          <time dateTime={p.expiresAt}>{t.dateTime(p.expiresAt)}</time>
        </dd>
      </div>
    </dl>
  );
}
