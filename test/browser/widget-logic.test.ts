import { describe, expect, it } from '@jest/globals';
import {
  contrastRatio,
  parseHexColour,
  readableTextColour,
} from '../../src/widget/shared/colour-contrast.js';
import { readFrameToHost, readHostToFrame, wrap } from '../../src/widget/shared/host-frame-messages.js';
import { frameUrl, readLoaderOptions } from '../../src/widget/loader/loader-options.js';
import { renderAnswerText } from '../../src/dialogue/answers/render-answer-text.js';
import { layoutAnswer } from '../../src/widget/frame/answer-blocks.js';
import { ChatSessionStore, OUTBOX_KEY, SESSION_KEY } from '../../src/widget/frame/chat-session-store.js';
import { ChatTimeline } from '../../src/widget/frame/chat-timeline.js';
import { memoryStorage } from '../../src/widget/frame/key-value-storage.js';
import { isAnswer, safeLinkHref } from '../../src/widget/frame/message-view.js';
import {
  BACKOFF_MAX_MS,
  closeVerdict,
  ReconnectBackoff,
  STABLE_CONNECTION_MS,
} from '../../src/widget/frame/reconnect-backoff.js';
import { parseServerFrame } from '../../src/protocol/chat-frames.js';
import { NO_HANDOFF } from '../../src/protocol/handoff-view.js';
import type { Message as ChatMessage } from '../../src/protocol/message.js';

function message(seq: number, overrides: Partial<ChatMessage> = {}): ChatMessage {
  return {
    seq,
    from: 'bot',
    text: `message ${seq}`,
    lang: 'ro',
    procedure: null,
    confidence: null,
    sources: [],
    suggestions: [],
    sections: [],
    authorName: null,
    clientMsgId: null,
    createdAt: '2025-03-03T09:15:02.114Z',
    ...overrides,
  };
}

describe('ChatTimeline', () => {
  it('keeps messages in seq order and reports where each one goes', () => {
    const timeline = new ChatTimeline();
    expect(timeline.add(message(1))).toEqual({ kind: 'added', index: 0, settledClientMsgId: null });
    expect(timeline.add(message(3))).toEqual({ kind: 'added', index: 1, settledClientMsgId: null });
    expect(timeline.add(message(2))).toEqual({ kind: 'added', index: 1, settledClientMsgId: null });
    expect(timeline.lastSeq).toBe(3);
    expect(timeline.size).toBe(3);
  });

  it('ignores a seq it already has (a replay racing a late frame)', () => {
    const timeline = new ChatTimeline();
    timeline.add(message(1));
    expect(timeline.add(message(1, { text: 'again' }))).toEqual({ kind: 'duplicate' });
    expect(timeline.get(1)?.text).toBe('message 1');
  });

  it("settles the citizen's pending message when it comes back stored", () => {
    const timeline = new ChatTimeline();
    const arrival = timeline.add(message(1, { from: 'citizen', clientMsgId: 'w-1' }));
    expect(arrival).toEqual({ kind: 'added', index: 0, settledClientMsgId: 'w-1' });
  });

  it('offers quick replies only from a last message that is not the citizen’s', () => {
    const timeline = new ChatTimeline();
    timeline.add(message(1, { suggestions: [{ label: 'Ce acte?', value: 'followup:documents' }] }));
    expect(timeline.lastReply()?.seq).toBe(1);
    timeline.add(message(2, { from: 'citizen', clientMsgId: 'w-2' }));
    expect(timeline.lastReply()).toBeUndefined();
    timeline.clear();
    expect(timeline.lastSeq).toBe(0);
  });
});

describe('ReconnectBackoff', () => {
  it('doubles from 0.5 s up to 30 s with ±30 % jitter', () => {
    const low = new ReconnectBackoff(() => 0);
    const high = new ReconnectBackoff(() => 1);
    const lows = Array.from({ length: 10 }, () => low.next());
    const highs = Array.from({ length: 10 }, () => high.next());
    expect(lows.slice(0, 4)).toEqual([350, 700, 1400, 2800]);
    expect(highs.slice(0, 4)).toEqual([650, 1300, 2600, 5200]);
    expect(highs.at(-1)).toBe(BACKOFF_MAX_MS * 1.3);
    expect(lows.at(-1)).toBe(BACKOFF_MAX_MS * 0.7);
  });

  it('starts over after a connection that stayed up for a minute, not after a short one', () => {
    const backoff = new ReconnectBackoff(() => 0.5);
    backoff.next();
    backoff.next();
    backoff.connectionEnded(STABLE_CONNECTION_MS - 1);
    expect(backoff.next()).toBe(2000);
    backoff.connectionEnded(STABLE_CONNECTION_MS);
    expect(backoff.next()).toBe(500);
  });

  it('waits at least 30 s after "too many connections" (4008)', () => {
    const verdict = closeVerdict(4008);
    expect(verdict).toEqual({ retry: true, minimumMs: 30_000 });
    const backoff = new ReconnectBackoff(() => 0);
    expect(backoff.next(verdict.retry ? verdict.minimumMs : 0)).toBe(30_000);
  });

  it('reconnects after 1006, 1011, 1012 and 4001, never after 4000 (version) or 4003 (origin)', () => {
    for (const code of [1006, 1009, 1011, 1012, 4001])
      expect(closeVerdict(code)).toEqual({ retry: true, minimumMs: 0 });
    expect(closeVerdict(4000)).toEqual({ retry: false, reason: 'version' });
    expect(closeVerdict(4003)).toEqual({ retry: false, reason: 'origin' });
  });
});

describe('colour contrast', () => {
  it('accepts only hex colours', () => {
    expect(parseHexColour('#0A4F8F')).toBe('#0a4f8f');
    expect(parseHexColour('#abc')).toBe('#aabbcc');
    expect(parseHexColour('red')).toBeUndefined();
    expect(parseHexColour('#000;background:url(https://evil.example)')).toBeUndefined();
    expect(parseHexColour(undefined)).toBeUndefined();
  });

  it('replaces a requested text colour that would fall below 4.5:1', () => {
    expect(readableTextColour('#0a4f8f', '#ffffff')).toBe('#ffffff');
    expect(readableTextColour('#ffd500', '#ffffff')).toBe('#1a1a1a');
    expect(readableTextColour('#ffd500')).toBe('#1a1a1a');
    expect(contrastRatio('#0a4f8f', '#ffffff')).toBeGreaterThan(7);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });
});

describe('loader options', () => {
  const src = 'https://antonia.primariaclujnapoca.ro/widget.js';

  it('reads the data- attributes of the script tag', () => {
    const options = readLoaderOptions(
      { lang: 'hu', position: 'left', color: '#123456', textColor: '#ffffff', title: 'Chat', open: 'true' },
      src,
    );
    expect(options).toEqual({
      serviceOrigin: 'https://antonia.primariaclujnapoca.ro',
      lang: 'hu',
      position: 'left',
      colour: '#123456',
      textColour: '#ffffff',
      title: 'Chat',
      startOpen: true,
    });
  });

  it('falls back to safe defaults for missing or unknown values', () => {
    const options = readLoaderOptions(
      { lang: 'de', position: 'top', color: 'expression(alert(1))' },
      src,
      'en-GB',
    );
    expect(options).toMatchObject({ lang: 'ro', position: 'right', colour: '#0a4f8f', startOpen: false });
    expect(readLoaderOptions({}, src, 'en-GB').lang).toBe('en');
  });

  it('points the frame at the service with the host page origin', () => {
    const url = new URL(frameUrl(readLoaderOptions({ lang: 'en' }, src), 'https://primariaclujnapoca.ro'));
    expect(url.origin).toBe('https://antonia.primariaclujnapoca.ro');
    expect(url.pathname).toBe('/widget/frame');
    expect(url.searchParams.get('parent')).toBe('https://primariaclujnapoca.ro');
    expect(url.searchParams.get('lang')).toBe('en');
  });
});

describe('host ↔ frame messages', () => {
  it('accepts only our namespace and version', () => {
    expect(readFrameToHost(wrap({ type: 'close' }))).toEqual({ type: 'close' });
    expect(readHostToFrame(wrap({ type: 'opened' }))).toEqual({ type: 'opened' });
    expect(readFrameToHost({ ns: 'other', v: 1, body: { type: 'close' } })).toBeUndefined();
    expect(readFrameToHost({ ns: 'antonia-widget', v: 2, body: { type: 'close' } })).toBeUndefined();
    expect(readFrameToHost('close')).toBeUndefined();
    expect(readHostToFrame(wrap({ type: 'close' }))).toBeUndefined();
  });

  it('checks and bounds the unread count', () => {
    expect(readFrameToHost(wrap({ type: 'unread', count: 3 }))).toEqual({ type: 'unread', count: 3 });
    expect(readFrameToHost(wrap({ type: 'unread', count: 500 }))).toEqual({ type: 'unread', count: 99 });
    expect(readFrameToHost(wrap({ type: 'unread', count: -1 }))).toBeUndefined();
    expect(readFrameToHost(wrap({ type: 'unread', count: '2' }))).toBeUndefined();
  });

  it('passes on only the widget languages', () => {
    expect(readFrameToHost(wrap({ type: 'lang', lang: 'hu' }))).toEqual({ type: 'lang', lang: 'hu' });
    expect(readFrameToHost(wrap({ type: 'lang', lang: 'de' }))).toBeUndefined();
    expect(readFrameToHost(wrap({ type: 'lang', lang: ['en'] }))).toBeUndefined();
    expect(readFrameToHost(wrap({ type: 'lang' }))).toBeUndefined();
  });
});

describe('which messages are rated', () => {
  it('asks for thumbs only under a bot answer about a procedure', () => {
    expect(isAnswer({ from: 'bot', procedure: 'carte-identitate' })).toBe(true);
    expect(isAnswer({ from: 'bot', procedure: null })).toBe(false); // "which one?", offers, handoff notices
    expect(isAnswer({ from: 'clerk', procedure: null })).toBe(false);
    expect(isAnswer({ from: 'citizen', procedure: 'carte-identitate' })).toBe(false);
  });
});

describe('ChatSessionStore', () => {
  it('keeps the outbox until each entry is settled, in order', () => {
    const store = new ChatSessionStore(memoryStorage());
    store.enqueue({ clientMsgId: 'w-1', kind: 'message', text: 'unu', lang: 'ro' });
    store.enqueue({
      clientMsgId: 'w-2',
      kind: 'action',
      text: 'Ce acte?',
      value: 'followup:documents',
      lang: 'ro',
    });
    store.enqueue({ clientMsgId: 'w-1', kind: 'message', text: 'unu', lang: 'ro' });
    expect(store.outbox().map((entry) => entry.clientMsgId)).toEqual(['w-2', 'w-1']);
    expect(store.settle('w-2')).toBe(true);
    expect(store.settle('w-2')).toBe(false);
    expect(store.outbox().map((entry) => entry.clientMsgId)).toEqual(['w-1']);
  });

  it('never lowers the stored lastSeq (another tab may be ahead)', () => {
    const store = new ChatSessionStore(memoryStorage());
    store.saveSession({ conversationId: 'c-1', token: 't', lastSeq: 5 });
    store.advanceLastSeq('c-1', 3);
    expect(store.session()?.lastSeq).toBe(5);
    store.advanceLastSeq('c-1', 8);
    store.advanceLastSeq('c-other', 20);
    expect(store.session()?.lastSeq).toBe(8);
  });

  it('treats corrupt stored values as absent', () => {
    const storage = memoryStorage();
    storage.set(SESSION_KEY, '{"conversationId":1}');
    storage.set(OUTBOX_KEY, 'not json');
    storage.set('antonia:lang', 'de');
    const store = new ChatSessionStore(storage);
    expect(store.session()).toBeUndefined();
    expect(store.outbox()).toEqual([]);
    expect(store.lang()).toBeUndefined();
  });
});

describe('server frames', () => {
  it('parses the frames of docs/protocol.md', () => {
    const welcome = parseServerFrame(
      JSON.stringify({
        type: 'welcome',
        conversationId: 'c',
        token: 't',
        seq: 0,
        lang: 'ro',
        handoff: NO_HANDOFF,
      }),
    );
    expect(welcome?.type).toBe('welcome');
    expect(parseServerFrame(JSON.stringify({ type: 'message', ...message(2) }))).toMatchObject({ seq: 2 });
    expect(parseServerFrame(JSON.stringify({ type: 'ack', clientMsgId: 'w-1', seq: 1 }))).toEqual({
      type: 'ack',
      clientMsgId: 'w-1',
      seq: 1,
    });
  });

  it('rejects what is not a valid frame', () => {
    expect(parseServerFrame('{')).toBeUndefined();
    expect(parseServerFrame(JSON.stringify({ type: 'message', seq: 'x' }))).toBeUndefined();
    expect(parseServerFrame(JSON.stringify({ type: 'surprise' }))).toBeUndefined();
    expect(parseServerFrame(new ArrayBuffer(2))).toBeUndefined();
  });
});

describe('source links', () => {
  it('allows http(s) only', () => {
    expect(safeLinkHref('https://primariaclujnapoca.ro/a b')).toBe('https://primariaclujnapoca.ro/a%20b');
    expect(safeLinkHref('http://www.djepcluj.ro/')).toBe('http://www.djepcluj.ro/');
    expect(safeLinkHref('javascript:alert(1)')).toBeUndefined();
    expect(safeLinkHref('data:text/html,<script>alert(1)</script>')).toBeUndefined();
    expect(safeLinkHref('/relative')).toBeUndefined();
  });
});

describe('layoutAnswer', () => {
  const sections = [
    { title: 'Documente necesare', lines: ['Cererea', 'Certificatul de naștere, în original'] },
    { title: 'Taxe', lines: ['7 lei'] },
  ];
  const sources = [
    {
      title: 'Primăria Cluj-Napoca – Acte de identitate',
      url: 'https://primariaclujnapoca.ro/evidenta-persoanelor/',
    },
    { title: 'DJEP Cluj', url: 'http://www.djepcluj.ro/' },
  ];

  it("shows the dialogue's plain-text answer as paragraphs and headed lists, its source list as links", () => {
    // The text exactly as the dialogue writes it for text-only channels.
    const text = renderAnswerText({
      summary: 'Cartea de identitate se eliberează la str. Moților nr. 5.',
      sections,
      notices: ['Această informație nu este tradusă.'],
      sources,
      lastReviewed: '2025-03-01',
      lang: 'ro',
    });
    const layout = layoutAnswer({ text, sections, sources });
    expect(layout.blocks).toEqual([
      { kind: 'paragraph', text: 'Cartea de identitate se eliberează la str. Moților nr. 5.' },
      { kind: 'section', links: [], ...sections[0], collapsed: false },
      { kind: 'section', links: [], ...sections[1], collapsed: false },
      { kind: 'paragraph', text: 'Această informație nu este tradusă.' },
    ]);
    expect(layout.footnote).toMatch(/2025-03-01/);
    expect(layout.sourcesHeading).toBe('Surse');
  });

  it('collapses the sections of an overview (three or more), each one a tap away', () => {
    const overview = [...sections, { title: 'Unde', lines: ['Str. Moților nr. 5'] }];
    const text = renderAnswerText({
      summary: 'Cartea de identitate se eliberează la str. Moților nr. 5.',
      sections: overview,
      notices: [],
      sources,
      lastReviewed: '2025-03-01',
      lang: 'ro',
    });
    const layout = layoutAnswer({ text, sections: overview, sources });
    expect(layout.blocks.filter((block) => block.kind === 'section')).toEqual(
      overview.map((section) => ({ kind: 'section', links: [], ...section, collapsed: true })),
    );
  });

  it('adds sections the text does not contain after it, and keeps unrecognised text as it is', () => {
    const layout = layoutAnswer({
      text: 'Un răspuns scris.\n\nSurse:\n[1] Altceva — https://other.example/',
      sections,
      sources,
    });
    expect(layout.blocks).toEqual([
      { kind: 'paragraph', text: 'Un răspuns scris.' },
      { kind: 'paragraph', text: 'Surse:\n[1] Altceva — https://other.example/' },
      { kind: 'section', links: [], ...sections[0], collapsed: false },
      { kind: 'section', links: [], ...sections[1], collapsed: false },
    ]);
    expect(layout.footnote).toBeNull();
  });
});
