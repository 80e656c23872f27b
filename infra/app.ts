import { App, Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { buildApp } from './build-app.ts';

const app = new App();
const built = buildApp(app);
// cdk-nag on every synth, so `npm run synth` shows the same findings the infra tests assert on
Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
for (const stack of [built.data, built.api]) Aspects.of(stack).add(new ServerlessChecks({ verbose: true }));
app.synth();
