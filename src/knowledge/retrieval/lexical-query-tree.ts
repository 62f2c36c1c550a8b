/**
 * The tsqueries the lexical channel builds (lexical-matching.ts: `wordQueries`, `phraseQueries`),
 * parsed so the in-process index (chunk-index.ts) can evaluate them with PostgreSQL's semantics:
 * a lexeme matches a chunk whose tsvector holds it; `|` is OR; `a <N> b` matches when some position
 * of `a` is exactly N before some position of `b`, where either side may be an OR of lexemes (its
 * positions are the union). Anything else (`&`, `!`, prefixes, weights, nested phrases) is not
 * produced by the channel and is rejected rather than guessed at.
 */
export type LexicalQueryTree =
  | { kind: 'lexeme'; lexeme: string }
  | { kind: 'or'; children: LexicalQueryTree[] }
  | { kind: 'phrase'; left: string[]; right: string[]; distance: number };

const TOKEN = /\s*(\(|\)|\||<->|<\d+>|[a-z0-9]+)/y;

export function parseLexicalQuery(query: string): LexicalQueryTree {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < query.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(query);
    if (!match) {
      if (query.slice(start).trim() === '') break;
      throw new Error(`unsupported lexical query at "${query.slice(start)}": ${query}`);
    }
    tokens.push(match[1]!);
  }
  let next = 0;
  const peek = () => tokens[next];
  const fail = (): never => {
    throw new Error(`unsupported lexical query: ${query}`);
  };

  const parseOr = (): LexicalQueryTree => {
    const children = [parsePhrase()];
    while (peek() === '|') {
      next += 1;
      children.push(parsePhrase());
    }
    return children.length === 1 ? children[0]! : { kind: 'or', children };
  };
  const parsePhrase = (): LexicalQueryTree => {
    const left = parsePrimary();
    const operator = peek();
    if (operator === undefined || !operator.startsWith('<')) return left;
    next += 1;
    const distance = operator === '<->' ? 1 : Number(operator.slice(1, -1));
    const right = parsePrimary();
    if (peek()?.startsWith('<')) fail();
    return { kind: 'phrase', left: lexemesOf(left), right: lexemesOf(right), distance };
  };
  const parsePrimary = (): LexicalQueryTree => {
    const token = peek() ?? fail();
    next += 1;
    if (token === '(') {
      const inner = parseOr();
      if (peek() !== ')') fail();
      next += 1;
      return inner;
    }
    if (!/^[a-z0-9]+$/.test(token)) fail();
    return { kind: 'lexeme', lexeme: token };
  };
  /** A phrase's side: one lexeme or an OR of lexemes (its positions are their union). */
  const lexemesOf = (tree: LexicalQueryTree): string[] => {
    if (tree.kind === 'lexeme') return [tree.lexeme];
    if (tree.kind === 'or') return tree.children.flatMap(lexemesOf);
    return fail();
  };

  const tree = parseOr();
  if (next !== tokens.length) fail();
  return tree;
}

/** Every lexeme the query mentions: a chunk can only match if it holds one of them. */
export function queryLexemes(tree: LexicalQueryTree): string[] {
  switch (tree.kind) {
    case 'lexeme':
      return [tree.lexeme];
    case 'or':
      return tree.children.flatMap(queryLexemes);
    case 'phrase':
      return [...tree.left, ...tree.right];
  }
}
