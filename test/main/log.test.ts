// The main process's log never carries an SSN or an account number: seeded SSNs are driven
// through dispatch's error paths and the log output is scanned for them.
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatch } from '../../main/ipc/dispatch';
import { handlers } from '../../main/ipc/handlers';
import { createLogger, redact } from '../../main/log';
import { ACCOUNT, SENDER, SMITH_SPOUSE, SSN, isAllowedSender, johnSmith, openTestApp, seedSmith, value, type TestApp } from './caseload-fixture';

const SEEDED = [SSN, SMITH_SPOUSE.ssn, '501-23-4477', '612-34-5588'];
const ACCOUNTS = [ACCOUNT, '4400112233'];
/** Each secret as it could appear: with dashes, as bare digits, and in fullwidth digits. */
const forms = (s: string) => [s, s.replace(/-/g, ''), s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))];

let app: TestApp;
afterEach(() => app?.close());

describe('redacting logger', () => {
  it('redacts SSN-like patterns and long digit runs, and keeps dates, times, ids and phone numbers', () => {
    expect(redact('ssn 123-45-6789, 123 45 6789, 123456789 and １２３-４５-６７８９')).toBe('ssn [redacted], [redacted], [redacted] and [redacted]');
    expect(redact('account 000123456789 routing 011000015')).toBe('account [redacted] routing [redacted]');
    expect(redact('members:get 42 at 2026-11-23T12:00:00.000Z, call 573-555-0100')).toBe('members:get 42 at 2026-11-23T12:00:00.000Z, call 573-555-0100');
  });

  it('seeded SSNs and account numbers driven through dispatch error paths never reach the log', async () => {
    const out: string[] = [];
    const logger = createLogger((line) => out.push(line));
    app = openTestApp({ prefix: 'log-', log: (l) => logger.error(l) });
    const rec = await seedSmith(app);
    for (const [i, ssn] of SEEDED.slice(2).entries()) {
      value(await app.call('members:create', { member: johnSmith({ memberId: `L${i}`, ssn, directDeposit: { routingNumber: '011000015', accountNumber: ACCOUNTS[1]!, accountType: 'savings' } }) }));
    }
    // A handler that fails with the values in its message (as a driver error quoting a row would).
    const failing = createDispatch(
      {
        ...handlers(app.services),
        'members:revealSsn': (i) => {
          const { ssn } = app.services.members.revealSsn(i.id, i.reason);
          throw new Error(`unexpected row: ssn=${ssn} spouse=${SMITH_SPOUSE.ssn} acct=${ACCOUNT} ${ssn?.replace(/-/g, '')} ${forms(SEEDED[2]!)[2]}`);
        },
        'members:get': () => Promise.reject(new RangeError(`bad ${SEEDED[3]} / ${ACCOUNTS[1]}`)),
        'members:search': () => [{ ...app.services.members.get(rec.id), ssn: SSN }] as never,
      },
      { isAllowedSender, log: (l) => logger.error(l) },
    );
    expect(await failing('members:revealSsn', { id: rec.id, reason: 'verifying identity' }, SENDER)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await failing('members:get', { id: rec.id }, SENDER)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await failing('members:search', {}, SENDER)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    // And the app's own dispatch, over every channel with an SSN in its input.
    await app.call('members:update', { id: rec.id, version: 99, patch: { ssn: SEEDED[2] } });
    await app.call('spouse:set', { memberId: rec.id, version: 1, spouse: { ...SMITH_SPOUSE, ssn: SEEDED[3] } });
    expect(out.length).toBeGreaterThanOrEqual(3);
    const log = out.join('');
    for (const secret of [...SEEDED, ...ACCOUNTS]) for (const f of forms(secret)) expect(log, f).not.toContain(f);
    expect(log).toContain('[redacted]');
    expect(log).toMatch(/^error members:revealSsn: Error: unexpected row/m);
  });
});
