/**
 * XML in and out of the callback. Parsing refuses any DOCTYPE (so no entity can be declared:
 * no XXE, no entity bombs) and keeps every value a string (MsgId is 64-bit).
 */
import { XMLParser } from 'fast-xml-parser';

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

const parser = new XMLParser({
  processEntities: true, // only the five predefined ones: no DOCTYPE gets this far
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: false,
});

export type XmlValue = string | XmlObject | XmlValue[];
export interface XmlObject {
  [key: string]: XmlValue;
}

/** Parses `<xml>…</xml>` and returns the children of the root element. */
export function parseXml(text: string): XmlObject {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new XmlError('DOCTYPE and ENTITY declarations are refused');
  let doc: unknown;
  try {
    doc = parser.parse(text, true);
  } catch (e) {
    throw new XmlError(`malformed XML: ${e instanceof Error ? e.message : String(e)}`);
  }
  const root = (doc as Record<string, unknown> | null)?.xml;
  if (root === undefined || root === null || typeof root !== 'object' || Array.isArray(root)) {
    throw new XmlError('the root element must be <xml>');
  }
  return root as XmlObject;
}

/** The string value of a child element ('' when it is absent or not a leaf). */
export function text(obj: XmlObject, key: string): string {
  const v = obj[key];
  return typeof v === 'string' ? v : '';
}

/** Wraps a string in CDATA, splitting any "]]>" it contains. */
export function cdata(s: string): string {
  return `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** Builds `<xml>` from flat fields; strings become CDATA, numbers stay bare, objects nest. */
export function buildXml(fields: Record<string, unknown>): string {
  return `<xml>${buildFields(fields)}</xml>`;
}

function buildFields(fields: Record<string, unknown>): string {
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => {
      if (typeof v === 'number' || typeof v === 'bigint') return `<${k}>${v}</${k}>`;
      if (Array.isArray(v)) return v.map((item) => `<${k}>${typeof item === 'object' ? buildFields(item as Record<string, unknown>) : cdata(String(item))}</${k}>`).join('');
      if (typeof v === 'object') return `<${k}>${buildFields(v as Record<string, unknown>)}</${k}>`;
      return `<${k}>${cdata(String(v))}</${k}>`;
    })
    .join('');
}
