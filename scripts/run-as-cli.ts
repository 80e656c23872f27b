import { fileURLToPath } from 'node:url';

/**
 * Runs an operator script's `main` when the file is executed (`tsx scripts/x.ts`), not when a test
 * imports it: its exit code becomes the process's, an unexpected error prints its stack and exits 1.
 */
export function runAsCli(moduleUrl: string, main: (args: string[]) => Promise<number>): void {
  if (process.argv[1] !== fileURLToPath(moduleUrl)) return;
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`${(error as Error).stack}\n`);
      process.exit(1);
    },
  );
}
