import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';
import type { EmailMessage, Mailer } from '../../ports.ts';

/**
 * SendEmail is retried by the SDK only when SES refused it for the sending rate (429, nothing was
 * sent). A timeout or a dropped connection may hide an email SES accepted; sending it again is the
 * caller's decision, guarded by its send claim (shared/domain/notifications/send-once.ts).
 */
export function throttlingOnlyRetries(maxAttempts: number): RetryStrategyV2 {
  const token = (count: number, delay: number): RetryToken => ({ getRetryCount: () => count, getRetryDelay: () => delay });
  return {
    acquireInitialRetryToken: async () => token(0, 0),
    refreshRetryTokenForRetry: async (previous: RetryToken, info: RetryErrorInfo) => {
      const count = previous.getRetryCount() + 1;
      if (info.errorType !== 'THROTTLING' || count >= maxAttempts) throw info.error;
      return token(count, Math.random() * Math.min(5_000, 500 * 2 ** count));
    },
    recordSuccess: () => undefined,
  };
}

/** No connection was made (nothing reached SES). */
const NOT_CONNECTED = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];

/** SES answered with a refusal (4xx), or was never reached: the email certainly did not go out. */
const refused = (error: unknown) => {
  const e = error as { $metadata?: { httpStatusCode?: number }; code?: string };
  const status = e.$metadata?.httpStatusCode;
  return (status !== undefined && status >= 400 && status < 500) || NOT_CONNECTED.includes(e.code ?? '');
};

export interface SesSettings {
  region: string;
  endpoint?: string;
  from: string;
  configurationSet?: string;
  /** Local stack only: the handler that also publishes SES's Send events (functions/local/ses-events.ts). */
  requestHandler?: unknown;
}

export class SesMailer implements Mailer {
  readonly client: SESv2Client;
  constructor(private readonly s: SesSettings) {
    this.client = new SESv2Client({
      region: s.region,
      retryStrategy: throttlingOnlyRetries(3),
      ...(s.requestHandler ? { requestHandler: s.requestHandler as never } : {}),
      ...(s.endpoint ? { endpoint: s.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    });
  }

  async send(m: EmailMessage) {
    const res = await this.client
      .send(
        new SendEmailCommand({
          FromEmailAddress: this.s.from,
          Destination: { ToAddresses: [m.to] },
          ...(m.replyTo ? { ReplyToAddresses: [m.replyTo] } : {}),
          ...(this.s.configurationSet ? { ConfigurationSetName: this.s.configurationSet } : {}),
          // echoed in bounce and complaint events, so the delivery-events worker finds the invitation
          ...(m.tags ? { EmailTags: Object.entries(m.tags).map(([Name, Value]) => ({ Name, Value })) } : {}),
          Content: {
            Simple: {
              Subject: { Data: m.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: m.text, Charset: 'UTF-8' }, Html: { Data: m.html, Charset: 'UTF-8' } },
            },
          },
        }),
      )
      .catch((error: unknown) => {
        throw Object.assign(error as Error, { notSent: refused(error) });
      });
    return { messageId: res.MessageId ?? '' };
  }
}
