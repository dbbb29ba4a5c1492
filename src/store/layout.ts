/**
 * The journal on disk (DESIGN.md, "the contract"): the names every part of intimacy agrees on.
 * Entries have their own module (naming.ts); everything else is here.
 */

/** The shared settings, committed and seen by both partners. */
export const SETTINGS_FILE = 'intimacy.yaml';

/** The journal's own templates, committed, so both partners get them. */
export const TEMPLATES_DIR = 'templates';

/** This computer only, never committed (git-ignored): drafts, caches, private entries. */
export const STATE_DIR = '.intimacy';

/** Present, and naming the intimacy filter, when the journal is encrypted. */
export const ATTRIBUTES_FILE = '.gitattributes';

/** The journal key, inside this clone's git folder (Git.gitPath): never in the working tree. */
export const KEY_PATH = 'intimacy/key';
