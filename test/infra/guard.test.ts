import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import type { PolicyValidationPluginReportBeta1 } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { guardExceptions } from '../../infra/policy-exceptions.ts';
import { resourcesOf, synth } from './synth.ts';

/** cfn-guard evaluates ~300 Control Tower rules over both templates: about a minute on a busy machine. */
const GUARD_TIMEOUT = 600_000;
let s: ReturnType<typeof synth>;
let report: PolicyValidationPluginReportBeta1;
let violations: { rule: string; resource: string; description: string }[];

beforeAll(() => {
  s = synth();
  const assembly = s.app.synth();
  const templatePaths = [s.stacks.data, s.stacks.api].map((stack) => assembly.getStackByName(stack.stackName).templateFullPath);
  report = new CfnGuardValidator().validate({ templatePaths, appConstruct: s.app } as never);
  violations = report.violations.flatMap((v) =>
    v.violatingResources.map((r) => ({
      rule: v.ruleName,
      resource: r.resourceLogicalId ?? '',
      description: v.description,
    })),
  );
}, GUARD_TIMEOUT);

describe('AWS Control Tower proactive controls (cfn-guard)', () => {
  it('every violation is an exception written down with its reason in infra/policy-exceptions.ts', () => {
    const unexplained = violations.filter((v) => !guardExceptions.some((e) => e.rule === v.rule && e.resources.test(v.resource)));
    expect(unexplained.map((v) => `${v.rule} ${v.resource}: ${v.description}`)).toEqual([]);
  });

  it('no exception is stale: each still matches a violation, and says why in a sentence', () => {
    // an exception for an optional part (its `when`) is checked where that part is on (api-edge.test.ts)
    for (const e of guardExceptions.filter((x) => !x.when)) {
      expect(
        violations.some((v) => v.rule === e.rule && e.resources.test(v.resource)),
        e.rule,
      ).toBe(true);
      expect(e.reason.length, e.rule).toBeGreaterThan(80);
    }
  });

  it('the rules ran: the table and the alarms pass the controls that concern them', () => {
    expect(violations.length).toBeGreaterThan(0);
    const failedRules = new Set(violations.map((v) => v.rule));
    for (const rule of [
      'dynamodb_table_pitr_enabled_check',
      'dynamodb_table_encrypted_kms_check',
      'cloudwatch_alarm_action_check',
      'cloudwatch_alarm_action_enabled_check',
    ]) {
      expect(failedRules.has(rule), rule).toBe(false);
    }
  });

  it('the exception for Lambda permissions holds: every one names its source ARN', () => {
    const permissions = Object.entries(resourcesOf(s.api, 'AWS::Lambda::Permission'));
    expect(permissions.length).toBeGreaterThan(30);
    for (const [id, p] of permissions) {
      expect(p.Properties?.SourceArn, id).toBeDefined();
      expect(String(p.Properties?.Principal), id).toMatch(/\.amazonaws\.com$/);
    }
  });
});
