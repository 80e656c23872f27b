import { useEffect, useState } from 'preact/hooks';
import { messageFor } from '../../api/errors.ts';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { c } from '../../strings-console.ts';
import { dateTime } from '../dates.ts';
import { InputField, SelectField, ShowMore, ToolbarForm } from '../fields.tsx';
import { consolePage } from '../frame.tsx';
import { DataTable } from '../table-scroll.tsx';
import { actorOf, auditCsv, summarize } from './csv.ts';
import { type AuditFilters, admins, allEvents, error, events, filters, loadAdmins, loadAudit, moreBusy, nextCursor, services, state } from './state.ts';

export default consolePage('audit', Audit);

const typeFilters = ['invitation.*', 'member.*', 'team.*', 'org.*', 'user.*'];

function Audit(props: { orgId: string }) {
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  useEffect(() => {
    filters.value = { type: '', actor: '', since: '', until: '' };
    services.value = [];
    void loadAudit(props.orgId);
    void loadAdmins(props.orgId).catch(() => undefined);
  }, [props.orgId]);
  const f = filters.value;
  const set = (patch: Partial<AuditFilters>) => (filters.value = { ...filters.peek(), ...patch });
  const a = c.audit;

  async function exportCsv() {
    setExporting(true);
    setExportError(null);
    try {
      const csv = auditCsv(await allEvents(props.orgId));
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      link.download = `audit-${props.orgId}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (e) {
      setExportError(messageFor(e));
    } finally {
      setExporting(false);
    }
  }

  return (
    <>
      <ToolbarForm label={a.filters} onSend={() => void loadAudit(props.orgId)}>
        <SelectField id="audit-type" label={a.type} value={f.type} onValue={(type) => set({ type })}>
          <option value="">{c.any}</option>
          {typeFilters.map((x) => (
            <option key={x} value={x}>
              {a.typeNames[x] ?? x}
            </option>
          ))}
        </SelectField>
        <SelectField id="audit-actor" label={a.actor} value={f.actor} onValue={(actor) => set({ actor })}>
          <option value="">{a.anyone}</option>
          <option value="system">{a.system}</option>
          {admins.value.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name || m.email}
            </option>
          ))}
          {services.value.map((userId) => (
            <option key={userId} value={userId}>
              {c.actorName({ userId })}
            </option>
          ))}
        </SelectField>
        <InputField id="audit-since" label={a.since} type="date" value={f.since} onValue={(since) => set({ since })} />
        <InputField id="audit-until" label={a.until} type="date" value={f.until} onValue={(until) => set({ until })} />
        <button type="submit" class="primary">
          {c.apply}
        </button>
        <button type="button" class="secondary" disabled={exporting} onClick={() => void exportCsv()}>
          {exporting ? a.exporting : a.export}
        </button>
      </ToolbarForm>
      {exportError && <ErrorMessage>{exportError}</ErrorMessage>}
      {state.value === 'loading' && <Loading />}
      {state.value === 'failed' && <ErrorMessage onRetry={() => void loadAudit(props.orgId)}>{error.value}</ErrorMessage>}
      {state.value === 'ready' &&
        (events.value.length === 0 ? (
          <p class="empty">{a.empty}</p>
        ) : (
          <DataTable label={a.title} columns={[a.columns.at, a.columns.type, a.columns.actor, a.columns.target, a.columns.details]}>
            {events.value.map((e) => (
              <tr key={e.eventId}>
                <th scope="row">
                  <time dateTime={e.at}>{dateTime(e.at)}</time>
                </th>
                <td>
                  <code>{e.type}</code>
                </td>
                <td>{actorOf(e) === 'system' ? a.system : actorOf(e)}</td>
                <td>{summarize(e.target)}</td>
                <td>{summarize(e.details)}</td>
              </tr>
            ))}
          </DataTable>
        ))}
      {state.value === 'ready' && nextCursor.value && (
        <ShowMore busy={moreBusy.value} onMore={() => void loadAudit(props.orgId, nextCursor.peek() ?? undefined)}>
          {c.showMore}
        </ShowMore>
      )}
      {state.value === 'ready' && error.value && <ErrorMessage>{error.value}</ErrorMessage>}
    </>
  );
}
