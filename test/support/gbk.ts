/**
 * Text as GB18030/GBK bytes, as Excel on Chinese Windows saves "CSV (逗号分隔)". The platform has
 * only a GB18030 decoder, so the encoder is its inverse over the two-byte range (every character
 * of the tests is in it; ASCII is one byte).
 */
let table: Map<string, number> | undefined;

function codes(): Map<string, number> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder("gb18030");
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== "\ufffd" && !table.has(ch)) table.set(ch, (lead << 8) | trail);
    }
  }
  return table;
}

export function gbkBytes(text: string): Uint8Array<ArrayBuffer> {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) {
      out.push(c);
      continue;
    }
    const code = codes().get(ch);
    if (code === undefined) throw new Error(`no GBK code for ${ch}`);
    out.push(code >> 8, code & 0xff);
  }
  return Uint8Array.from(out);
}
