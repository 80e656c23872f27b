import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client.ts';
import { messageFor } from '../../api/errors.ts';
import { ErrorMessage, Notice } from '../../components/status.tsx';
import { c } from '../../strings-console.ts';
import { loadContext, type Org } from '../context.ts';

/** What a settings form's save answered: the API's message and the fields it named. */
type SaveProblem = { message: string; fields: { path: string; message: string }[] };

/**
 * A form that saves part of the org's settings: `save` sends it, then the org is read again so every
 * page shows what was saved. A refusal the form explains in its own words (`refusal`) is said so;
 * any other in the API's words, with each field's reason.
 */
export function SaveForm(props: {
  org: Org;
  words: { title: string; save: string; saved: string };
  save: () => Promise<unknown>;
  refusal?: (e: unknown) => string | undefined;
  children: ComponentChildren;
}) {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState<SaveProblem | null>(null);

  async function submit() {
    setBusy(true);
    setDone(false);
    setProblem(null);
    try {
      await props.save();
      await loadContext(props.org.orgId, true);
      setDone(true);
    } catch (e) {
      setProblem({ message: props.refusal?.(e) ?? messageFor(e), fields: e instanceof ApiError ? e.fieldErrors : [] });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      aria-label={props.words.title}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {props.children}
      <SaveFooter done={done} problem={problem} busy={busy} words={props.words} />
    </form>
  );
}

/** The end of a settings form: "saved", or the refusal with each field's reason, then the save button. */
function SaveFooter(props: { done: boolean; problem: SaveProblem | null; busy: boolean; words: { save: string; saved: string } }) {
  const st = props.words;
  return (
    <>
      {props.done && <Notice>{st.saved}</Notice>}
      {props.problem && (
        <ErrorMessage>
          {props.problem.message}
          {props.problem.fields.length > 0 && (
            <ul>
              {props.problem.fields.map((f) => (
                <li key={f.path}>{f.message}</li>
              ))}
            </ul>
          )}
        </ErrorMessage>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={props.busy}>
          {props.busy ? c.saving : st.save}
        </button>
      </div>
    </>
  );
}
