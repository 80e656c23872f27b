import { describe, expect, it } from 'vitest';
import { useStack } from '../helpers/stack.ts';

const lines: string[] = [];
const api = useStack({ logSink: (line) => lines.push(line) });

describe('link tokens never reach a log line', () => {
  it('not while inviting, previewing, failing to accept, accepting, resending or declining, even at debug level', async () => {
    // Prepare: every path a token travels, logged at debug level
    const admin = await api.user('Admin');
    const org = await api.createOrg(admin);
    const bob = await api.user('Bob');
    const carol = await api.user('Carol');
    await api.invite(admin, org.orgId, { emails: [bob.email, carol.email] });
    const bobToken = await api.linkTokenFor(bob.email);
    const carolFirst = await api.linkTokenFor(carol.email);

    // Act
    await api.request('GET', `/invitations/preview?token=${bobToken}`);
    await api.as(carol).post('/invitations/accept', { token: bobToken }); // refused: email_mismatch
    await api.as(bob).post('/invitations/accept', { token: bobToken });
    await api.setClock(61);
    const carolInv = (await api.as(admin).get(`/orgs/${org.orgId}/invitations?email=${encodeURIComponent(carol.email)}`)).body.items[0];
    await api.as(admin).post(`/orgs/${org.orgId}/invitations/${carolInv!.invitationId}/resend`);
    const carolSecond = await api.linkTokenFor(carol.email);
    await api.as(carol).post('/invitations/decline', { token: carolSecond });
    await api.setClock(0);
    await api.stack.settle();

    // Assess: there were log lines, and none holds a token, a nonce or a bearer token
    expect(lines.length).toBeGreaterThan(5);
    const all = lines.join('\n');
    for (const secret of [bobToken, carolFirst, carolSecond, bob.token, admin.token]) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/"linkNonce":"[^[]/);
  });
});
