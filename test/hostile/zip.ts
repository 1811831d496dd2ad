/** The smallest .xlsx a reader accepts, written by hand so a test can make one part as large (and as hostile) as it likes. */
import { crc32, deflateRawSync } from 'node:zlib';

interface Part {
  readonly name: string;
  readonly data: Buffer;
}

/** A zip of deflated parts, with the central directory readers use. */
export function zipParts(parts: readonly Part[]): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of parts) {
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt32LE(crc32(data), 14);
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc32(data), 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(header, nameBytes, packed);
    directory.push(entry, nameBytes);
    offset += header.length + nameBytes.length + packed.length;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directoryBytes, end]);
}

const xml = (text: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${text}`, 'utf8');
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** One sheet of shared strings: `rows[r][c]` is an index into `strings`; `stringsLast` puts them after the sheet. */
export function workbook(strings: readonly (string | Buffer)[], rows: readonly (readonly number[])[], stringsLast = false): Buffer {
  const cell = (r: number, c: number, s: number) => `<c r="${String.fromCharCode(65 + c)}${r + 1}" t="s"><v>${s}</v></c>`;
  const sheetRows = rows.map((row, r) => `<row r="${r + 1}">${row.map((s, c) => cell(r, c, s)).join('')}</row>`).join('');
  const shared = Buffer.concat([
    xml(`<sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">`),
    ...strings.map((s) => Buffer.concat([Buffer.from('<si><t>'), typeof s === 'string' ? Buffer.from(s) : s, Buffer.from('</t></si>')])),
    Buffer.from('</sst>'),
  ]);
  const sheet = { name: 'xl/worksheets/sheet1.xml', data: xml(`<worksheet xmlns="${MAIN}"><sheetData>${sheetRows}</sheetData></worksheet>`) };
  const sharedStrings = { name: 'xl/sharedStrings.xml', data: shared };
  return zipParts([
    {
      name: '[Content_Types].xml',
      data: xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
      ),
    },
    { name: '_rels/.rels', data: xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    { name: 'xl/workbook.xml', data: xml(`<workbook xmlns="${MAIN}" xmlns:r="${RELS}"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: xml(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${RELS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      ),
    },
    // Normally before the sheet: a streaming reader needs the strings when the sheet's cells arrive.
    ...(stringsLast ? [sheet, sharedStrings] : [sharedStrings, sheet]),
  ]);
}
