/**
 * `@smithy/core/event-streams` for the bundles: the SDK's protocols load it (a dynamic import,
 * which esbuild bundles anyway, 15 KB minified in every function) only for operations that stream
 * events. None of the operations this service calls does (DynamoDB, SES v2 SendEmail, Scheduler,
 * Secrets Manager, EventBridge PutEvents), so the codec is left out. Should one ever be called,
 * it fails loudly here instead of misreading a stream.
 */
const unused = (): never => {
  throw new Error('Event streams are not bundled (infra/bundling/event-streams.ts): no operation of this service uses them');
};

export class EventStreamSerde {
  constructor() {
    unused();
  }
}

export const eventStreamSerdeProvider = unused;
