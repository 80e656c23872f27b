import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Node } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/build-app.ts';
import { baseContext } from './synth.ts';

const doc = readFileSync('docs/deploy.md', 'utf8');
const trial = doc.slice(doc.indexOf('## Trial'), doc.indexOf('## Production'));
const scripts = Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>);
const all = (text: string, re: RegExp) => [...new Set([...text.matchAll(re)].map((m) => m[1] as string))];

let contextRead: Set<string>;
let apiOutputs: string[];

// Build the trial's app once, recording every context key it reads.
beforeAll(() => {
  contextRead = new Set();
  const original = Node.prototype.tryGetContext;
  Node.prototype.tryGetContext = function (this: Node, key: string) {
    contextRead.add(key);
    return original.call(this, key);
  };
  try {
    const app = new App({ context: { ...baseContext, stage: 'trial', sandbox: 'true' } });
    const { api } = buildApp(app);
    apiOutputs = Object.keys(Template.fromStack(api).toJSON().Outputs ?? {});
  } finally {
    Node.prototype.tryGetContext = original;
  }
}, 240_000);

describe('docs/deploy.md: the trial can be followed as written', () => {
  it('opens with the trial, before the production path', () => {
    expect(doc.indexOf('## Trial')).toBeGreaterThan(0);
    expect(doc.indexOf('## Trial')).toBeLessThan(doc.indexOf('## Production'));
    expect(doc.slice(0, doc.indexOf('## Trial')).match(/^## /gm)).toBeNull();
  });

  it('every npm script it runs exists in package.json', () => {
    const used = all(trial, /npm run ([\w:-]+)/g);
    expect(used).toContain('deploy');
    for (const s of used) expect(scripts, `npm run ${s}`).toContain(s);
  });

  it('every context key the document names is one the app reads, and every key the app reads is in its reference table', () => {
    const named = all(doc, /-c ([A-Za-z]+)=/g);
    expect(named).toEqual(expect.arrayContaining(['stage', 'sandbox', 'senderEmail', 'acceptUrlBase', 'allowPlaceholders']));
    for (const key of named) expect([...contextRead], `-c ${key}`).toContain(key);
    const reference = doc.slice(doc.indexOf('## Context reference'));
    for (const key of [...contextRead].filter((k) => /^[a-z][A-Za-z]*$/.test(k))) {
      expect(reference, key).toContain(`\`${key}\``);
    }
  });

  it('the trial deploys a sandbox and says so with sandbox=true', () => {
    expect(trial).toMatch(/npm run deploy -- --all[^`]*-c sandbox=true/);
    expect(trial).toMatch(/npx cdk destroy --all[^`]*-c sandbox=true/);
  });

  it('every output the trial reads is an output of the Api stack', () => {
    const listed = trial.split('\n').find((l) => l.startsWith('`ApiUrl`')) ?? '';
    const read = [...all(trial, /"OrgInvitations-trial-Api"\.(\w+)/g), ...all(listed, /`(\w+)`/g)];
    expect(all(listed, /`(\w+)`/g)).toContain('AlarmTopicArn');
    expect(read).toEqual(expect.arrayContaining(['ApiUrl', 'UserPoolClientId', 'UserPoolId']));
    for (const output of read) expect(apiOutputs, output).toContain(output);
  });
});
