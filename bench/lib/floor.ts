import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

/** The floor for a DynamoDB-backed Lambda: construct the client, do one GetItem. Nothing else. */
const client = new DynamoDBClient({
  ...(process.env.AWS_REGION ? { region: process.env.AWS_REGION } : {}),
  ...(process.env.DYNAMODB_ENDPOINT ? { endpoint: process.env.DYNAMODB_ENDPOINT } : {}),
});

export async function handler() {
  await client.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: { PK: { S: 'FLOOR' }, SK: { S: 'FLOOR' } } }));
  return { statusCode: 200, body: '{}' };
}
