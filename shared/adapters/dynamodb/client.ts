import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { applyRetryPolicy } from './retry-policy.ts';

export interface DynamoSettings {
  region: string;
  endpoint?: string;
}

export function createDocumentClient(s: DynamoSettings): DynamoDBDocumentClient {
  const client = applyRetryPolicy(
    new DynamoDBClient({
      region: s.region,
      ...(s.endpoint ? { endpoint: s.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    }),
  );
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

/** The pieces every store needs. */
export interface Table {
  doc: DynamoDBDocumentClient;
  name: string;
  retention: { invitationDays: number; auditDays: number };
}
