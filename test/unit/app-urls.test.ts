import { describe, expect, it } from 'vitest';
import { appUrls } from '../../shared/adapters/system/app-urls.ts';

describe('the web app addresses emails link to', () => {
  it('put the token on the accept page, keep what the base carries, and leave from the same origin', () => {
    const urls = appUrls('https://app.example.com/accept?lang=de');
    expect(urls.app).toBe('https://app.example.com');
    expect(urls.accept('org_1.inv_2.abc')).toBe('https://app.example.com/accept?lang=de&token=org_1.inv_2.abc');
    expect(urls.leave('org_1.dXNy+/=.sig')).toBe('https://app.example.com/leave?token=org_1.dXNy%2B%2F%3D.sig');
    expect(urls.joinRequests('org_1')).toBe('https://app.example.com/admin/org_1/join-links');
    expect(urls.members('org_1')).toBe('https://app.example.com/admin/org_1/members');
  });
});
