import { App, Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildApp } from './build-app.ts';

const app = new App();
buildApp(app);
// cdk-nag on every synth, so `npm run synth` shows the same findings the infra tests assert on
Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
app.synth();
