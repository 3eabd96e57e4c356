import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/commands/parse-command.js';
import { UserError } from '../../src/errors/user-error.js';

const ok = (text: string, options = {}) => {
  const result = parseCommand(text, options);
  if (result instanceof UserError) throw new Error(`expected a command, got UserError: ${result.message}`);
  return result;
};
const error = (text: string, options = {}) => {
  const result = parseCommand(text, options);
  expect(result).toBeInstanceOf(UserError);
  return result as UserError;
};

describe('parseCommand', () => {
  it('GIVEN defanged indicators THEN each is looked up with its inferred type', () => {
    expect(ok('evil[.]com 1.2.3[.]4 bob[@]evil[.]com EC8C89AA5E521572C74E2DD02A4DAF78')).toEqual({
      kind: 'lookup',
      targets: [
        { type: 'domain', value: 'evil.com' },
        { type: 'ip', value: '1.2.3.4' },
        { type: 'email', value: 'bob@evil.com' },
        { type: 'file', value: 'ec8c89aa5e521572c74e2dd02a4daf78' },
      ],
    });
  });

  it('GIVEN a SHA-256 THEN a file lookup (the provider chain decides who can answer it)', () => {
    const sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(ok(sha256)).toEqual({ kind: 'lookup', targets: [{ type: 'file', value: sha256 }] });
  });

  it('GIVEN a file name that is a domain THEN a command trusts what the person typed', () => {
    expect(ok('invoice.zip')).toEqual({ kind: 'lookup', targets: [{ type: 'domain', value: 'invoice.zip' }] });
  });

  it.each([
    ['domain evil.com', 'domain', 'evil.com'],
    ['ip 188.40.75.132', 'ip', '188.40.75.132'],
    ['email a@b.com', 'email', 'a@b.com'],
    ['file 01F5C3905F2098650F16F50A1B26156586238BFE', 'file', '01f5c3905f2098650f16f50a1b26156586238bfe'],
    ['hash ec8c89aa5e521572c74e2dd02a4daf78', 'file', 'ec8c89aa5e521572c74e2dd02a4daf78'],
    ['av plugx', 'antivirus', 'plugx'],
    ['AntiVirus PlugX', 'antivirus', 'plugx'],
    ['av "poison ivy"', 'antivirus', 'poison ivy'],
  ])('GIVEN "%s" THEN an explicit %s lookup', (text, type, value) => {
    expect(ok(text)).toEqual({ kind: 'lookup', targets: [{ type, value }] });
  });

  it.each([
    ['vote malicious evil[.]com', true],
    ['vote bad evil.com', true],
    ['vote safe evil.com', false],
    ['vote good evil.com', false],
    ['vote not-malicious evil.com', false],
  ])('GIVEN "%s" THEN a vote with malicious=%s', (text, malicious) => {
    expect(ok(text)).toEqual({ kind: 'vote', malicious, target: { type: 'domain', value: 'evil.com' } });
  });

  it('GIVEN help, status and channel modes THEN those commands', () => {
    expect(ok('help')).toEqual({ kind: 'help' });
    expect(ok('STATUS')).toEqual({ kind: 'status' });
    expect(ok('channel reveal')).toEqual({ kind: 'channel', mode: 'reveal' });
  });

  it('GIVEN a quoted or -- value THEN it is never a keyword', () => {
    expect(error('"help"').message).toContain('"help" is not a domain');
    expect(error('-- status').message).toContain('"status" is not a domain');
  });

  it.each([
    ['', 'Tell me what to look up.'],
    ['   ', 'Tell me what to look up.'],
    ['frobnicate', 'I don\'t know the word "frobnicate". For a malware family, try: /threatcrowd av frobnicate'],
    ['domain', 'Tell me what to look up.'],
    ['domain 1.2.3.4', '"1.2.3[.]4" is not a valid domain.'],
    ['ip evil.com', '"evil[.]com" is not a valid ip.'],
    ['file abc', '"abc" is not a valid MD5, SHA1 or SHA-256 hash.'],
    ['10.0.0.1', '10.0.0[.]1 is a private address; it is never sent to ThreatCrowd or any other source.'],
    ['printer.local', 'printer[.]local is a reserved name; it is never sent to ThreatCrowd or any other source.'],
    ['vote', 'Say whether it is malicious or safe.'],
    ['vote maybe evil.com', 'Say whether it is malicious or safe.'],
    ['vote malicious a.com b.com', 'Vote on exactly one indicator.'],
    ['channel loud', 'Choose a channel mode: auto, reveal, off.'],
    ['status now', '`status` takes no arguments.'],
    ['main.py setup', '"setup" is not a domain, IP address, e-mail address or file hash.'],
  ])('GIVEN "%s" THEN a UserError says: %s', (text, message) => {
    const e = error(text);
    expect(e.message).toBe(message);
    expect(e.usage).toMatch(/\/threatcrowd/);
  });

  it('GIVEN more values than the cap THEN a UserError names the cap', () => {
    const many = Array.from({ length: 11 }, (_, i) => `host${i}.com`).join(' ');
    expect(error(many).message).toBe('At most 10 values per command (got 11).');
    expect(ok(many, { maxIndicators: 11 }).kind).toBe('lookup');
  });

  it('GIVEN an internal domain THEN the command refuses it', () => {
    expect(error('vpn.corp.com', { ignoreDomains: ['corp.com'] }).message).toContain('IGNORE_DOMAINS');
  });

  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const result = parseCommand(text);
        expect(result instanceof UserError || typeof result.kind === 'string').toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
