import type { TurnContext } from './turn-context.js';

/** A named step of the answer pipeline (govuk-chat style): it reads and extends the context. */
export interface PipelineStep {
  name: string;
  run(context: TurnContext): void | Promise<void>;
}

export function step(name: string, run: PipelineStep['run']): PipelineStep {
  return { name, run };
}

/**
 * Runs the steps in order, timing each, and stops at the first step that settles the turn
 * (`context.finish`). A pipeline that ends without an outcome is a bug, not a silent turn.
 */
export async function runPipeline(context: TurnContext, steps: PipelineStep[]): Promise<void> {
  for (const { name, run } of steps) {
    const started = performance.now();
    await run(context);
    context.timings[name] = Math.round((performance.now() - started) * 100) / 100;
    if (context.outcome) return;
  }
  throw new Error(
    `The dialogue pipeline ended without an outcome (steps: ${steps.map((s) => s.name).join(', ')})`,
  );
}
