/**
 * The six attachment forms of the screening plan as xlsx workbooks: rows in, Buffer out.
 *
 * @example
 *   import { buildForm3 } from './forms/index.js';
 *   const xlsx = await buildForm3(rows, { scope: 'town', unit: '高家堡镇人民政府', reportDay: '2022-05-13' });
 *   // reply { type: 'file', fileName: formFileName('form3', '高家堡镇', '2022-05-13'), contentBase64: xlsx.toString('base64') }
 */
export * from './rows.js';
export { buildForm1, form1Rows, type Form1Report } from './form1.js';
export { buildForm2, buildForm3, buildForm4, buildForm5, type LedgerOptions } from './ledgers.js';
export { buildForm6, form6Rows, form6Summary, problemsText } from './form6.js';
export { FORM_TEXTS, formFileName, type FormId, type FormText } from './form-texts.js';
export { FORM1_COLUMNS, FORM1_RESTORED_WORD } from './form1-columns.js';
export { layoutHeader, type ColumnNode, type HeaderCell } from './columns.js';
export { FormInputError, type FormMeta } from './validate.js';
