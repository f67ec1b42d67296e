// The Node options a command of `npx shouwang` runs with, beyond those it was started with.
//
// `import` caps the V8 heap at IMPORT_HEAP_MB. The cap is not what bounds the import — a
// million-person roster keeps about 100 MB live — but V8 chooses how far its heap may grow
// between two collections from it: with the default limit of a large machine (2 GB and more) up
// to four times what is live, with 1 GB at most about 1.6 times. Without the cap a million-person
// import reached 570–690 MB peak RSS, mostly garbage not yet collected (bench/README.md).
// It also keeps V8's young generation small (IMPORT_SEMI_SPACE_MB per semi-space): an import
// allocates short-lived rows fast, and with Node's default semi-spaces the young generation
// alone held ≈ 170 MB more at the peak of a 200,000-person import (504 against 334 MB peak RSS,
// no slower). 8 MB rather than 4: with 4 MB the importing thread spent 14–18 % of its time
// collecting (profile of a 300,000-person import); with 8 MB it used ≈ 15 % less CPU at the same
// peak RSS (bench/README.md), while 16 MB added ≈ 40 MB.
// A limit given by the caller (NODE_OPTIONS or node's own options) is left as it is.

/** The V8 heap cap (MB) of `import`. */
export const IMPORT_HEAP_MB = 1024;
/** The V8 semi-space size (MB) of `import`. */
export const IMPORT_SEMI_SPACE_MB = 8;

const HEAP_OPTION = /^--max[-_]old[-_]space[-_]size\b/;
const SEMI_SPACE_OPTION = /^--(max|min)[-_]semi[-_]space[-_]size\b/;

/**
 * The options to add for `command` (the first argument of `npx shouwang`): none, or for `import`
 * a heap cap and a semi-space size, each unless `execArgv` or `nodeOptions` already set one.
 */
export function commandNodeFlags(command, execArgv = [], nodeOptions = '') {
  if (command !== 'import') return [];
  const given = [...execArgv, ...nodeOptions.split(/\s+/)];
  return [
    ...(given.some((a) => HEAP_OPTION.test(a)) ? [] : [`--max-old-space-size=${IMPORT_HEAP_MB}`]),
    ...(given.some((a) => SEMI_SPACE_OPTION.test(a)) ? [] : [`--max-semi-space-size=${IMPORT_SEMI_SPACE_MB}`]),
  ];
}
