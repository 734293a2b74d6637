// The names an ELF shared object (a Linux `.node` addon) exports: its dynamic symbol table, read
// directly so the check needs no binutils.
import { readFileSync } from 'node:fs';

const SHT_DYNSYM = 11;
const SHN_UNDEF = 0;
const STB_GLOBAL = 1;
const STB_WEAK = 2;

export function isElf(file: string): boolean {
  const head = readFileSync(file).subarray(0, 4);
  return head.length === 4 && head[0] === 0x7f && head.toString('latin1', 1, 4) === 'ELF';
}

/** Defined global and weak symbols of the dynamic symbol table. */
export function exportedSymbols(file: string): Set<string> {
  const b = readFileSync(file);
  if (!isElf(file)) throw new Error(`${file} is not an ELF file`);
  const is64 = b[4] === 2;
  const little = b[5] === 1;
  const u16 = (o: number) => (little ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (o: number) => (little ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const addr = (o: number) => (is64 ? Number(little ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o)) : u32(o));

  const shoff = addr(is64 ? 0x28 : 0x20);
  const shentsize = u16(is64 ? 0x3a : 0x2e);
  const shnum = u16(is64 ? 0x3c : 0x30);
  const section = (i: number) => {
    const o = shoff + i * shentsize;
    return is64
      ? { type: u32(o + 4), offset: addr(o + 0x18), size: addr(o + 0x20), link: u32(o + 0x28), entsize: addr(o + 0x38) }
      : { type: u32(o + 4), offset: u32(o + 0x10), size: u32(o + 0x14), link: u32(o + 0x18), entsize: u32(o + 0x24) };
  };

  const names = new Set<string>();
  for (let i = 0; i < shnum; i++) {
    const dynsym = section(i);
    if (dynsym.type !== SHT_DYNSYM) continue;
    const strtab = section(dynsym.link);
    for (let o = dynsym.offset; o + dynsym.entsize <= dynsym.offset + dynsym.size; o += dynsym.entsize) {
      const nameOffset = u32(o);
      const info = b[o + (is64 ? 4 : 12)]!;
      const shndx = u16(o + (is64 ? 6 : 14));
      const binding = info >> 4;
      if (shndx === SHN_UNDEF || (binding !== STB_GLOBAL && binding !== STB_WEAK)) continue;
      const start = strtab.offset + nameOffset;
      names.add(b.toString('latin1', start, b.indexOf(0, start)));
    }
  }
  return names;
}

/** How a native module registers itself: N-API (any Node or Electron), or one Node ABI. */
export function registration(file: string): { napi: boolean; abis: number[] } {
  const symbols = exportedSymbols(file);
  const abis = [...symbols].map((s) => /^node_register_module_v(\d+)$/.exec(s)?.[1]).filter((v): v is string => v !== undefined).map(Number);
  return { napi: symbols.has('napi_register_module_v1'), abis };
}
