import { describe, expect, it } from 'vitest';
import { contentTaxonomy, inSentence, unknownId } from './taxonomy';
import { defaultPlaybook } from '../../../test/support/default-playbook';

const playbook = defaultPlaybook();

describe('contentTaxonomy', () => {
  it('maps each facet id to its label, in playbook order', () => {
    const taxonomy = contentTaxonomy(playbook);
    expect([...taxonomy.buyerStages.keys()]).toEqual(['awareness', 'consideration', 'decision', 'expansion']);
    expect(taxonomy.objections.get('roi')).toBe('ROI');
    expect(taxonomy.formats.get('case-study')).toBe('Case study');
  });
});

describe('unknownId', () => {
  it('names the id and lists the known ones', () => {
    const known = new Map([
      ['deck', 'Deck'],
      ['video', 'Video'],
    ]);
    expect(unknownId('format', 'pdf', known)).toBe('unknown format "pdf" (known: deck, video)');
  });
});

describe('inSentence', () => {
  it.each([
    ['lower-cases a capitalised word', 'Price', 'price'],
    ['keeps an acronym', 'ROI', 'ROI'],
    ['lower-cases only the first letter', 'Case study', 'case study'],
    ['keeps a one-letter label readable', 'X', 'x'],
  ])('%s', (_name, label, expected) => {
    expect(inSentence(label)).toBe(expected);
  });
});
