import type { TestProject } from 'vitest/node';
import { startDynamoLocal } from '../../functions/local/dynamodb-local.ts';
import { buildWeb } from '../../functions/local/web-build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

/** Starts DynamoDB Local once per test run (the JVM takes a few seconds); test files share it. */
export default async function setup(project: TestProject) {
  // the browser tests serve the production build of the web app; built once per run, if stale
  const [dynamo] = await Promise.all([startDynamoLocal(), buildWeb()]);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}
