/**
 * Column trees: a form's header as data. The header rows and their merged cells are generated
 * from the tree, so a multi-row header such as 附件1's is written once, as structure, and never
 * placed cell by cell.
 *
 * A tree has groups (a label over children) and leaves (one printed column). A leaf may have a
 * label, a unit (the last header row: 户数, 人数, 是/否) or both. Layout rule, for a header with
 * D label rows (the deepest branch) and one unit row when any leaf has a unit:
 *   - a group's label spans its leaves' columns, and as many rows as its children leave free
 *     (a group whose children are unlabelled unit leaves reaches down to the unit row);
 *   - a labelled leaf spans the remaining label rows, and the unit row too when it has no unit.
 *
 * @example
 *   const tree = [leaf('镇街', (r) => r.town), pair('集中排查对象', (r) => r.screened)];
 *   layoutHeader(tree) // cells: 镇街 A1:A2, 集中排查对象 B1:C1, 户数 B2, 人数 C2
 */
import type { HouseholdsPeople } from './rows.js';

/** What a data cell may hold: text, a number, or nothing. */
export type CellValue = string | number | null;

export interface ColumnLeaf<R> {
  kind: 'leaf';
  /** Header text; null for an unlabelled unit column under a group. */
  label: string | null;
  /** Text of the unit row (户数, 人数, 是/否), if the form has one for this column. */
  unit?: string;
  /** Width in Excel character units (a CJK character is about 2). */
  width: number;
  /** Long text: left-aligned and wrapped. */
  wrap?: boolean;
  value: (row: R) => CellValue;
}

export interface ColumnGroup<R> {
  kind: 'group';
  label: string;
  children: ColumnNode<R>[];
}

export type ColumnNode<R> = ColumnLeaf<R> | ColumnGroup<R>;

/** One header cell: its text and the rectangle it covers (1-based, relative to the header). */
export interface HeaderCell {
  text: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface HeaderLayout<R> {
  /** Number of header rows (label rows + the unit row, if any). */
  rows: number;
  cells: HeaderCell[];
  /** The printed columns, left to right. */
  leaves: ColumnLeaf<R>[];
}

export function leaf<R>(label: string | null, value: (row: R) => CellValue, opts: { unit?: string; width?: number; wrap?: boolean } = {}): ColumnLeaf<R> {
  return { kind: 'leaf', label, value, width: opts.width ?? 10, ...(opts.unit === undefined ? {} : { unit: opts.unit }), ...(opts.wrap ? { wrap: true } : {}) };
}

export function group<R>(label: string, children: ColumnNode<R>[]): ColumnGroup<R> {
  return { kind: 'group', label, children };
}

/** A label over two unlabelled columns 户数 | 人数 (附件1's counts of households and people). */
export function pair<R>(label: string, pick: (row: R) => HouseholdsPeople, width = 7): ColumnGroup<R> {
  return group(label, [
    leaf<R>(null, (r) => pick(r).households, { unit: '户数', width }),
    leaf<R>(null, (r) => pick(r).people, { unit: '人数', width }),
  ]);
}

/** Label rows a node needs (an unlabelled leaf needs none). */
function labelDepth<R>(node: ColumnNode<R>): number {
  if (node.kind === 'leaf') return node.label === null ? 0 : 1;
  return 1 + Math.max(0, ...node.children.map(labelDepth));
}

function leavesOf<R>(node: ColumnNode<R>): ColumnLeaf<R>[] {
  return node.kind === 'leaf' ? [node] : node.children.flatMap(leavesOf);
}

/**
 * Lays a column tree out as header cells with their merges.
 * Throws when the tree cannot be printed (an empty group, a leaf with neither label nor unit).
 */
export function layoutHeader<R>(tree: ColumnNode<R>[]): HeaderLayout<R> {
  const leaves = tree.flatMap(leavesOf);
  const depth = Math.max(0, ...tree.map(labelDepth));
  const hasUnits = leaves.some((l) => l.unit !== undefined);
  const rows = depth + (hasUnits ? 1 : 0);
  const cells: HeaderCell[] = [];

  // `top` is the first label row this node may use; label rows run 1..depth, the unit row is depth+1.
  const place = (node: ColumnNode<R>, top: number, left: number): number => {
    if (node.kind === 'leaf') {
      if (node.label === null && node.unit === undefined) throw new Error('表头列既无名称也无单位');
      if (node.label !== null) cells.push({ text: node.label, top, left, bottom: node.unit === undefined ? rows : depth, right: left });
      if (node.unit !== undefined) cells.push({ text: node.unit, top: depth + 1, left, bottom: depth + 1, right: left });
      return left + 1;
    }
    if (node.children.length === 0) throw new Error(`表头分组“${node.label}”没有下级列`);
    const childDepth = Math.max(0, ...node.children.map(labelDepth));
    const width = leavesOf(node).length;
    // The group takes every label row its children leave free: with only unlabelled unit
    // columns below it, that is all of them down to the unit row.
    const bottom = depth - childDepth;
    cells.push({ text: node.label, top, left, bottom, right: left + width - 1 });
    let col = left;
    for (const child of node.children) col = place(child, bottom + 1, col);
    return col;
  };

  let col = 1;
  for (const node of tree) col = place(node, 1, col);
  return { rows, cells, leaves };
}
