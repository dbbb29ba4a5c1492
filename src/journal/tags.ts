import { hasControl, unsafeCharacterWords } from '../store/control-chars.js';

/** Why a --tag value is refused, or undefined when it is fine. */
export function validateTags(tags: string[]): string | undefined {
  for (const tag of tags) {
    if (tag.trim() === '') return '--tag needs a word.';
    if (hasControl(tag)) return `A tag cannot hold ${unsafeCharacterWords(tag)}.`;
    if (/[\s,]/.test(tag.trim())) return `A tag is one word without spaces or commas: "${tag}".`;
    if (tag.length > 60) return `A tag can be at most 60 characters: "${tag.slice(0, 20)}…".`;
  }
  return undefined;
}
