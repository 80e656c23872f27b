import { ErrorMessage, Notice } from '../../components/status.tsx';
import { c } from '../../strings-console.ts';

/** What a settings form's save answered: the API's message and the fields it named. */
export type SaveProblem = { message: string; fields: { path: string; message: string }[] };

/** The end of a settings form: "saved", or the refusal with each field's reason, then the save button. */
export function SaveFooter(props: { done: boolean; problem: SaveProblem | null; busy: boolean; words: { save: string; saved: string } }) {
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
