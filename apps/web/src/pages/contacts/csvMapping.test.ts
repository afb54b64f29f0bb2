import { describe, expect, it } from 'vitest';
import { defaultMapping, mappedPieces, mappingProblems, readCsvFile } from './csvMapping.ts';

const file = (text: string) => readCsvFile(new TextEncoder().encode(text).buffer as ArrayBuffer);

describe('csvMapping', () => {
  it('maps columns named like contact fields to them and every other column to a property', () => {
    const f = file('E-Mail;Email;Stage;Company\nx;a@acme.io;lead;"Acme; Inc."\n');
    expect(f.rows).toEqual([{ row: 1, cells: ['x', 'a@acme.io', 'lead', 'Acme; Inc.'] }]);
    expect(defaultMapping(f.columns).map((m) => [m.target, m.property])).toEqual([
      ['property', 'E-Mail'],
      ['email', 'Email'],
      ['stage', 'Stage'],
      ['property', 'Company'],
    ]);
  });

  it("rewrites the header for renamed and skipped columns and keeps the file's row numbers across pieces", () => {
    const f = file('Mail,Firma,Notes\na@acme.io,Acme,x\n,,only notes\nb@acme.io,"Say ""hi""",\nc@acme.io,C\nd@acme.io,D,\n');
    const mapping = defaultMapping(f.columns);
    mapping[0] = { ...mapping[0]!, target: 'email' };
    mapping[1] = { ...mapping[1]!, property: 'company' };
    mapping[2] = { ...mapping[2]!, target: 'skip' };
    expect(mappingProblems(mapping, 'email')).toEqual([]);
    const { pieces, failed } = mappedPieces(f, mapping, 2);
    expect(pieces).toEqual([
      { csv: '"email","company"\n"a@acme.io","Acme"\n"b@acme.io","Say ""hi"""\n', rows: [1, 3] },
      { csv: '"email","company"\n"d@acme.io","D"\n', rows: [5] },
    ]);
    expect(failed).toEqual([{ row: 4, error: 'The row has 2 cells but the header has 3.' }]);
  });

  it('says when no column is the key or two columns become the same', () => {
    const mapping = defaultMapping(['Name', 'name']);
    expect(mappingProblems(mapping, 'email')).toEqual([
      'Two columns become "name"; skip one or rename it.',
      'One column must be the email address: it finds each contact.',
    ]);
  });

  it('refuses a file that is not UTF-8', () => {
    expect(() => readCsvFile(Uint8Array.from([0x65, 0x0a, 0xf6, 0x0a]).buffer)).toThrow('The file is not UTF-8; save it as CSV UTF-8.');
  });
});
