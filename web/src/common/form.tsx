import type { ComponentChildren, JSX } from 'preact';
import { ErrorMessage, Notice } from '../components/status.tsx';

/** A form sent by the page, not by the browser: Enter in a field or its submit button calls `onSend`. */
export function Form({ onSend, ...form }: Omit<JSX.HTMLAttributes<HTMLFormElement>, 'onSubmit'> & { onSend: () => void }) {
  return (
    <form
      {...form}
      onSubmit={(e) => {
        e.preventDefault();
        onSend();
      }}
    />
  );
}

/** A form's submit button, in the row of actions at its end. */
export function SubmitRow(props: { class: 'primary' | 'danger'; disabled: boolean; children: ComponentChildren }) {
  return (
    <div class="actions">
      <button type="submit" class={props.class} disabled={props.disabled}>
        {props.children}
      </button>
    </div>
  );
}

/** What a save answered: the API's message (or the form's own words for it) and each field's reason. */
export type SaveProblem = { message: string; fields: readonly { path: string; message: string }[] };

/** The end of a form that saves: "saved", or the refusal with each field's reason, then the save button. */
export function SaveFooter(props: { done: boolean; problem: SaveProblem | null; busy: boolean; words: { save: string; saving: string; saved: string } }) {
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
      <SubmitRow class="primary" disabled={props.busy}>
        {props.busy ? st.saving : st.save}
      </SubmitRow>
    </>
  );
}
