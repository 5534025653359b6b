// `redocly lint` (Redocly CLI, the recommended ruleset, see redocly.yaml) on schemas/openapi.yaml
// reports no error and no warning.
//
// @redocly/cli is pinned to 1.34.20, the last line whose engines allow Debian 12's Node.js 18
// (2.x needs Node 20.19+; 1.34.21 names a @redocly/respect-core version the registry lacks), and
// package.json overrides its transitive jsep to 1.4.0 (jsep 1.6.0 declares node >= 20.16; lint
// does not use it: only `redocly respect` does).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { loadSpec, specPath } from './lib/openapi.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const redocly = path.join(here, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
const config = path.join(here, 'redocly.yaml');

// Runs `redocly lint --format=json` on a file; returns {totals, problems} and the raw output.
function lint(file) {
  assert.ok(existsSync(redocly), `${redocly} is missing: run npm ci in tests/contract (devDependencies included)`);
  const r = spawnSync(process.execPath, [redocly, 'lint', '--config', config, '--format', 'json', file], {
    cwd: here,
    encoding: 'utf8',
    timeout: 120000,
    // No usage telemetry, no update check: the lint needs no network.
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
  });
  if (r.error) throw new Error(`redocly failed to run: ${r.error.message}`);
  let report;
  try {
    report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
  } catch {
    assert.fail(`redocly lint printed no JSON report (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return { ...report, status: r.status, stderr: r.stderr };
}

const describeProblem = (p) => `${p.severity} ${p.ruleId}: ${p.message} at ${(p.location || []).map((l) => l.pointer).join(', ')}`;

describe('redocly lint', () => {
  it('schemas/openapi.yaml: no errors, no warnings', () => {
    const r = lint(specPath);
    assert.deepEqual(r.problems.map(describeProblem), [], 'redocly lint problems');
    assert.deepEqual({ errors: r.totals.errors, warnings: r.totals.warnings }, { errors: 0, warnings: 0 });
    assert.equal(r.status, 0, `redocly lint exit status\n${r.stderr}`);
  });

  it('reports a mistake: an operation without security is an error (the lint really runs its rules)', () => {
    const spec = loadSpec();
    delete spec.paths['/api/v1/search'].get.security;
    delete spec.tags[0].description;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'atip-lint-'));
    try {
      const file = path.join(dir, 'openapi.yaml');
      writeFileSync(file, YAML.stringify(spec));
      const r = lint(file);
      assert.ok(r.problems.some((p) => p.ruleId === 'security-defined' && p.severity === 'error'),
        `security-defined not reported: ${r.problems.map(describeProblem).join('; ')}`);
      assert.ok(r.problems.some((p) => p.ruleId === 'tag-description' && p.severity === 'warn'),
        `tag-description not reported: ${r.problems.map(describeProblem).join('; ')}`);
      assert.notEqual(r.status, 0, 'an error fails the lint');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
