import type { SNSEvent } from 'aws-lambda';

/**
 * An SNS notification carrying an SES event-publishing record, as the configuration set sends it to the
 * delivery-events worker (the tests' bounces and complaints, the cost model's deliveries).
 */
export function snsOf(sesEvent: Record<string, unknown>, sns: { messageId?: string; timestamp?: string } = {}): SNSEvent {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: 'arn:aws:sns:us-east-1:123456789012:ses-events:sub',
        Sns: {
          Type: 'Notification',
          MessageId: sns.messageId ?? 'sns-1',
          TopicArn: 'arn:aws:sns:us-east-1:123456789012:ses-events',
          Subject: '',
          Message: JSON.stringify(sesEvent),
          Timestamp: sns.timestamp ?? '2026-01-05T10:00:00.000Z',
          SignatureVersion: '1',
          Signature: 'x',
          SigningCertUrl: 'https://sns',
          UnsubscribeUrl: 'https://sns',
          MessageAttributes: {},
        },
      },
    ],
  };
}
