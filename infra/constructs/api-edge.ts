import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Construct } from 'constructs';
import { HTTP_TIMEOUT_SECONDS } from '../../functions/http/routes.ts';

export interface ApiEdgeProps {
  readonly api: HttpApi;
  /** The CloudFront-scope web ACL (infra/constructs/api-firewall.ts, in us-east-1) the distribution is associated with. */
  readonly webAclArn: string;
  readonly comment: string;
}

/**
 * A CloudFront distribution in front of the HTTP API, so that AWS WAF (which cannot be associated
 * with an HTTP API) sees every request: nothing cached, every method, every viewer header but Host
 * (Authorization, Idempotency-Key, Origin for CORS) and the query string forwarded.
 */
export class ApiEdge extends Construct {
  readonly distribution: cloudfront.Distribution;
  /** `https://dxxxx.cloudfront.net`: what clients call instead of the execute-api URL. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ApiEdgeProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const originDomain = `${props.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: props.comment,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      webAclId: props.webAclArn,
      defaultBehavior: {
        origin: new HttpOrigin(originDomain, {
          protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
          originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
          // API Gateway answers within its own 29 s integration timeout (functions/http/routes.ts)
          readTimeout: Duration.seconds(HTTP_TIMEOUT_SECONDS + 1),
        }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        // With caching disabled, CloudFront forwards the Authorization header under this policy;
        // the Host header stays out because API Gateway routes by its own host name.
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        compress: false,
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
  }
}
