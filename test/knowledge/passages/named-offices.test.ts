import { describe, expect, it } from '@jest/globals';
import { composeAnswer } from '../../../src/dialogue/answers/compose-answer.js';
import { composePassageAnswer } from '../../../src/dialogue/answers/compose-passage-answer.js';
import { findDetailCues } from '../../../src/knowledge/passages/detail-cues.js';
import { namedOffices, sentenceOffice } from '../../../src/knowledge/passages/named-offices.js';
import { passageConfig } from '../../../src/knowledge/passages/passage-config.js';
import { rankPassages } from '../../../src/knowledge/passages/rank-passages.js';
import type { Lang } from '../../../src/language.js';
import { knowledge, procedure } from '../../support/knowledge-base.js';

const config = passageConfig();
const quoted = (question: string, lang: Lang, slug: string) =>
  rankPassages(question, lang, procedure(slug), config).answer.map((scored) => scored.passage.text);
const cueNames = (question: string, lang: Lang) =>
  findDetailCues(question, config, lang).map((cue) => cue.name);

describe('named offices', () => {
  it('reads the offices a question names, in the three languages', () => {
    const names = (text: string, lang: Lang) => namedOffices(text, config, lang).map((office) => office.name);
    expect(names('Joia până la ce oră e deschisă registratura?', 'ro')).toEqual(['registry']);
    expect(names('What time does the public events office close?', 'en')).toEqual(['publicEvents']);
    expect(names('Meddig van nyitva a pénztár?', 'hu')).toEqual(['registry']);
    expect(names('Ce program are starea civilă?', 'ro')).toEqual(['civilStatus']);
  });

  it('links every office to a department of departments.yaml', () => {
    const ids = new Set(knowledge.departments.map((department) => department.id));
    for (const office of Object.values(config.offices)) {
      if (office.department !== undefined) expect(ids).toContain(office.department);
    }
  });

  it('takes the office a sentence names first as the one it is about', () => {
    expect(
      sentenceOffice('Primăriile de cartier (registratură și casierie) au program luni–miercuri', config),
    ).toBe('neighbourhoodTownHalls');
    expect(sentenceOffice('Registratură și casierie: luni–miercuri 08:30–16:30', config)).toBe('registry');
    expect(sentenceOffice('Luni–miercuri 08:00–16:00, joi 08:00–17:30', config)).toBeUndefined();
  });

  it("quotes the named office's hours, not another office's on the same street", () => {
    const [first] = quoted(
      'Joia până la ce oră e deschisă registratura de pe strada Moților?',
      'ro',
      'registratura-program',
    );
    expect(first).toMatch(/Registratură și casierie: .*joi 08:30–18:30/);
    const all = quoted(
      'Joia până la ce oră e deschisă registratura de pe strada Moților?',
      'ro',
      'registratura-program',
    );
    expect(all.join(' ')).not.toMatch(/Evenimente Publice/);
  });

  it("gives the named office's contact, never another office's hours, when the file has none for it", () => {
    const found = procedure('registratura-program');
    const question = 'Ce program are vinerea ghișeul de stare civilă?';
    const ranking = rankPassages(question, 'ro', found, config);
    expect(ranking.answer).toEqual([]);
    const department = knowledge.departments.find((entry) => entry.id === 'stare-civila');
    expect(department).toBeDefined();
    const answer = composePassageAnswer(
      composeAnswer(found, ['where'], 'ro', { overviewListLines: 5 }),
      found,
      ranking,
      'ro',
      ['where'],
      [department!],
    );
    const contact = answer.sections[0];
    expect(contact.title).toMatch(/Stare Civilă/);
    expect(contact.lines.join(' ')).toMatch(/nu apare în sursele mele verificate/);
    expect(contact.lines.join(' ')).toMatch(/0264 596 030/);
    expect(answer.shown).toContain('not_found');
  });
});

describe('detail cues asked in so many words', () => {
  it('reads validity when it is asked, not when "valabil" describes a paper the citizen has', () => {
    expect(cueNames('Cât timp e valabil cazierul judiciar?', 'ro')).toContain('validity');
    expect(cueNames('Is the fiscal certificate still valid?', 'en')).toContain('validity');
    expect(cueNames('Meddig érvényes az igazolás?', 'hu')).toContain('validity');
    expect(cueNames('Cu buletinul valabil, pot cere duplicatul prin împuternicit?', 'ro')).not.toContain(
      'validity',
    );
    expect(cueNames('Can I apply with a valid passport?', 'en')).not.toContain('validity');
    expect(cueNames('Érvényes személyivel kérhetem?', 'hu')).not.toContain('validity');
  });

  it('reads a contest or a dispute in the three languages', () => {
    expect(cueNames('În câte zile pot face plângere împotriva amenzii?', 'ro')).toContain('contest');
    expect(cueNames('How do I contest a fine?', 'en')).toContain('contest');
    expect(cueNames('Meddig fellebbezhetek a bírság ellen?', 'hu')).toContain('contest');
  });

  it('answers "in how many days can I complain" with the term of the complaint', () => {
    expect(
      quoted('În câte zile pot face plângere împotriva amenzii?', 'ro', 'amenzi-plata-contestare')[0],
    ).toMatch(/judecătoria.*15 zile/);
  });

  it('does not take a word the question itself says as the answer ("amenda" in a file about fines)', () => {
    const [first] = quoted('Ce se întâmplă dacă nu plătesc amenda la timp?', 'ro', 'amenzi-plata-contestare');
    expect(first).toMatch(/executată silit|suma întreagă/);
  });

  it('reads a contest cue only where the message asks, not in the story told before', () => {
    const ranking = rankPassages(
      'Am primit o amendă și nu vreau s-o contest la judecătorie. Pot plăti mai puțin dacă plătesc repede?',
      'ro',
      procedure('amenzi-plata-contestare'),
      config,
    );
    expect(ranking.cues.map((cue) => cue.name)).not.toContain('contest');
  });

  it('keeps an answer word the question says when the file is not named by it (the month of a date)', () => {
    expect(
      quoted(
        'Până când trebuie să depun cererea de ajutor la încălzire ca să-l primesc din noiembrie?',
        'ro',
        'ajutor-incalzire',
      ).join(' '),
    ).toMatch(/20 noiembrie/);
  });
});
