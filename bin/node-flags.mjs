// The Node options a command of `npx shouwang` runs with, beyond those it was started with.
//
// `import` caps the V8 heap at IMPORT_HEAP_MB. The cap is not what bounds the import — a
// million-person roster keeps about 100 MB live — but V8 chooses how far its heap may grow
// between two collections from it: with the default limit of a large machine (2 GB and more) up
// to four times what is live, with 1 GB at most about 1.6 times. Without the cap a million-person
// import reached 570–690 MB peak RSS, mostly garbage not yet collected (bench/README.md).
// A limit given by the caller (NODE_OPTIONS or node's own options) is left as it is.

/** The V8 heap cap (MB) of `import`. */
export const IMPORT_HEAP_MB = 1024;

const HEAP_OPTION = /^--max[-_]old[-_]space[-_]size\b/;

/**
 * The options to add for `command` (the first argument of `npx shouwang`): none, or a heap cap
 * for `import` unless `execArgv` or `nodeOptions` already set one.
 */
export function commandNodeFlags(command, execArgv = [], nodeOptions = '') {
  if (command !== 'import') return [];
  if ([...execArgv, ...nodeOptions.split(/\s+/)].some((a) => HEAP_OPTION.test(a))) return [];
  return [`--max-old-space-size=${IMPORT_HEAP_MB}`];
}
