import { useState } from 'preact/hooks';

/**
 * A form's sending: `busy` while `send` runs, then `done` if it succeeded or `problem` (what `fail`
 * makes of the error) if it failed; each send starts from neither.
 */
export function useSend<P>(send: () => Promise<unknown>, fail: (e: unknown) => P) {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState<P | null>(null);
  async function run() {
    setBusy(true);
    setDone(false);
    setProblem(null);
    try {
      await send();
      setDone(true);
    } catch (e) {
      setProblem(fail(e));
    } finally {
      setBusy(false);
    }
  }
  return { busy, done, problem, run };
}
