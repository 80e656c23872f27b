import { SesMailer } from '../../shared/adapters/ses/mailer.ts';
import type { DeliveryDeps } from '../../shared/domain/invitations/deliver-invitation.ts';
import type { Mailer } from '../../shared/ports.ts';
import { runtime } from '../http/deps.ts';

let mailer: Mailer | undefined;

/** Workers need the mailer on top of the API's deps; only they import the SES client. */
export function workerDeps(): DeliveryDeps {
  const { deps, config } = runtime();
  mailer ??= new SesMailer({
    region: config.AWS_REGION,
    from: config.SENDER_EMAIL,
    ...(config.SES_ENDPOINT ? { endpoint: config.SES_ENDPOINT } : {}),
    ...(config.SES_CONFIGURATION_SET ? { configurationSet: config.SES_CONFIGURATION_SET } : {}),
  });
  return { ...deps, mailer };
}

export function installMailer(m: Mailer): void {
  mailer = m;
}
