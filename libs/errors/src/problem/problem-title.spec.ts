import { problemTitle } from './problem-title.js';

describe('problemTitle', () => {
  const summary = { text: '… must be an email.', tag: 'en' };

  it('is the main problem summary when the answer holds one problem', () => {
    expect(problemTitle(summary, 400, 1, 'en')).toEqual({ text: '… must be an email.', tags: ['en'] });
  });

  it('says how many more problems an answer holds, in the locale when the library speaks it', () => {
    expect(problemTitle(summary, 400, 2, 'en')).toEqual({
      text: '… must be an email. (and 1 more problem)',
      tags: ['en'],
    });
    expect(problemTitle({ text: '… muss eine E-Mail-Adresse sein.', tag: 'de' }, 400, 4, 'de-CH')).toEqual({
      text: '… muss eine E-Mail-Adresse sein. (und 3 weitere Probleme)',
      tags: ['de'],
    });
    expect(problemTitle({ text: '… doit être un e-mail.', tag: 'fr' }, 400, 3, 'fr')).toEqual({
      text: '… doit être un e-mail. (and 2 more problems)',
      tags: ['fr', 'en'],
    });
  });

  it('sums up a code the registry does not know by the status phrase', () => {
    expect(problemTitle(undefined, 422, 1, 'de')).toEqual({ text: 'Unprocessable Entity', tags: ['en'] });
  });
});
