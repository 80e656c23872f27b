import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/http/routes.ts';
import { PUBLIC_ROUTE_KEYS, synth } from './synth.ts';

describe('throttles (issue 17)', () => {
  it('the unauthenticated routes have their own, lower throttle than the stage; browsers can read the rate limit headers', () => {
    const s = synth({ stage: 'prod' });
    const publicKeys = routes
      .filter((r) => !r.auth)
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(publicKeys).toEqual(PUBLIC_ROUTE_KEYS);

    const stages = Object.values(s.api.findResources('AWS::ApiGatewayV2::Stage')) as { Properties: Record<string, any>; DependsOn?: string[] }[];
    expect(stages).toHaveLength(1);
    const stage = stages[0] as (typeof stages)[number];
    expect(stage.Properties.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 });
    expect(Object.keys(stage.Properties.RouteSettings).sort()).toEqual(publicKeys);
    for (const key of publicKeys) expect(stage.Properties.RouteSettings[key]).toEqual({ ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 });
    // the settings name routes that exist when the stage is updated
    const routeIds = Object.entries(s.api.findResources('AWS::ApiGatewayV2::Route'))
      .filter(([, r]) => publicKeys.includes((r as { Properties: { RouteKey: string } }).Properties.RouteKey))
      .map(([id]) => id);
    expect(stage.DependsOn).toEqual(expect.arrayContaining(routeIds));

    s.api.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ ExposeHeaders: Match.arrayWith(['retry-after', 'ratelimit', 'ratelimit-policy']) }),
    });
  }, 240_000);
});
