import { c } from '../../strings-console.ts';
import type { Org } from '../context.ts';
import { dateTime } from '../dates.ts';

/**
 * The org's invitation emails as the API tells admins (GET /orgs/{orgId} `sending` and `limits`):
 * paused by the sender reputation guard or not, and today's emails against the daily allowance.
 * Nothing here can be changed by an admin: the pause is lifted by an operator, the limits are the plan's.
 */
export function SendingStatus(props: { org: Org }) {
  const { sending, limits, counts, plan, orgId } = props.org;
  const s = c.sending;
  return (
    <section aria-labelledby="sending-title">
      <h2 id="sending-title">{s.title}</h2>
      {sending?.status === 'paused' ? (
        <div class="alert">
          <h3 id="sending-paused">{s.pausedTitle}</h3>
          {sending.since && <p>{s.pausedSince(dateTime(sending.since))}</p>}
          <p>{sending.rates && sending.reason ? s.why[sending.reason](sending.rates) : s.whyNoRates[sending.reason ?? 'bounce_rate']}</p>
          <p>{s.meaning}</p>
          <p>{s.resume}</p>
          <pre>
            <code>{s.resumeCommand(orgId)}</code>
          </pre>
          <p>{s.check}</p>
        </div>
      ) : (
        sending && <p>{s.active}</p>
      )}
      {limits && (
        <>
          <h3>{s.limits}</h3>
          <dl class="facts">
            <div>
              <dt>{s.plan}</dt>
              <dd>{plan}</dd>
            </div>
            <div>
              <dt>{s.emailsToday}</dt>
              <dd>
                {limits.invitationEmailsToday.allowance === null
                  ? s.emailsNoAllowance(limits.invitationEmailsToday.sent)
                  : s.emailsOf(limits.invitationEmailsToday.sent, limits.invitationEmailsToday.allowance)}
                <span class="reason">{s.emailsHint(dateTime(limits.invitationEmailsToday.resetsAt))}</span>
              </dd>
            </div>
            <div>
              <dt>{s.pending}</dt>
              <dd>{s.ofLimit(counts.pendingInvitations, limits.pendingInvitations)}</dd>
            </div>
            <div>
              <dt>{s.members}</dt>
              <dd>{s.ofLimit(counts.members, limits.members)}</dd>
            </div>
          </dl>
        </>
      )}
    </section>
  );
}
