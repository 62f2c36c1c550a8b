import { expect } from '@jest/globals';
import type { FastifyInstance } from 'fastify';
import type { Message } from '../../../src/protocol/message.js';
import { SECTION_TITLES } from '../../../src/dialogue/canned-replies.js';
import type { Facet } from '../../../src/dialogue/facets.js';
import type { Lang } from '../../../src/language.js';

/**
 * Conversation transcripts that read like the conversation itself:
 *
 *   const citizen = await given.aCitizen(app, 'ro');
 *   then(await citizen.says('Cum îmi fac buletinul?')).answers('carte-identitate').withSections('documents');
 *
 * Everything goes through the REST API (app.inject); the pipeline status is read from the stored
 * message's meta, as a clerk or an evaluation would.
 */
export interface Turn {
  httpStatus: number;
  body: { messages: Message[]; duplicate?: boolean };
  /** The citizen's stored message. */
  citizen: Message;
  /** The bot's answer (undefined when the bot stayed silent). */
  reply?: Message;
  /** The pipeline status recorded with the answer (or on the citizen message when silent). */
  status?: string;
  meta?: Record<string, unknown>;
}

export class Citizen {
  constructor(
    readonly app: FastifyInstance,
    readonly conversationId: string,
    readonly token: string,
    readonly lang: Lang,
  ) {}

  says(text: string, clientMsgId?: string): Promise<Turn> {
    return this.send({ text, ...(clientMsgId ? { clientMsgId } : {}) });
  }

  clicks(suggestion: { value: string }): Promise<Turn> {
    return this.send({ action: suggestion.value });
  }

  /** A thumbs up/down on an answer; returns what the bot said about it (the offer of a clerk, if any). */
  async rates(answer: Message, rating: 'up' | 'down'): Promise<Message[]> {
    const response = await this.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${this.conversationId}/feedback`,
      headers: { authorization: `Bearer ${this.token}` },
      payload: { seq: answer.seq, rating },
    });
    expect(response.statusCode).toBe(200);
    return response.json().messages;
  }

  async reads(after = 0): Promise<Message[]> {
    const response = await this.app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${this.conversationId}/messages?after=${after}`,
      headers: { authorization: `Bearer ${this.token}` },
    });
    expect(response.statusCode).toBe(200);
    return response.json().messages;
  }

  private async send(body: Record<string, unknown>): Promise<Turn> {
    const response = await this.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${this.conversationId}/messages`,
      headers: { authorization: `Bearer ${this.token}` },
      payload: body,
    });
    if (response.statusCode !== 200)
      throw new Error(`POST messages → ${response.statusCode}: ${response.body}`);
    const parsed = response.json() as Turn['body'];
    const citizen = parsed.messages.find((message) => message.from === 'citizen')!;
    const reply = parsed.messages.filter((message) => message.from === 'bot').at(-1);
    const meta = await metaOf(this.app, this.conversationId, (reply ?? citizen).seq);
    return {
      httpStatus: response.statusCode,
      body: parsed,
      citizen,
      reply,
      status: meta?.status as string,
      meta,
    };
  }
}

async function metaOf(app: FastifyInstance, conversationId: string, seq: number) {
  const { rows } = await app.db.query<{ meta: Record<string, unknown> }>(
    'SELECT meta FROM messages WHERE conversation_id = $1 AND seq = $2',
    [conversationId, seq],
  );
  return rows[0]?.meta;
}

export const given = {
  async aCitizen(app: FastifyInstance, lang: Lang = 'ro'): Promise<Citizen> {
    const response = await app.inject({ method: 'POST', url: '/api/v1/conversations', payload: { lang } });
    expect(response.statusCode).toBe(201);
    const { conversationId, token } = response.json();
    return new Citizen(app, conversationId, token, lang);
  },
};

/** Assertions on a turn, about behaviour (procedure, status, sections), never about wording. */
export function then(turn: Turn) {
  const lang = turn.reply?.lang ?? turn.citizen.lang;
  // A facet's folded details (section.collapsed, e.g. where's notes) belong to the facet above them.
  const sectionTitles = () =>
    (turn.reply?.sections ?? []).filter((section) => !section.collapsed).map((section) => section.title);
  const assertions = {
    hasStatus(status: string) {
      expect({ status: turn.status, text: turn.reply?.text }).toMatchObject({ status });
      return assertions;
    },
    answers(slug: string) {
      assertions.hasStatus('answered');
      expect(turn.reply?.procedure).toBe(slug);
      expect(turn.reply?.sources.length).toBeGreaterThan(0);
      return assertions;
    },
    inLanguage(expected: Lang) {
      expect(turn.reply?.lang).toBe(expected);
      return assertions;
    },
    withSections(...facets: Facet[]) {
      expect(sectionTitles()).toEqual(
        expect.arrayContaining(facets.map((facet) => SECTION_TITLES[facet][lang])),
      );
      return assertions;
    },
    withOnlySections(...facets: Facet[]) {
      expect(sectionTitles()).toEqual(facets.map((facet) => SECTION_TITLES[facet][lang]));
      return assertions;
    },
    offers(...values: string[]) {
      expect(turn.reply?.suggestions.map((suggestion) => suggestion.value)).toEqual(
        expect.arrayContaining(values),
      );
      return assertions;
    },
    isSilent() {
      expect(turn.reply).toBeUndefined();
      expect(turn.status).toBe('silent_with_clerk');
      return assertions;
    },
  };
  return assertions;
}
