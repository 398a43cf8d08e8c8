/**
 * The encoding of lab links: lz-string's URL-safe compression (`compressToEncodedURIComponent`),
 * loaded only when a link is made or opened, and the limits a link from anywhere must keep.
 * No engine here: the course page opens a lesson link without loading the lab.
 */

/**
 * The longest link the lab hands out. Browsers take longer URLs, but mail, chat and
 * link shorteners cut or refuse links past a few thousand characters.
 */
export const MAX_LINK_CHARS = 8000;
/** The longest encoded value the lab will try to decode (a bound on decompression work). */
export const MAX_ENCODED_CHARS = 16_000;

export interface LinkCodec {
  compress: (text: string) => string;
  decompress: (encoded: string) => string | null;
}

/** lz-string, loaded on demand (its own chunk). */
export async function loadCodec(): Promise<LinkCodec> {
  const lz = await import('lz-string');
  return {
    compress: (text) => lz.compressToEncodedURIComponent(text),
    decompress: (encoded) => lz.decompressFromEncodedURIComponent(encoded),
  };
}

const ENCODED = /^[A-Za-z0-9+\-$]*$/;

/** Decodes a link's value to text, or says why it cannot be read. */
export function decodeLinkValue(
  codec: LinkCodec,
  raw: string,
): { ok: true; text: string } | { ok: false; message: string } {
  // URLSearchParams reads "+" as a space; lz-string's alphabet has "+" and no space.
  const encoded = raw.replace(/ /g, '+');
  if (encoded.length === 0) return { ok: false, message: 'the link carries no data' };
  if (encoded.length > MAX_ENCODED_CHARS)
    return {
      ok: false,
      message: `the link's data is ${encoded.length.toLocaleString('en')} characters long, over the ${MAX_ENCODED_CHARS.toLocaleString('en')} the lab reads`,
    };
  if (!ENCODED.test(encoded))
    return {
      ok: false,
      message: 'the link was cut or changed: its data holds characters a lab link never has',
    };
  let text: string | null;
  try {
    text = codec.decompress(encoded);
  } catch {
    text = null;
  }
  if (!text) return { ok: false, message: 'the link was cut or changed: its data does not decompress' };
  return { ok: true, text };
}

/** The page's address up to the hash: links are made for the page they are copied from. */
export function linkBase(href: string): string {
  const hash = href.indexOf('#');
  return hash < 0 ? href : href.slice(0, hash);
}

/** A link, or why there is none: a link over `MAX_LINK_CHARS` is refused with its length. */
export function buildLink(
  base: string,
  hash: string,
): { ok: true; url: string } | { ok: false; message: string } {
  const url = `${base}${hash}`;
  if (url.length > MAX_LINK_CHARS)
    return {
      ok: false,
      message: `The link would be ${url.length.toLocaleString('en')} characters long; links over ${MAX_LINK_CHARS.toLocaleString('en')} are cut by some browsers, mail and chat apps.`,
    };
  return { ok: true, url };
}
