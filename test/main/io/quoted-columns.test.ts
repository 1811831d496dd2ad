import { describe, expect, it } from 'vitest';
import { quotedColumnIndexes } from '../../../main/io/quoted-columns.ts';

describe('quotedColumnIndexes', () => {
  it('finds the columns quoted in every row, with empty fields, escaped quotes and CRLF', () => {
    const text = '"Class","date",size,"note"\r\n"a","6",3,"say ""hi"", ok"\r\n"b",,4,"x"\r\n"c","2",5,y\r\n';
    expect(quotedColumnIndexes(text, ',')).toEqual([0, 1]);
  });

  it('reads a quoted field holding the delimiter and a line break as one field', () => {
    expect(quotedColumnIndexes('a;b\n"1;2\nmore";"3"\n"4";"5"\n', ';')).toEqual([0, 1]);
  });

  it('finds none in a plain file', () => {
    expect(quotedColumnIndexes('a,b\n1,2\n3,4\n', ',')).toEqual([]);
  });
});
