/** The scripted conversations of `bench:dialogue` and `bench:turn-cpu`. */
import { randomBytes } from 'node:crypto';
import type { CitizenInput } from '../../src/dialogue/dialogue-contract.js';

/** A turn: what the citizen types, or "click the n-th quick reply of the last answer". */
export type ScriptTurn = string | { click: number };

/**
 * What a script turn sends: its text, or the value of the n-th quick reply of the last answer (the
 * identity card when that answer offered none), with a fresh client message id as a widget sends.
 */
export function scriptInput(turn: ScriptTurn, suggestions: ReadonlyArray<{ value: string }>): CitizenInput {
  const input: CitizenInput =
    typeof turn === 'string'
      ? { text: turn }
      : { action: suggestions[turn.click]?.value ?? 'procedure:carte-identitate' };
  return { ...input, clientMsgId: randomBytes(8).toString('hex') };
}

/** Conversations as citizens hold them: greetings, questions, follow-ups, choices, misses, switches. */
export const SCRIPTS: Array<{ lang: 'ro' | 'en' | 'hu'; turns: ScriptTurn[] }> = [
  {
    lang: 'ro',
    turns: [
      'Bună ziua!',
      'Cum îmi fac buletinul?',
      'și cât costă?',
      'unde depun?',
      'ce acte trebuie?',
      'mulțumesc',
    ],
  },
  { lang: 'ro', turns: ['certificat', { click: 0 }, 'cât durează?', 'e online?'] },
  {
    lang: 'ro',
    turns: [
      'vreau sa platesc impozitul pe casa',
      'se poate online?',
      'și cât costă pașaportul?',
      'unde merg?',
    ],
  },
  {
    lang: 'ro',
    turns: [
      'care e cel mai bun restaurant din oras?',
      'cum repar bicicleta?',
      'ok, cum ma casatoresc?',
      'ce acte?',
    ],
  },
  {
    lang: 'en',
    turns: [
      'Hello',
      'How do I register a birth?',
      'how much does it cost?',
      'where do I submit it?',
      'thanks',
    ],
  },
  {
    lang: 'hu',
    turns: ['Jó napot!', 'Mennyibe kerül az új személyi igazolvány?', 'hol kell beadni?', 'köszönöm'],
  },
];
