/**
 * CloudWatch metrics as Embedded Metric Format: one JSON line on stdout that CloudWatch Logs turns
 * into a metric, with no API call, no extra permission and no SDK in the bundle (Powertools Metrics
 * does the same at a larger bundle cost). Locally the line is just a log line.
 */
export const METRICS_NAMESPACE = 'OrgInvitations';

/** SendingPaused: the sender reputation guard paused an org (delivery-events worker); an alarm pages the operator. */
export type MetricName = 'InvitationsSent' | 'InvitationsAccepted' | 'DeliveryFailures' | 'ScheduleFailures' | 'SendingPaused';

export interface Metrics {
  count(name: MetricName, value?: number): void;
}

export function emfMetrics(service: string, write: (line: string) => void = (l) => process.stdout.write(`${l}\n`), now: () => number = Date.now): Metrics {
  return {
    count(name, value = 1) {
      if (value <= 0) return;
      write(
        JSON.stringify({
          _aws: {
            Timestamp: now(),
            CloudWatchMetrics: [{ Namespace: METRICS_NAMESPACE, Dimensions: [['service']], Metrics: [{ Name: name, Unit: 'Count' }] }],
          },
          service,
          [name]: value,
        }),
      );
    },
  };
}
