import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { loadSecrets } from '../../config.ts';

/**
 * Injected into every Lambda bundle that is given LINK_SECRET_ARN (esbuild `inject`, see
 * infra/constructs/api-function.ts). Top-level await makes the init phase wait for the secret, so the
 * first request never races it, and the value lives only in memory, never in the function's settings.
 */
export async function readSecret(client: Pick<SecretsManagerClient, 'send'>, arn: string): Promise<string> {
  const res = await client.send(new GetSecretValueCommand({ SecretId: arn }));
  if (!res.SecretString) throw new Error(`Secret ${arn} has no string value`);
  return res.SecretString;
}

await loadSecrets((arn) => readSecret(new SecretsManagerClient({}), arn));
