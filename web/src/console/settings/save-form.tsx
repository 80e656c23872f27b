import type { ComponentChildren } from 'preact';
import { ApiError } from '../../api/client.ts';
import { messageFor } from '../../api/errors.ts';
import { Form, SaveFooter, type SaveProblem } from '../../common/form.tsx';
import { useSend } from '../../common/use-send.ts';
import { c } from '../../strings-console.ts';
import { loadContext, type Org } from '../context.ts';

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
  const { busy, done, problem, run } = useSend(
    async () => {
      await props.save();
      await loadContext(props.org.orgId, true);
    },
    (e): SaveProblem => ({ message: props.refusal?.(e) ?? messageFor(e), fields: e instanceof ApiError ? e.fieldErrors : [] }),
  );

  return (
    <Form aria-label={props.words.title} onSend={() => void run()}>
      {props.children}
      <SaveFooter done={done} problem={problem} busy={busy} words={{ ...props.words, saving: c.saving }} />
    </Form>
  );
}
