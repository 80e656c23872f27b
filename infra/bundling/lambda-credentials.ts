/**
 * Swapped in for @aws-sdk/credential-provider-node in Lambda bundles (esbuild alias, see
 * infra/constructs/api-function.ts). In Lambda the credentials are always the execution role's, in the
 * environment; the default chain's SSO, ini-file, web-identity and IMDS providers (and the STS/SSO
 * clients they bundle) are ~90 KB of code that can never run there.
 */
export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';
