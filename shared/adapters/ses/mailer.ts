import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { EmailMessage, Mailer } from '../../ports.ts';

export interface SesSettings {
  region: string;
  endpoint?: string;
  from: string;
  configurationSet?: string;
}

export class SesMailer implements Mailer {
  readonly client: SESv2Client;
  constructor(private readonly s: SesSettings) {
    this.client = new SESv2Client({
      region: s.region,
      // a bounded retry budget: the stream dispatcher is the retry loop that matters
      maxAttempts: 2,
      ...(s.endpoint ? { endpoint: s.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    });
  }

  async send(m: EmailMessage) {
    const res = await this.client.send(new SendEmailCommand({
      FromEmailAddress: this.s.from,
      Destination: { ToAddresses: [m.to] },
      ...(this.s.configurationSet ? { ConfigurationSetName: this.s.configurationSet } : {}),
      // echoed in bounce and complaint events, so the delivery-events worker finds the invitation
      ...(m.tags ? { EmailTags: Object.entries(m.tags).map(([Name, Value]) => ({ Name, Value })) } : {}),
      Content: {
        Simple: {
          Subject: { Data: m.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: m.text, Charset: 'UTF-8' }, Html: { Data: m.html, Charset: 'UTF-8' } },
        },
      },
    }));
    return { messageId: res.MessageId ?? '' };
  }
}
