import { describe, expect, it } from 'vitest';
import { costModel } from '../../bench/cost.ts';

/**
 * `npm run cost` (and the last section of `npm run bench`) writes docs/cost.md by driving the real
 * handlers on a local stack. It broke once silently when POST /orgs stopped taking a plan; this runs
 * it small, without writing the document, so a contract change that breaks it fails here.
 */
describe('the cost model (bench/cost.ts)', () => {
  it('sends and accepts invitations, lists and changes members against the current API, and prices them', async () => {
    const report = await costModel({ sample: 2, write: false });
    expect(report).toMatch(/## 1,000 invitations sent and accepted/);
    expect(report).toMatch(/\| AcceptInvitation invocations \| 1\.00 \|/);
    expect(report).toMatch(/\*\*\$\d+\.\d\d per 1,000 accepted invitations\*\*/);
    expect(report).toMatch(/\| PATCH member, 1 per 100 members: Lambda requests \| 1000 invocations \|/);
  }, 300_000);
});
