import { describe, expect, it } from 'vitest';
import { checkAgainstDocument, type Exchange } from '../helpers/contract.ts';

/** The check every integration response goes through (test/helpers/stack.ts) must refuse what the document does not allow. */
const team = { teamId: 't1', orgId: 'o1', name: 'Web', memberCount: 0, createdAt: '2026-01-01T00:00:00.000Z' };
const json = (status: number, body: unknown, method = 'POST', path = '/orgs/o1/teams', type = 'application/json'): Exchange => ({
  method,
  path,
  status,
  contentType: type,
  text: JSON.stringify(body),
});
const problem = (status: number, code: string) => ({
  type: `/docs#problem-${code}`,
  title: 't',
  status,
  detail: 'd',
  code,
  requestId: 'r',
});

describe('the contract check', () => {
  it('accepts a response the document describes', () => {
    expect(() => checkAgainstDocument(json(201, { team }))).not.toThrow();
    expect(() => checkAgainstDocument(json(404, problem(404, 'org_not_found'), 'POST', '/orgs/o1/teams', 'application/problem+json'))).not.toThrow();
    expect(() => checkAgainstDocument({ method: 'DELETE', path: '/orgs/o1/teams/t1', status: 204, contentType: null, text: '' })).not.toThrow();
  });

  it('refuses a field the document does not declare', () => {
    expect(() => checkAgainstDocument(json(201, { team: { ...team, secret: 'x' } }))).toThrow(/does not match/);
  });

  it('refuses a missing required field', () => {
    const { memberCount: _, ...partial } = team;
    expect(() => checkAgainstDocument(json(201, { team: partial }))).toThrow(/does not match/);
  });

  it('refuses an error code the route does not list, or under another status', () => {
    expect(() => checkAgainstDocument(json(404, problem(404, 'invitation_not_found'), 'POST', '/orgs/o1/teams', 'application/problem+json'))).toThrow(
      /does not match/,
    );
    expect(() => checkAgainstDocument(json(409, problem(409, 'org_not_found'), 'POST', '/orgs/o1/teams', 'application/problem+json'))).toThrow(
      /does not match/,
    );
  });

  it('refuses a status or a content type the route does not declare', () => {
    expect(() => checkAgainstDocument(json(200, { team }))).toThrow(/does not declare status 200/);
    expect(() => checkAgainstDocument(json(201, { team }, 'POST', '/orgs/o1/teams', 'text/plain'))).toThrow(/content type/);
  });

  it('refuses a wrong format (a timestamp that is not date-time)', () => {
    expect(() => checkAgainstDocument(json(201, { team: { ...team, createdAt: 'yesterday' } }))).toThrow(/does not match/);
  });

  it('holds the rate-limit headers to the ones the status declares, with values of their form', () => {
    const limited = (path: string, code: string, headers: Record<string, string>): Exchange => ({
      ...json(429, problem(429, code), 'POST', path, 'application/problem+json'),
      headers: new Headers(headers),
    });
    const quota = { 'retry-after': '3600', ratelimit: '"org_invitation_emails";r=0;t=3600', 'ratelimit-policy': '"org_invitation_emails";q=500;w=86400' };
    expect(() => checkAgainstDocument(limited('/orgs/o1/invitations', 'invitation_limit_reached', quota))).not.toThrow();
    // a resend refused for its per-invitation pace has Retry-After, and no quota of the day to report
    expect(() => checkAgainstDocument(limited('/orgs/o1/invitations/i1/resend', 'resend_rate_limited', { 'retry-after': '60' }))).not.toThrow();
    // CreateTeam has no quota: a RateLimit header there is undeclared
    expect(() => checkAgainstDocument(limited('/orgs/o1/teams', 'service_busy', quota))).toThrow();
    expect(() => checkAgainstDocument({ ...json(429, { message: 'Too Many Requests' }), headers: new Headers({ ratelimit: '"x";r=1;t=1' }) })).toThrow(
      /does not declare/,
    );
    expect(() => checkAgainstDocument(limited('/orgs/o1/invitations', 'invitation_limit_reached', { ...quota, ratelimit: 'r=0' }))).toThrow(/header ratelimit/);
    expect(() => checkAgainstDocument(limited('/orgs/o1/invitations', 'invitation_limit_reached', { ...quota, 'retry-after': 'soon' }))).toThrow(
      /header retry-after/,
    );
  });

  it('holds a path outside the table to route_not_found / method_not_allowed', () => {
    expect(() => checkAgainstDocument(json(404, problem(404, 'route_not_found'), 'GET', '/nowhere', 'application/problem+json'))).not.toThrow();
    expect(() => checkAgainstDocument(json(200, { ok: true }, 'GET', '/nowhere'))).toThrow(/no operation/);
  });
});
