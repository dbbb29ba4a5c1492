import { sealName, unseal } from '../decks/seal.js';
import type { Journal } from '../journal/journal.js';
import { authorAsWritten, authorName } from '../store/authors.js';
import type { Entry } from '../store/entry.js';
import { sealedKey } from '../store/sealed-keys.js';
import { loadTemplates, loadTemplatesNamed } from '../templates/load.js';
import { templateNames } from '../ui/render/describe.js';
import type { RenderContext } from '../ui/render/view.js';

/**
 * What the reading views need to show entries in the template's own words: every template the
 * journal knows (a broken one is left out, and its entries read field by field), and the names
 * the journal knows its partners by. Given the entries to be shown, only their templates are
 * read (a show of one entry parses one template, not all of them).
 */
export async function renderContextFor(
  journal: Pick<Journal, 'dir' | 'settings'>,
  shown?: Entry[],
  /** entries described as data (--json): authors as written, not escaped for a listing */
  forData = false,
): Promise<RenderContext> {
  const set = shown
    ? await loadTemplatesNamed(journal.dir, shown.flatMap(templateNames))
    : await loadTemplates(journal.dir);
  return {
    templates: new Map([...set.templates].map(([name, loaded]) => [name, loaded.template])),
    // An earlier name reads as the partner it now stands for.
    nameOf: (author) => (forData ? authorAsWritten : authorName)(journal.settings, author),
    // Only this computer's own sealed answers have their key here: the partner's stay sealed.
    ownSealed: (entry) => {
      const sealed = entry.fields.sealed;
      if (typeof sealed !== 'string') return undefined;
      const key = sealedKey(journal.dir, sealName(sealed));
      return key === undefined ? undefined : unseal(sealed, key);
    },
  };
}
