import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Most test files wait on DynamoDB Local, the local stack's workers or Chromium rather than compute,
// so two run at once even on 2 cores (vitest's default there is one, which left a core idle and made
// CI run past its limit); TEST_WORKERS overrides it.
const maxWorkers = Number(process.env.TEST_WORKERS) || Math.max(2, availableParallelism() - 1);

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // the web app built once for the run; each test file starts its own DynamoDB Local and local stack
    globalSetup: ['test/helpers/global-setup.ts'],
    // a safety net against a hang, not a measure: on a loaded machine (2 cores, two test files at once,
    // the bench or other suites beside it) a test of 20 sequential requests with settled emails takes
    // several times its idle duration, and the heaviest scenarios passed 120 s on CI
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // expect.poll waits for a condition (a page rendering, a worker catching up): 1 s by default,
    // which a loaded machine overruns; the condition, not the wait, is what a test asserts
    expect: { poll: { timeout: 20_000, interval: 100 } },
    pool: 'forks',
    maxWorkers,
    env: { AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1' },
  },
});
