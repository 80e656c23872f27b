import { type Signal, signal } from '@preact/signals';
import { messageFor } from '../api/errors.ts';
import { ErrorMessage, Notice } from '../components/status.tsx';

/** What the last action on a console page did, in words, or why it could not be done. */
export type ActionNotice = { kind: 'ok' | 'problem'; text: string } | null;

/**
 * The actions of one console page (teams, join links): one at a time (`busy`), each saying what it did
 * or why not (`notice`), then showing the API's state: `after` updates the rows the action changed in
 * place (pages already loaded stay), without it the page's `reload` reads them again.
 */
export function pageActions(reload: (orgId: string) => Promise<unknown>, problemText: (e: unknown) => string = messageFor) {
  const notice = signal<ActionNotice>(null);
  const busy = signal(false);
  async function act(orgId: string, work: () => Promise<string>, after?: () => void): Promise<boolean> {
    if (busy.peek()) return false;
    busy.value = true;
    try {
      return await runAction(notice, work, after ?? (() => reload(orgId)), problemText);
    } finally {
      busy.value = false;
    }
  }
  return { notice, busy, act };
}

/**
 * One action said in `notice`: what `work` did, in the words it answers, or why it failed (`then`
 * failing too, e.g. the reload after it). True when it was done.
 */
export async function runAction(
  notice: Signal<ActionNotice>,
  work: () => Promise<string>,
  then?: () => unknown,
  problemText: (e: unknown) => string = messageFor,
): Promise<boolean> {
  notice.value = null;
  try {
    notice.value = { kind: 'ok', text: await work() };
    await then?.();
    return true;
  } catch (e) {
    notice.value = { kind: 'problem', text: problemText(e) };
    return false;
  }
}

/** The notice of a page's last action: a polite confirmation, or an alert. */
export function ActionNoticeView(props: { notice: Signal<ActionNotice> }) {
  const n = props.notice.value;
  if (!n) return null;
  return n.kind === 'ok' ? <Notice>{n.text}</Notice> : <ErrorMessage>{n.text}</ErrorMessage>;
}
