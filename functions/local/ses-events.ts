import type { IncomingMessage } from 'node:http';
import { NodeHttpHandler } from '@smithy/node-http-handler';

interface SdkRequest {
  method: string;
  path: string;
  body?: unknown;
}

/** The SES event as the configuration set's SNS destination publishes it (only what the worker reads). */
export interface SesSendEvent {
  eventType: 'Send';
  mail: { messageId: string; timestamp: string; tags: Record<string, string[]> };
  send: Record<string, never>;
}

/**
 * The local SES answers SendEmail but publishes no events. This request handler of the real
 * SESv2Client does what the configuration set's event destination does in AWS: once SES has
 * accepted an email, a Send event naming its tags goes out, whatever happens to the answer on its
 * way back (it sits below every SDK middleware, so an injected "response lost" comes after it).
 */
export function sesWithSendEvents(publish: (event: SesSendEvent) => void) {
  const inner = new NodeHttpHandler();
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request: SdkRequest, options?: Record<string, unknown>) {
      const out = await inner.handle(request as never, options as never);
      if (request.method !== 'POST' || !request.path.endsWith('/outbound-emails') || out.response.statusCode !== 200) return out;
      const bytes = await collect(out.response.body as IncomingMessage);
      out.response.body = bytes;
      const { MessageId } = JSON.parse(new TextDecoder().decode(bytes)) as { MessageId?: string };
      const sent = JSON.parse(text(request.body)) as { EmailTags?: { Name: string; Value: string }[] };
      publish({
        eventType: 'Send',
        mail: {
          messageId: MessageId ?? '',
          timestamp: new Date().toISOString(),
          tags: Object.fromEntries((sent.EmailTags ?? []).map((t) => [t.Name, [t.Value]])),
        },
        send: {},
      });
      return out;
    },
    updateHttpClientConfig: (key: never, value: never) => inner.updateHttpClientConfig(key, value),
    httpHandlerConfigs: () => inner.httpHandlerConfigs(),
    destroy: () => inner.destroy(),
  };
}

const text = (body: unknown) => (typeof body === 'string' ? body : body ? new TextDecoder().decode(body as Uint8Array) : '{}');

async function collect(stream: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}
