import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/commands/parse-command.js';
import { parseLookup } from '../../src/commands/parse-lookup.js';
import { UserError } from '../../src/errors/user-error.js';

const words = (...texts: string[]) => texts.map((text) => ({ text, literal: false }));

describe('one lookup grammar', () => {
  it.each([
    ['lookup aoldaily.com', [{ type: 'domain', value: 'aoldaily.com' }]],
    ['lookup av plugx', [{ type: 'antivirus', value: 'plugx' }]],
    [
      'lookup domain aoldaily[.]com evil.com',
      [
        { type: 'domain', value: 'aoldaily.com' },
        { type: 'domain', value: 'evil.com' },
      ],
    ],
  ])('GIVEN chat text "%s" THEN the lookup word is understood', (text, targets) => {
    expect(parseCommand(text)).toEqual({ kind: 'lookup', targets });
  });

  it("GIVEN the command line's words THEN the same commands as in chat", () => {
    expect(parseLookup(words('av', 'plugx'))).toEqual(parseCommand('av plugx'));
    expect(parseLookup(words('ip', '188.40.75.132', '1.2.3.4'))).toEqual(parseCommand('ip 188.40.75.132 1.2.3.4'));
  });

  it('GIVEN an unknown word THEN the hint uses the prefix of where it was typed', () => {
    const chat = parseCommand('frobnicate') as UserError;
    expect(chat.message).toContain('try: /threatcrowd av frobnicate');
    const cli = parseLookup(words('frobnicate'), { lookupPrefix: 'threatcrowd-bot lookup' }) as UserError;
    expect(cli).toBeInstanceOf(UserError);
    expect(cli.message).toContain('try: threatcrowd-bot lookup av frobnicate');
    expect(cli.usage).toMatch(/^threatcrowd-bot lookup /);
    expect(cli.usage).not.toContain('/threatcrowd');
  });

  it('GIVEN a cap hint THEN it follows the cap message', () => {
    const error = parseLookup(words('a.com', 'b.com'), { maxIndicators: 1, capHint: 'Raise X.' }) as UserError;
    expect(error.message).toBe('At most 1 values per command (got 2). Raise X.');
  });
});

describe('reserved names (RFC 2606 and 6761)', () => {
  it.each(['example.com', 'www.example.net', 'a.b.example.org', 'host.test', 'docs.example', 'x.invalid', 'app.localhost'])(
    'GIVEN %s THEN it is refused as a reserved name, never sent upstream',
    (value) => {
      const result = parseCommand(value);
      expect(result).toBeInstanceOf(UserError);
      expect((result as UserError).message).toContain('is a reserved name; it is never sent to ThreatCrowd or any other source.');
    },
  );

  it('GIVEN names that merely contain "example" THEN they are looked up', () => {
    expect(parseCommand('example-corp.com notexample.com')).toEqual({
      kind: 'lookup',
      targets: [
        { type: 'domain', value: 'example-corp.com' },
        { type: 'domain', value: 'notexample.com' },
      ],
    });
  });
});
