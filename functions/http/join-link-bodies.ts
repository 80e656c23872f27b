import * as z from 'zod/mini';
import { Member, Person } from './response-bodies.ts';
import { namedObject, page, timestamp } from './response-naming.ts';

/* The bodies of the join link routes (issue 23 §2): the links admins share and the requests they bring. */

export const JoinLink = namedObject(
  'JoinLink',
  {
    linkId: z.string(),
    orgId: z.string(),
    role: z.enum(['member', 'viewer']),
    /** null: no limit but the link's lifetime and the plan's member limit. */
    maxUses: z.nullable(z.int()),
    uses: z.int(),
    expiresAt: timestamp,
    /** Empty: any domain the org admits. */
    allowedDomains: z.array(z.string()),
    requireApproval: z.boolean(),
    status: z.enum(['active', 'revoked', 'expired', 'used_up']),
    createdBy: Person,
    createdAt: timestamp,
    revokedAt: z.nullable(timestamp),
  },
  'A join link as admins see it: never its token (shown once, at creation) nor a hash of it.',
);
export const CreatedJoinLink = namedObject('CreatedJoinLink', {
  joinLink: JoinLink,
  /** The address to share, carrying the link's secret token: answered this once, never stored. */
  url: z.string(),
});
export const JoinLinkPage = page('JoinLinkPage', JoinLink);
export const JoinLinkPreview = namedObject(
  'JoinLinkPreview',
  {
    orgId: z.string(),
    orgName: z.string(),
    role: z.enum(['member', 'viewer']),
    expiresAt: timestamp,
    requireApproval: z.boolean(),
  },
  'What the join page shows before sign-in; a dead link answers a problem instead.',
);
export const JoinRequest = namedObject('JoinRequest', {
  requestId: z.string(),
  orgId: z.string(),
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  linkId: z.string(),
  role: z.enum(['member', 'viewer']),
  status: z.enum(['pending', 'approved', 'denied']),
  requestedAt: timestamp,
  decidedAt: z.nullable(timestamp),
});
export const JoinRequestResponse = namedObject('JoinRequestResponse', { joinRequest: JoinRequest });
export const ApprovedJoinRequest = namedObject('ApprovedJoinRequest', { joinRequest: JoinRequest, membership: Member });
export const JoinRequestPage = page('JoinRequestPage', JoinRequest);
