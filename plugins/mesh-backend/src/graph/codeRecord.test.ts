import { codeRecord } from './codeRecord';

describe('codeRecord', () => {
  it('holds what a plain record would: keys, their order, values, JSON', () => {
    const entries: Array<[string, number]> = [
      ['503', 0.5],
      ['-', 1],
      ['200', 10],
      ['14', 2],
      ['UO', 3],
    ];
    const record = codeRecord(entries);
    const plain = Object.fromEntries(entries);
    expect(Object.entries(record)).toEqual(Object.entries(plain));
    expect(JSON.stringify(record)).toBe(JSON.stringify(plain));
    expect(record).toEqual(plain);
    record['404'] = (record['404'] ?? 0) + 1;
    expect(Object.keys(record)).toEqual(['14', '200', '404', '503', '-', 'UO']);
  });

  it('starts empty, with nothing left of how it was made', () => {
    const record = codeRecord();
    expect(record).toEqual({});
    expect(Object.keys(record)).toEqual([]);
    expect(JSON.stringify(record)).toBe('{}');
  });
});
